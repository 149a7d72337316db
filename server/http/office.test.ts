import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import { buildServer, type ServerOptions } from './server';
import { testDatabases } from '../testing/databases';
import { browserClient } from '../testing/browserClient';
import { builtOfficePerSuite } from '../testing/builtOffice';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { TerminalScript, enrollTerminal, type TestClock } from '../testing/terminalScript';
import { FAILURES_BEFORE_LOCK, SESSION_IDLE_MS, SESSION_LIFETIME_MS } from '../office/adminUsers';

const PASSWORD = 'correct horse battery';

/** The head-office UI's server side over real HTTP on loopback: sign-in, sessions, CSRF, pages. */
describe.each(testDatabases)('the head-office UI server on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let adminToken: string;
  const servers: FastifyInstance[] = [];

  const office = headOfficePerTest(testDb);
  const built = builtOfficePerSuite();
  beforeEach(async () => {
    ({ db, clock, headOffice } = await office.fresh());
    adminToken = (await headOffice.ensureAdminToken()).newToken ?? '';
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function serve(options: ServerOptions = {}) {
    const app = await buildServer(headOffice, { office: { dir: built.dir() }, ...options });
    servers.push(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { call, setCookie } = browserClient(address);
    return { call, address, setCookie };
  }

  async function addAdmin(name = 'Ms Lam', password = PASSWORD) {
    const created = await headOffice.adminUsers.addAdminUser('test', { name, password });
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  }

  const code = (json: unknown) => (json as { error?: { code?: string } }).error?.code;

  it('serves the built UI at /office/ with strict security headers', async () => {
    const { call } = await serve();
    const page = await call('GET', '/office/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const asset = await call('GET', '/office/assets/office-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(asset.headers.get('content-security-policy')).toBeTruthy();
    expect((await call('GET', '/office/assets/../office.html')).status).not.toBe(200);
    expect((await call('GET', '/office/assets/nothing.js')).status).toBe(404);
    expect((await call('GET', '/office')).headers.get('location')).toBe('/office/');
    // API answers carry the headers too.
    const api = await call('GET', '/admin/stores');
    expect(api.status).toBe(401);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('says how to build the UI when it has not been built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'office-empty-'));
    try {
      const { call } = await serve({ office: { dir: empty } });
      const page = await call('GET', '/office/');
      expect(page.status).toBe(503);
      expect(page.text).toContain('npm run build');
      expect(page.text).toContain('總部');
      expect(page.headers.get('content-security-policy')).toBeTruthy();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('creates the first admin only with the admin token, and only once', async () => {
    const { call } = await serve();
    expect((await call('GET', '/office/api/session')).json).toEqual({
      signedIn: false,
      needsFirstAdmin: true,
    });
    const body = { adminToken, name: 'Ms Lam', password: PASSWORD };
    expect((await call('POST', '/office/api/first-admin', { body, ui: false })).status).toBe(403);
    const wrong = await call('POST', '/office/api/first-admin', {
      body: { ...body, adminToken: 'hoa_not-the-token' },
    });
    expect([wrong.status, code(wrong.json)]).toEqual([401, 'unauthorized']);
    const made = await call('POST', '/office/api/first-admin', { body });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ name: 'Ms Lam', language: 'en' });
    const again = await call('POST', '/office/api/first-admin', {
      body: { ...body, name: 'Mr Ho' },
    });
    expect([again.status, code(again.json)]).toEqual([409, 'name_taken']);
    expect((await call('GET', '/office/api/session')).json).toEqual({
      signedIn: false,
      needsFirstAdmin: false,
    });
  });

  it('signs in to an HttpOnly, SameSite=Strict session that calls /admin/*, and signs out', async () => {
    await addAdmin();
    const { call } = await serve();
    const signIn = await call('POST', '/office/api/session', {
      body: { name: 'ms lam', password: PASSWORD },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.json).toMatchObject({ signedIn: true, user: { name: 'Ms Lam' } });
    expect(signIn.setCookie).toMatch(
      /^ho_session=hos_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    expect((await call('GET', '/office/api/session')).json).toMatchObject({ signedIn: true });
    expect((await call('GET', '/admin/stores')).status).toBe(200);

    const created = await call('POST', '/admin/stores', { body: { name: 'Mong Kok' } });
    expect(created.status).toBe(201);
    const { rows } = await db.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'store.created'",
    );
    expect(rows).toEqual([{ actor: 'Ms Lam' }]);

    const out = await call('DELETE', '/office/api/session');
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/Max-Age=0/);
    expect((await call('GET', '/admin/stores')).status).toBe(401);
  });

  it('refuses a change from the session without the UI header or from another site', async () => {
    await addAdmin();
    const { call } = await serve();
    await call('POST', '/office/api/session', { body: { name: 'Ms Lam', password: PASSWORD } });
    const bare = await call('POST', '/admin/stores', { body: { name: 'X' }, ui: false });
    expect([bare.status, code(bare.json)]).toEqual([403, 'request_header_missing']);
    const foreign = await call('POST', '/admin/stores', {
      body: { name: 'X' },
      headers: { origin: 'https://evil.example' },
    });
    expect([foreign.status, code(foreign.json)]).toEqual([403, 'request_header_missing']);
    const garbled = await call('POST', '/admin/stores', {
      body: { name: 'X' },
      headers: { origin: 'not a url' },
    });
    expect(garbled.status).toBe(403);
    // Reading needs no header; nothing was created by the refused calls.
    const stores = await call('GET', '/admin/stores', { ui: false });
    expect(stores.json).toEqual({ stores: [] });
    // Signing out is a change too.
    expect((await call('DELETE', '/office/api/session', { ui: false })).status).toBe(403);
  });

  it('keeps admin tokens working for automation, judged by the token alone', async () => {
    await addAdmin();
    const { call } = await serve();
    await call('POST', '/office/api/session', { body: { name: 'Ms Lam', password: PASSWORD } });
    const byToken = await call('POST', '/admin/stores', {
      body: { name: 'Sha Tin' },
      headers: { authorization: `Bearer ${adminToken}` },
      ui: false,
      noCookie: true,
    });
    expect(byToken.status).toBe(201);
    const badToken = await call('GET', '/admin/stores', {
      headers: { authorization: 'Bearer hoa_wrong' },
    });
    expect(badToken.status).toBe(401);
  });

  it('refuses wrong passwords alike for unknown names, audits them, and pauses after several', async () => {
    await addAdmin();
    const { call } = await serve();
    const unknown = await call('POST', '/office/api/session', {
      body: { name: 'Nobody', password: PASSWORD },
    });
    expect([unknown.status, code(unknown.json)]).toEqual([401, 'sign_in_refused']);
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
      const wrong = await call('POST', '/office/api/session', {
        body: { name: 'Ms Lam', password: 'wrong password!' },
      });
      expect(code(wrong.json)).toBe('sign_in_refused');
    }
    const locked = await call('POST', '/office/api/session', {
      body: { name: 'Ms Lam', password: PASSWORD },
    });
    expect([locked.status, code(locked.json)]).toEqual([429, 'sign_in_locked']);
    expect(Number(locked.headers.get('retry-after'))).toBe(60);
    expect(locked.setCookie).toBeNull();
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'admin.sign_in_failed'",
    );
    expect(rows[0]?.n).toBe(FAILURES_BEFORE_LOCK + 2);
    clock.advance(61_000);
    const later = await call('POST', '/office/api/session', {
      body: { name: 'Ms Lam', password: PASSWORD },
    });
    expect(later.status).toBe(200);
  }, 60_000);

  it('limits sign-in attempts per address whatever the name', async () => {
    const { call } = await serve({
      office: { dir: built.dir(), signInRateLimit: { max: 3, timeWindowMs: 60_000 } },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await call('POST', '/office/api/session', {
            body: { name: `guess ${i}`, password: 'x' },
            headers: { authorization: `Bearer made-up-${i}` },
          })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('ends a session after its lifetime, and after sitting idle', async () => {
    await addAdmin();
    const { call, setCookie } = await serve();
    await call('POST', '/office/api/session', { body: { name: 'Ms Lam', password: PASSWORD } });
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await call('GET', '/admin/stores')).status).toBe(200);
    clock.advance(SESSION_IDLE_MS + 1);
    expect((await call('GET', '/admin/stores')).status).toBe(401);

    await call('POST', '/office/api/session', { body: { name: 'Ms Lam', password: PASSWORD } });
    for (let used = 0; used < SESSION_LIFETIME_MS; used += SESSION_IDLE_MS / 2) {
      clock.advance(SESSION_IDLE_MS / 2);
      await call('GET', '/office/api/session');
    }
    expect((await call('GET', '/admin/stores')).status).toBe(401);
    setCookie('ho_session=hos_made-up');
    expect((await call('GET', '/admin/stores')).status).toBe(401);
    setCookie('ho_session=<script>');
    expect((await call('GET', '/admin/stores')).status).toBe(401);
  });

  it('remembers the language per admin', async () => {
    await addAdmin();
    const { call } = await serve();
    await call('POST', '/office/api/session', { body: { name: 'Ms Lam', password: PASSWORD } });
    const set = await call('PUT', '/office/api/session/language', {
      body: { language: 'zh-Hant' },
    });
    expect(set.json).toMatchObject({ language: 'zh-Hant' });
    await call('DELETE', '/office/api/session');
    const again = await call('POST', '/office/api/session', {
      body: { name: 'Ms Lam', password: PASSWORD },
    });
    expect(again.json).toMatchObject({ user: { language: 'zh-Hant' } });
    for (const body of [{ language: 'fr' }, { language: 'en', extra: 1 }, 'zh-Hant', null]) {
      const bad = await call('PUT', '/office/api/session/language', { body });
      expect([bad.status, code(bad.json)]).toEqual([400, 'invalid_input']);
    }
    await call('DELETE', '/office/api/session');
    const signedOut = await call('PUT', '/office/api/session/language', {
      body: { language: 'en' },
    });
    expect(signedOut.status).toBe(401);
  });

  it('refuses hostile input on every new route, writing nothing', async () => {
    await addAdmin();
    const { call } = await serve();
    const signIns = [
      undefined,
      [],
      'Ms Lam',
      { name: 'Ms Lam' },
      { name: 'Ms Lam', password: PASSWORD, extra: true },
      { name: 'x'.repeat(65), password: PASSWORD },
      { name: 'Ms Lam', password: 'x'.repeat(201) },
      { name: { $ne: '' }, password: PASSWORD },
      { name: "' OR 1=1 --", password: "' OR 1=1 --" },
    ];
    for (const body of signIns) {
      const answer = await call('POST', '/office/api/session', {
        ...(body === undefined ? { raw: '' } : { body }),
      });
      expect(answer.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(answer.setCookie, JSON.stringify(body)).toBeNull();
    }
    const protoPoison = await call('POST', '/office/api/session', {
      raw: '{"__proto__": {"admin": true}, "name": "Ms Lam", "password": "x"}',
    });
    expect(protoPoison.status).toBe(400);

    const token = { authorization: `Bearer ${adminToken}` };
    for (const body of [
      { name: 'A', password: 'short' },
      { name: '', password: PASSWORD },
      { name: 'bell\u0007', password: PASSWORD },
      { name: 'Nul\u0000', password: PASSWORD },
      { name: 'A', password: PASSWORD, role: 'root' },
      { name: 'ms lam', password: PASSWORD },
    ]) {
      const answer = await call('POST', '/admin/admin-users', { body, headers: token });
      expect(answer.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
    }
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM admin_user');
    expect(rows[0]?.n).toBe(1);

    for (const route of [
      '/admin/reports',
      '/admin/reports?from=2026-11-02',
      '/admin/reports?from=2026-11-05&to=2026-11-01',
      '/admin/reports?from=2026-02-30&to=2026-03-01',
      '/admin/reports?from=2024-01-01&to=2026-01-01',
      "/admin/reports?from=2026-11-01'--&to=2026-11-02",
      '/admin/reports?from=2026-11-01&to=2026-11-02&format=pdf',
      '/admin/config/history?limit=0',
      '/admin/config/history?limit=201',
      '/admin/config/history?limit=abc',
    ]) {
      const answer = await call('GET', route, { headers: token });
      expect([answer.status, code(answer.json)], route).toEqual([400, 'invalid_input']);
    }
    for (const body of [
      { adminToken: 42, name: 'A', password: PASSWORD },
      { adminToken, name: 'A' },
      { adminToken, name: 'A', password: PASSWORD, extra: 1 },
    ]) {
      const answer = await call('POST', '/office/api/first-admin', { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('lists admins and adds one through the API (audited with who added them)', async () => {
    await addAdmin();
    const { call } = await serve();
    await call('POST', '/office/api/session', { body: { name: 'Ms Lam', password: PASSWORD } });
    const added = await call('POST', '/admin/admin-users', {
      body: { name: 'Mr Ho', password: 'another long one' },
    });
    expect(added.status).toBe(201);
    const listed = await call('GET', '/admin/admin-users');
    expect((listed.json as { admins: { name: string }[] }).admins.map((a) => a.name)).toEqual([
      'Mr Ho',
      'Ms Lam',
    ]);
    const { rows } = await db.query<{ actor: string; details: unknown }>(
      "SELECT actor, details FROM audit_log WHERE action = 'admin_user.created' ORDER BY id",
    );
    expect(rows.at(-1)).toEqual({
      actor: 'Ms Lam',
      details: { name: 'Mr Ho', role: 'admin', storeId: null },
    });
    // Only the hash is kept, and it is scrypt's.
    const { rows: hashes } = await db.query<{ password_hash: string }>(
      'SELECT password_hash FROM admin_user',
    );
    for (const { password_hash } of hashes) {
      expect(password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(password_hash).not.toContain('long one');
    }
  });

  it('records what each terminal says is waiting in its outbox', async () => {
    const till = new TerminalScript(await enrollTerminal(headOffice), clock);
    till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    const pushed = await headOffice.push(till.terminal.auth, { ...till.batch(), outboxPending: 7 });
    expect(pushed.ok).toBe(true);
    const waiting = async () => {
      const listed = await headOffice.admin.listTerminals();
      return listed.ok ? listed.value.terminals[0]?.outboxPending : undefined;
    };
    expect(await waiting()).toBe(7);
    const pulled = await headOffice.pull(till.terminal.auth, {
      stream: 'members',
      after: 0,
      limit: 10,
      outboxPending: 0,
    });
    expect(pulled.ok).toBe(true);
    expect(await waiting()).toBe(0);
    // Older terminals send nothing: the last figure stands.
    await headOffice.pull(till.terminal.auth, { stream: 'members', after: 0, limit: 10 });
    expect(await waiting()).toBe(0);
    for (const outboxPending of [-1, 1.5, '3', 2_000_000_000]) {
      const refused = await headOffice.pull(till.terminal.auth, {
        stream: 'members',
        after: 0,
        limit: 10,
        outboxPending,
      });
      expect(refused, String(outboxPending)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });
});
