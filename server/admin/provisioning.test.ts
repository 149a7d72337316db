import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enrollResponse } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TerminalScript, TestClock, enrollTerminal } from '../testing/terminalScript';

describe.each(testDatabases)('provisioning and access on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;

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
  });

  async function newStore(name = 'Mong Kok') {
    const store = await headOffice.admin.createStore('admin', { name });
    if (!store.ok) throw new Error(store.error.message);
    return store.value;
  }

  async function newCode(storeId: string, body: unknown = {}) {
    const code = await headOffice.admin.createEnrollmentCode('admin', storeId, body);
    if (!code.ok) throw new Error(code.error.message);
    return code.value;
  }

  it('creates and lists stores, refusing a nameless one', async () => {
    await newStore('Tsim Sha Tsui');
    await newStore('Central');
    const list = await headOffice.admin.listStores();
    expect(list.ok && list.value.stores.map((s) => s.name)).toEqual(['Central', 'Tsim Sha Tsui']);
    const bad = await headOffice.admin.createStore('admin', { name: '   ' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const extra = await headOffice.admin.createStore('admin', { name: 'X', admin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('issues short readable codes that enroll exactly one terminal', async () => {
    const store = await newStore();
    const code = await newCode(store.id);
    expect(code.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(code.expiresAt).toBe(new Date(clock.ms + 24 * 3600_000).toISOString());

    // Typed in lower case without the dash: still the same code.
    const typed = code.code.replace('-', ' ').toLowerCase();
    const first = await headOffice.enroll({
      code: typed,
      terminalName: 'Till 1',
      appVersion: '0.1.0',
    });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(enrollResponse.parse(first.value)).toEqual(first.value);
    expect(first.value).toMatchObject({ storeId: store.id, storeName: 'Mong Kok' });
    expect(first.value.terminalNumber).toBeGreaterThanOrEqual(10000);
    expect(first.value.terminalNumber).toBeLessThanOrEqual(99999);

    const again = await headOffice.enroll({
      code: code.code,
      terminalName: 'Till 2',
      appVersion: '0.1.0',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'enrollment_code_used' } });

    // Only a hash of the credential is stored.
    const { rows } = await db.query<{ credential_hash: string }>(
      'SELECT credential_hash FROM terminal',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.credential_hash).not.toContain(first.value.credential);
    expect(rows[0]?.credential_hash).toMatch(/^[0-9a-f]{64}$/);
    const { rows: codes } = await db.query<{ code_hash: string }>(
      'SELECT code_hash FROM enrollment_code',
    );
    expect(codes[0]?.code_hash).not.toContain(code.code.replace('-', ''));
  });

  it('refuses an expired code, an unknown code and a code for no store', async () => {
    const store = await newStore();
    const code = await newCode(store.id, { ttlMinutes: 30 });
    clock.advance(30 * 60_000);
    const late = await headOffice.enroll({
      code: code.code,
      terminalName: 'Till',
      appVersion: '1',
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'enrollment_code_expired' } });
    const unknown = await headOffice.enroll({
      code: 'AAAA-BBBB',
      terminalName: 'Till',
      appVersion: '1',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'enrollment_code_invalid' } });
    const junk = await headOffice.enroll({ code: '💥', terminalName: 'Till', appVersion: '1' });
    expect(junk).toMatchObject({ ok: false, error: { code: 'enrollment_code_invalid' } });
    const noStore = await headOffice.admin.createEnrollmentCode(
      'admin',
      '01900000-0000-7000-8000-000000000000',
      {},
    );
    expect(noStore).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const badTtl = await headOffice.admin.createEnrollmentCode('admin', store.id, {
      ttlMinutes: 0,
    });
    expect(badTtl).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (const body of [
      null,
      'code',
      { code: 'AAAA-BBBB' },
      { code: 'AAAA-BBBB', terminalName: '', appVersion: '1' },
    ]) {
      expect(await headOffice.enroll(body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('gives every terminal in the chain its own number', async () => {
    const stores = [await newStore('A'), await newStore('B')];
    const numbers = new Set<number>();
    for (let i = 0; i < 24; i++) {
      const enrolled = await enrollTerminal(headOffice, { storeId: stores[i % 2]?.id });
      numbers.add(enrolled.auth.terminalNumber);
    }
    expect(numbers.size).toBe(24);
  });

  it('authenticates a credential and refuses unknown and revoked ones', async () => {
    const terminal = await enrollTerminal(headOffice);
    const auth = await headOffice.authenticateTerminal(terminal.credential, {
      appVersion: '0.2.0',
    });
    expect(auth).toEqual({ ok: true, value: terminal.auth });
    expect(await headOffice.authenticateTerminal(undefined)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await headOffice.authenticateTerminal(`${terminal.credential}x`)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });

    const listed = await headOffice.admin.listTerminals();
    expect(listed.ok && listed.value.terminals[0]).toMatchObject({
      id: terminal.auth.terminalId,
      appVersion: '0.2.0',
      highWaterMark: 0,
      lastSeenAt: new Date(clock.ms).toISOString(),
      revokedAt: null,
    });

    const revoked = await headOffice.admin.revokeTerminal('admin', terminal.auth.terminalId);
    expect(revoked).toMatchObject({ ok: true, value: { revokedBy: 'admin' } });
    expect(await headOffice.authenticateTerminal(terminal.credential)).toMatchObject({
      ok: false,
      error: { code: 'terminal_revoked' },
    });
    // A push already past authentication when the revocation lands is refused too.
    const script = new TerminalScript(terminal, clock);
    script.sale({});
    expect(await headOffice.push(terminal.auth, script.batch())).toMatchObject({
      ok: false,
      error: { code: 'terminal_revoked' },
    });
    // Revoking again changes nothing; an unknown terminal is not found.
    const twice = await headOffice.admin.revokeTerminal('someone else', terminal.auth.terminalId);
    expect(twice).toMatchObject({ ok: true, value: { revokedBy: 'admin' } });
    expect(
      await headOffice.admin.revokeTerminal('admin', '01900000-0000-7000-8000-000000000000'),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('lets a terminal push only as itself', async () => {
    const a = await enrollTerminal(headOffice, { storeName: 'A' });
    const b = await enrollTerminal(headOffice, { storeName: 'B' });
    const scriptB = new TerminalScript(b, clock);
    scriptB.sale({});
    const asOther = await headOffice.push(a.auth, scriptB.batch());
    expect(asOther).toMatchObject({ ok: false, error: { code: 'wrong_terminal' } });
    const pushed = await headOffice.push(b.auth, scriptB.batch());
    expect(pushed.ok).toBe(true);
  });

  it('generates an admin token once, keeps only its hash, and can replace it', async () => {
    const first = await headOffice.ensureAdminToken();
    expect(first.source).toBe('generated');
    const token = first.newToken ?? '';
    expect(token).toMatch(/^hoa_/);
    expect(await headOffice.authenticateAdmin(token)).toMatchObject({
      ok: true,
      value: { actor: 'admin' },
    });
    expect(await headOffice.ensureAdminToken()).toEqual({ newToken: null, source: 'stored' });
    expect(await headOffice.authenticateAdmin('hoa_wrong')).toMatchObject({ ok: false });
    expect(await headOffice.authenticateAdmin(undefined)).toMatchObject({ ok: false });

    const rotated = await headOffice.ensureAdminToken({ rotate: true });
    expect(rotated.newToken).not.toBe(token);
    expect(await headOffice.authenticateAdmin(token)).toMatchObject({ ok: false });
    expect(await headOffice.authenticateAdmin(rotated.newToken ?? '')).toMatchObject({ ok: true });

    const fromEnv = await headOffice.ensureAdminToken({
      environmentToken: 'a-long-enough-admin-secret-of-32+-chars',
    });
    expect(fromEnv).toEqual({ newToken: null, source: 'environment' });
    expect(
      await headOffice.authenticateAdmin('a-long-enough-admin-secret-of-32+-chars'),
    ).toMatchObject({
      ok: true,
      value: { actor: 'admin (environment)' },
    });
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM admin_token');
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });

  it('audits what admins do', async () => {
    const store = await newStore();
    await newCode(store.id);
    const { rows } = await db.query<{ actor: string; action: string }>(
      'SELECT actor, action FROM audit_log ORDER BY id',
    );
    expect(rows).toEqual([
      { actor: 'admin', action: 'store.created' },
      { actor: 'admin', action: 'enrollment_code.created' },
    ]);
  });
});
