import type { FastifyInstance } from 'fastify';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  enrollResponse,
  headOfficeErrorBody,
  pullResponse,
  pushResponse,
} from '../../shared/sync/protocol';
import { defaultProgram } from '../../shared/program';
import type { Database } from '../db/database';
import { LATEST_VERSION } from '../db/migrate';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { buildServer, type ServerOptions } from './server';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TerminalScript, TestClock, type EnrolledTerminal } from '../testing/terminalScript';

describe.each(testDatabases)('the HTTP API on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let adminToken: string;
  const servers: FastifyInstance[] = [];

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new TestClock();
    headOffice = await createHeadOffice(db, { now: clock.now });
    adminToken = (await headOffice.ensureAdminToken()).newToken ?? '';
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** A real server on a loopback port. */
  async function serve(options: ServerOptions = {}) {
    const app = await buildServer(headOffice, options);
    servers.push(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const call = async (
      method: string,
      path: string,
      init: {
        token?: string;
        body?: unknown;
        raw?: Buffer | string;
        headers?: Record<string, string>;
      } = {},
    ) => {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: Buffer | string | undefined = init.raw;
      if (init.body !== undefined) body = JSON.stringify(init.body);
      if (body !== undefined && !headers['content-type'])
        headers['content-type'] = 'application/json';
      const response = await fetch(`${address}${path}`, { method, headers, body });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        json: text ? (JSON.parse(text) as unknown) : null,
      };
    };
    return call;
  }

  type Call = Awaited<ReturnType<typeof serve>>;

  async function enrollOverHttp(call: Call): Promise<EnrolledTerminal> {
    const store = await call('POST', '/admin/stores', {
      token: adminToken,
      body: { name: 'Causeway Bay' },
    });
    expect(store.status).toBe(201);
    const storeId = (store.json as { id: string }).id;
    const code = await call('POST', `/admin/stores/${storeId}/enrollment-codes`, {
      token: adminToken,
    });
    expect(code.status).toBe(201);
    const enrolled = await call('POST', '/enroll', {
      body: {
        code: (code.json as { code: string }).code,
        terminalName: 'Till 1',
        appVersion: '0.1.0',
      },
    });
    expect(enrolled.status).toBe(201);
    const value = enrollResponse.parse(enrolled.json);
    return {
      auth: {
        terminalId: value.terminalId,
        storeId: value.storeId,
        terminalNumber: value.terminalNumber,
      },
      credential: value.credential,
      storeId: value.storeId,
      storeName: value.storeName,
    };
  }

  function errorCode(json: unknown): string {
    return headOfficeErrorBody.parse(json).error.code;
  }

  it('answers /health without a token', async () => {
    const call = await serve();
    const health = await call('GET', '/health');
    expect(health).toMatchObject({
      status: 200,
      json: { status: 'ok', database: db.kind, schemaVersion: LATEST_VERSION },
    });
    const missing = await call('GET', '/nowhere');
    expect(missing.status).toBe(404);
    expect(errorCode(missing.json)).toBe('route_not_found');
  });

  it('refuses requests without the right kind of token with 401', async () => {
    const call = await serve();
    const terminal = await enrollOverHttp(call);
    const cases: [string, string, string | undefined][] = [
      ['POST', '/sync/push', undefined],
      ['POST', '/sync/pull', 'hot_not-a-real-credential'],
      ['POST', '/sync/pull', adminToken],
      ['GET', '/admin/stores', undefined],
      ['GET', '/admin/terminals', terminal.credential],
      ['GET', '/admin/exceptions', 'Basic dXNlcjpwYXNz'],
    ];
    for (const [method, path, token] of cases) {
      const response = await call(method, path, method === 'GET' ? { token } : { token, body: {} });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(errorCode(response.json)).toBe('unauthorized');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('runs the whole round: store, code, enrollment, push, pull, admin views', async () => {
    const call = await serve();
    const terminal = await enrollOverHttp(call);
    const till = new TerminalScript(terminal, clock);
    const chan = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    till.sale({ memberId: chan.memberId, earn: 100 });
    till.sale({ memberId: chan.memberId, redeem: 200 });

    const pushed = await call('POST', '/sync/push', {
      token: terminal.credential,
      body: till.batch(),
      headers: { 'x-app-version': '0.1.1' },
    });
    expect(pushed.status).toBe(200);
    const push = pushResponse.parse(pushed.json);
    expect(push.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'compensated']);

    const pulled = await call('POST', '/sync/pull', {
      token: terminal.credential,
      body: { stream: 'balances', after: 0, limit: 100 },
    });
    expect(pulled.status).toBe(200);
    expect(pullResponse.parse(pulled.json)).toMatchObject({
      terminalHighWaterMark: 3,
      hasMore: false,
    });

    const terminals = await call('GET', '/admin/terminals', { token: adminToken });
    expect(terminals.json).toMatchObject({
      terminals: [
        { id: terminal.auth.terminalId, highWaterMark: 3, appVersion: '0.1.1', revokedAt: null },
      ],
    });
    const stores = await call('GET', '/admin/stores', { token: adminToken });
    expect(stores.json).toMatchObject({ stores: [{ name: 'Causeway Bay', terminals: 1 }] });

    const config = await call('GET', '/admin/config', { token: adminToken });
    expect(config.json).toMatchObject({ version: 1 });
    const newConfig = {
      program: { ...defaultProgram, earn: { ...defaultProgram.earn, perSpendMinor: 1000 } },
      offlineRedemption: {
        maxPointsPerSaleOffline: 0,
        maxPointsPerMemberOffline: 0,
        maxOfflineHours: 0,
      },
    };
    const put = await call('PUT', '/admin/config', { token: adminToken, body: newConfig });
    expect(put).toMatchObject({ status: 200, json: { ...newConfig, version: 2 } });

    const open = await call('GET', '/admin/exceptions?status=open', { token: adminToken });
    const [overdraft] = (open.json as { exceptions: { id: string; kind: string }[] }).exceptions;
    expect(overdraft?.kind).toBe('overdraft');
    const one = await call('GET', `/admin/exceptions/${overdraft?.id}`, { token: adminToken });
    expect(one.json).toMatchObject({ id: overdraft?.id, facts: { pointsRedeemed: 200 } });
    const resolve = { resolution: 'charge_back', note: 'Customer paid the difference in cash.' };
    const resolved = await call('POST', `/admin/exceptions/${overdraft?.id}/resolve`, {
      token: adminToken,
      body: resolve,
    });
    expect(resolved).toMatchObject({
      status: 200,
      json: { status: 'resolved', resolvedBy: 'admin' },
    });
    const again = await call('POST', `/admin/exceptions/${overdraft?.id}/resolve`, {
      token: adminToken,
      body: resolve,
    });
    expect(again.status).toBe(409);
    expect(errorCode(again.json)).toBe('already_resolved');

    const revoked = await call('POST', `/admin/terminals/${terminal.auth.terminalId}/revoke`, {
      token: adminToken,
    });
    expect(revoked).toMatchObject({ status: 200, json: { revokedBy: 'admin' } });
    const refused = await call('POST', '/sync/pull', {
      token: terminal.credential,
      body: { stream: 'members', after: 0, limit: 10 },
    });
    expect(refused.status).toBe(403);
    expect(errorCode(refused.json)).toBe('terminal_revoked');
  });

  it('answers 400 to malformed bodies and 403 to pushing as another terminal', async () => {
    const call = await serve();
    const terminal = await enrollOverHttp(call);
    const token = terminal.credential;
    const notJson = await call('POST', '/sync/push', { token, raw: '{"protocol": 1,' });
    expect(notJson.status).toBe(400);
    expect(errorCode(notJson.json)).toBe('invalid_json');
    const empty = await call('POST', '/sync/push', {
      token,
      raw: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(400);
    const wrongShape = await call('POST', '/sync/push', {
      token,
      body: { protocol: 1, operations: 'all' },
    });
    expect(wrongShape.status).toBe(400);
    const parsed = headOfficeErrorBody.parse(wrongShape.json);
    expect(parsed.error.code).toBe('invalid_input');
    expect(parsed.error.details?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'terminalId' })]),
    );
    const poisoned = await call('POST', '/sync/push', {
      token,
      raw: '{"__proto__": {"admin": true}}',
    });
    expect(poisoned.status).toBe(400);
    const text = await call('POST', '/sync/push', {
      token,
      raw: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(errorCode(text.json)).toBe('unsupported_media_type');
    const badId = await call('POST', '/admin/terminals/not-a-uuid/revoke', { token: adminToken });
    expect(badId.status).toBe(400);

    const till = new TerminalScript(terminal, clock);
    till.sale({});
    const other = await call('POST', '/sync/push', {
      token,
      body: { ...till.batch(), terminalId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(other.status).toBe(403);
    expect(errorCode(other.json)).toBe('wrong_terminal');
  });

  it('takes a gzip push of 500 operations and refuses bodies that are too large, compressed or not', async () => {
    const call = await serve();
    const terminal = await enrollOverHttp(call);
    const till = new TerminalScript(terminal, clock);
    const chan = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    for (let i = 1; i < 500; i++) till.sale({ memberId: chan.memberId, earn: 1 });
    const json = JSON.stringify(till.batch());
    const zipped = gzipSync(json);
    const pushed = await call('POST', '/sync/push', {
      token: terminal.credential,
      raw: zipped,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(pushed.status).toBe(200);
    expect(pushResponse.parse(pushed.json).highWaterMark).toBe(500);

    const tooLarge = await call('POST', '/sync/push', {
      token: terminal.credential,
      raw: `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`,
    });
    expect(tooLarge.status).toBe(413);
    expect(errorCode(tooLarge.json)).toBe('too_large');

    // 64 MiB of zeros squeezes into about 64 KiB: refused once it unpacks past the limit.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const exploded = await call('POST', '/sync/push', {
      token: terminal.credential,
      raw: bomb,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(exploded.status).toBe(413);

    const broken = await call('POST', '/sync/push', {
      token: terminal.credential,
      raw: Buffer.from('definitely not gzip'),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(broken.status).toBe(400);
    expect(errorCode(broken.json)).toBe('invalid_gzip');

    const brotli = await call('POST', '/sync/push', {
      token: terminal.credential,
      raw: json,
      headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    });
    expect(brotli.status).toBe(415);
    expect(errorCode(brotli.json)).toBe('unsupported_encoding');
    // The server is still fine afterwards.
    expect((await call('GET', '/health')).status).toBe(200);
  }, 60_000);

  it('rate-limits per credential with 429', async () => {
    const call = await serve({ rateLimit: { max: 5, timeWindowMs: 60_000 } });
    const first = await enrollOverHttp(call); // 3 requests on the admin token and the enroll route
    const second = await enrollOverHttp(call);
    const pull = (token: string) =>
      call('POST', '/sync/pull', { token, body: { stream: 'config', after: 0, limit: 1 } });
    for (let i = 0; i < 5; i++) expect((await pull(first.credential)).status).toBe(200);
    const limited = await pull(first.credential);
    expect(limited.status).toBe(429);
    expect(errorCode(limited.json)).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another terminal has its own budget.
    expect((await pull(second.credential)).status).toBe(200);
  });

  it('limits enrollment attempts per address, whatever the headers say', async () => {
    const call = await serve({ enrollRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await call('POST', '/enroll', {
        token: `made-up-${i}`,
        body: { code: 'AAAA-BBBB', terminalName: 'Guesser', appVersion: '1' },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
  });
});
