import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TerminalScript, TestClock, enrollTerminal } from '../testing/terminalScript';
import { terminalAuthCache, TERMINAL_AUTH_TTL_MS } from './terminalAuthCache';

describe('terminalAuthCache', () => {
  const auth = { terminalId: 't1', storeId: 's1', terminalNumber: 10001 };

  it('keeps a checked credential for its lifetime, per app version', () => {
    const cache = terminalAuthCache(1_000);
    cache.set('hash', '0.1.0', auth, 0);
    expect(cache.get('hash', '0.1.0', 999)).toEqual(auth);
    expect(cache.get('hash', '0.2.0', 10)).toBeNull();
    expect(cache.get('other', '0.1.0', 10)).toBeNull();
    expect(cache.get('hash', '0.1.0', 1_000)).toBeNull();
  });

  it('forgets a terminal at once, and the oldest credential past its size', () => {
    const cache = terminalAuthCache(1_000, 2);
    cache.set('a', null, auth, 0);
    cache.set('b', null, { ...auth, terminalId: 't2' }, 0);
    cache.forgetTerminal('t1');
    expect(cache.get('a', null, 1)).toBeNull();
    expect(cache.get('b', null, 1)).not.toBeNull();
    cache.set('c', null, auth, 0);
    cache.set('d', null, auth, 0);
    expect(cache.get('b', null, 1)).toBeNull();
    expect(cache.get('d', null, 1)).not.toBeNull();
  });

  it('keeps nothing with a lifetime of 0', () => {
    const cache = terminalAuthCache(0);
    cache.set('a', null, auth, 0);
    expect(cache.get('a', null, 0)).toBeNull();
  });
});

describe.each(testDatabases)('a terminal revoked on another node, on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let nodeA: HeadOffice;
  let nodeB: HeadOffice;

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new TestClock();
    nodeA = await createHeadOffice(db, { now: clock.now });
    nodeB = await createHeadOffice(db, { now: clock.now });
  });

  it('is refused a push at once everywhere, and a pull within the cache lifetime', async () => {
    const terminal = await enrollTerminal(nodeA);
    expect(await nodeB.authenticateTerminal(terminal.credential)).toMatchObject({ ok: true });
    const revoked = await nodeA.admin.revokeTerminal('admin', terminal.auth.terminalId);
    expect(revoked.ok).toBe(true);

    // The revoking node forgets the credential at once.
    expect(await nodeA.authenticateTerminal(terminal.credential)).toMatchObject({
      ok: false,
      error: { code: 'terminal_revoked' },
    });
    // The other node still trusts what it checked a moment ago …
    const stale = await nodeB.authenticateTerminal(terminal.credential);
    expect(stale).toMatchObject({ ok: true });
    // … but a push reads the revocation under the terminal's lock, and is refused.
    const script = new TerminalScript(terminal, clock);
    script.sale({});
    expect(await nodeB.push(terminal.auth, script.batch())).toMatchObject({
      ok: false,
      error: { code: 'terminal_revoked' },
    });
    // Past the cache's lifetime, the other node asks the database again.
    clock.advance(TERMINAL_AUTH_TTL_MS);
    expect(await nodeB.authenticateTerminal(terminal.credential)).toMatchObject({
      ok: false,
      error: { code: 'terminal_revoked' },
    });
  });

  it('asks the database every time with a lifetime of 0', async () => {
    const strict = await createHeadOffice(db, { now: clock.now, terminalAuthCacheMs: 0 });
    const terminal = await enrollTerminal(nodeA);
    expect(await strict.authenticateTerminal(terminal.credential)).toMatchObject({ ok: true });
    await nodeA.admin.revokeTerminal('admin', terminal.auth.terminalId);
    expect(await strict.authenticateTerminal(terminal.credential)).toMatchObject({
      ok: false,
      error: { code: 'terminal_revoked' },
    });
  });
});
