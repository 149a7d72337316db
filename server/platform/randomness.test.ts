import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '../../shared/ids';
import type { Database } from '../db/database';
import { createHeadOffice } from '../headOffice';
import { serviceRandom } from './randomness';
import { resetDatabase, testDatabases } from '../testing/databases';
import { seededRandom } from '../testing/seededRandom';
import { TerminalScript, TestClock, enrollTerminal, pushOk } from '../testing/terminalScript';

describe('service randomness', () => {
  it('makes version-7 UUIDs that carry the time and sort by it', () => {
    const random = serviceRandom(seededRandom(1));
    const early = random.uuidv7(Date.parse('2026-11-02T09:00:00Z'));
    const late = random.uuidv7(Date.parse('2026-11-02T09:00:01Z'));
    expect(early).toMatch(UUID_PATTERN);
    expect(early[14]).toBe('7');
    expect('89ab').toContain(early[19]);
    expect(early < late).toBe(true);
    expect(parseInt(early.replace(/-/g, '').slice(0, 12), 16)).toBe(
      Date.parse('2026-11-02T09:00:00Z'),
    );
  });

  it('draws whole numbers below a bound, every one reachable, none favoured', () => {
    const random = serviceRandom(seededRandom(7));
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 7000; i++) {
      const n = random.below(7);
      expect(Number.isInteger(n) && n >= 0 && n < 7).toBe(true);
      counts[n] = (counts[n] ?? 0) + 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(850);
    expect(() => random.below(0)).toThrow();
    // A source that returns too few bytes is a bug, not randomness.
    expect(() => serviceRandom(() => new Uint8Array(1)).below(5)).toThrow(/bytes/);
  });

  it('uses the operating system by default', () => {
    const a = serviceRandom();
    const b = serviceRandom();
    expect(a.bytes(32)).not.toEqual(b.bytes(32));
  });
});

describe.each(testDatabases)('a seeded head office on $name', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  /** A fresh head office with `seed`: two stores, three terminals, an admin token. */
  async function run(seed: number) {
    await resetDatabase(db);
    const clock = new TestClock();
    const headOffice = await createHeadOffice(db, { now: clock.now, random: seededRandom(seed) });
    const admin = await headOffice.ensureAdminToken();
    const central = await headOffice.admin.createStore('admin', { name: 'Central' });
    if (!central.ok) throw new Error(central.error.message);
    const code = await headOffice.admin.createEnrollmentCode('admin', central.value.id, {});
    if (!code.ok) throw new Error(code.error.message);
    const enrolled = [
      await enrollTerminal(headOffice, { storeId: central.value.id }),
      await enrollTerminal(headOffice, { storeId: central.value.id }),
      await enrollTerminal(headOffice, { storeName: 'Sha Tin' }),
    ];
    // Exceptions get head office's ids too.
    const [tillA, tillB] = enrolled.map((t) => new TerminalScript(t, clock));
    if (!tillA || !tillB) throw new Error('terminals missing');
    tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    tillB.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    await pushOk(headOffice, tillA);
    const merged = await pushOk(headOffice, tillB);
    return {
      adminToken: admin.newToken,
      exceptionId: merged.outcomes[0]?.compensation?.exceptionId,
      storeId: central.value.id,
      code: code.value.code,
      terminals: enrolled.map((t) => ({
        id: t.auth.terminalId,
        number: t.auth.terminalNumber,
        credential: t.credential,
      })),
    };
  }

  it('hands out the same ids, codes, credentials and terminal numbers for the same seed', async () => {
    const first = await run(42);
    const second = await run(42);
    expect(second).toEqual(first);
    expect(first.exceptionId).toEqual(expect.any(String));
    expect(first.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(new Set(first.terminals.map((t) => t.number)).size).toBe(3);
    const other = await run(43);
    expect(other.terminals.map((t) => t.number)).not.toEqual(first.terminals.map((t) => t.number));
    expect(other.code).not.toBe(first.code);
  }, 60_000);
});
