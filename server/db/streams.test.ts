import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { publishChanges } from './streams';
import { testDatabases } from '../testing/databases';
import { databasePerTest } from '../testing/headOfficePerTest';

/**
 * Stream numbers are taken at commit (migration 0006): what a transaction publishes is numbered
 * inside its COMMIT, in the order it was published, with the stream's counter locked for as
 * long as the commit takes.
 */
describe.each(testDatabases)('stream numbers taken at commit on $name', (testDb) => {
  let db: Database;
  const at = '2026-11-02T09:00:00.000Z';

  const database = databasePerTest(testDb);
  beforeEach(async () => {
    db = await database.fresh();
  });

  const log = async () =>
    (
      await db.query<{ stream: string; seq: number; entity_id: string; data: unknown }>(
        "SELECT stream, seq, entity_id, data FROM change_log WHERE stream <> 'config' ORDER BY stream, seq",
      )
    ).rows;
  const counters = async () =>
    (
      await db.query<{ stream: string; seq: number }>(
        "SELECT stream, seq FROM stream_counter WHERE stream <> 'config' ORDER BY stream",
      )
    ).rows;

  it('numbers what a transaction published when it commits, in order, per stream', async () => {
    const inside = await db.transaction(async (tx) => {
      await publishChanges(
        tx,
        [
          { stream: 'members', entityId: 'm1', data: { n: 1 } },
          { stream: 'balances', entityId: 'm1', data: { n: 2 } },
        ],
        at,
      );
      await publishChanges(
        tx,
        [
          { stream: 'balances', entityId: 'm2', data: { n: 3 } },
          { stream: 'members', entityId: 'm2', data: { n: 4 } },
        ],
        at,
      );
      const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int8 AS n FROM change_log');
      return rows[0]?.n;
    });
    // Nothing is numbered before the commit; everything is after it.
    expect(inside).toBe(0);
    expect(await log()).toEqual([
      { stream: 'balances', seq: 1, entity_id: 'm1', data: { n: 2 } },
      { stream: 'balances', seq: 2, entity_id: 'm2', data: { n: 3 } },
      { stream: 'members', seq: 1, entity_id: 'm1', data: { n: 1 } },
      { stream: 'members', seq: 2, entity_id: 'm2', data: { n: 4 } },
    ]);
    expect(await counters()).toEqual([
      { stream: 'balances', seq: 2 },
      { stream: 'complaints', seq: 0 },
      { stream: 'consent', seq: 0 },
      { stream: 'coupons', seq: 0 },
      { stream: 'erasures', seq: 0 },
      { stream: 'members', seq: 2 },
      { stream: 'offers', seq: 0 },
      { stream: 'products', seq: 0 },
    ]);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int8 AS n FROM stream_publication',
    );
    expect(rows[0]?.n).toBe(0);

    // The next transaction carries on from there.
    await db.transaction((tx) =>
      publishChanges(tx, [{ stream: 'members', entityId: 'm3', data: null }], at),
    );
    expect((await log()).at(-1)).toMatchObject({ stream: 'members', seq: 3, entity_id: 'm3' });
  });

  it('takes no number for a transaction that rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await publishChanges(tx, [{ stream: 'coupons', entityId: 'c1', data: {} }], at);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.transaction((tx) =>
      publishChanges(tx, [{ stream: 'coupons', entityId: 'c2', data: {} }], at),
    );
    expect(await log()).toEqual([{ stream: 'coupons', seq: 1, entity_id: 'c2', data: {} }]);
  });

  it('refuses to commit a change to a stream that has no counter', async () => {
    await expect(
      db.transaction((tx) =>
        publishChanges(
          tx,
          [
            { stream: 'members', entityId: 'm1', data: {} },
            { stream: 'nonsense' as never, entityId: 'x', data: {} },
          ],
          at,
        ),
      ),
    ).rejects.toThrow(/no counter/);
    expect(await log()).toEqual([]);
    expect(await counters()).toEqual([
      { stream: 'balances', seq: 0 },
      { stream: 'complaints', seq: 0 },
      { stream: 'consent', seq: 0 },
      { stream: 'coupons', seq: 0 },
      { stream: 'erasures', seq: 0 },
      { stream: 'members', seq: 0 },
      { stream: 'offers', seq: 0 },
      { stream: 'products', seq: 0 },
    ]);
  });

  it.runIf(testDb.name === 'postgres')(
    'numbers in commit order: a transaction that started first but commits last comes last',
    async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let published = () => {};
      const inFlight = new Promise<void>((resolve) => {
        published = resolve;
      });
      const slow = db.transaction(async (tx) => {
        await publishChanges(tx, [{ stream: 'balances', entityId: 'slow', data: {} }], at);
        published();
        await held;
      });
      await inFlight;
      // The fast one is not held up by the slow one, which has published but not committed.
      await db.transaction((tx) =>
        publishChanges(tx, [{ stream: 'balances', entityId: 'fast', data: {} }], at),
      );
      expect((await log()).map((row) => [row.seq, row.entity_id])).toEqual([[1, 'fast']]);
      release();
      await slow;
      expect((await log()).map((row) => [row.seq, row.entity_id])).toEqual([
        [1, 'fast'],
        [2, 'slow'],
      ]);
    },
  );
});
