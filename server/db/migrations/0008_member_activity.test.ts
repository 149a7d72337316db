import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import { createHeadOffice, type HeadOffice } from '../../headOffice';
import { resetDatabase, testDatabases } from '../../testing/databases';
import { activityOf, memberActivityDrift } from '../../testing/memberActivity';
import {
  TerminalScript,
  TestClock,
  enrollTerminal,
  pushOk,
  type EnrolledTerminal,
} from '../../testing/terminalScript';
import type { Database, Queryable } from '../database';
import { migrate, migrations } from '../migrate';

/**
 * Migration 0008: the member activity summary. It counts the sales an older head office kept,
 * and from then on its triggers keep it equal to the sales, whichever way sales are written.
 */

const STORE = '00000000-0000-7000-8000-000000000001';
const TERMINAL = '00000000-0000-7000-8000-000000000002';
const ANN = '00000000-0000-7000-8000-00000000000a';
const BEN = '00000000-0000-7000-8000-00000000000b';
const CHO = '00000000-0000-7000-8000-00000000000c';

async function addStoreAndTerminal(db: Queryable): Promise<void> {
  await db.query(`INSERT INTO store (id, name, created_at) VALUES ($1, 'Causeway Bay', now())`, [
    STORE,
  ]);
  await db.query(
    `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
     VALUES ($1, $2, 'Till 1', 10001, 'hash', 'test', now())`,
    [TERMINAL, STORE],
  );
}

/** Sales as rows: [member, kind, total, created_at]; a refund points at a made-up sale. */
async function addSales(
  db: Queryable,
  sales: [member: string | null, kind: 'sale' | 'refund', totalMinor: number, at: string][],
): Promise<void> {
  await db.query(
    `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
       points_redeemed, points_earned, lines, offline, store_id, terminal_id, staff_id, op_id,
       created_at, recorded_at)
     SELECT gen_random_uuid(), r.kind, CASE WHEN r.kind = 'refund' THEN gen_random_uuid() END,
       'N-' || r.created_at, r.member_id, 'HKD', r.total_minor, 0, 0, '[]'::jsonb, false, $2, $3,
       gen_random_uuid(), gen_random_uuid(), r.created_at, now()
     FROM jsonb_to_recordset($1::jsonb)
       AS r (member_id uuid, kind text, total_minor int8, created_at text)`,
    [
      JSON.stringify(
        sales.map(([member_id, kind, total_minor, created_at]) => ({
          member_id,
          kind,
          total_minor,
          created_at,
        })),
      ),
      STORE,
      TERMINAL,
    ],
  );
}

describe.each(testDatabases)('migration 0008 on $name', (testDb) => {
  describe('on a database an older head office wrote', () => {
    let db: Database | undefined;
    afterEach(async () => {
      await db?.close();
      db = undefined;
    });

    /** A database at schema 7, as the head office before this one left it. */
    async function atSchema7(): Promise<Database> {
      const fresh = await testDb.openFresh();
      await fresh.exec(`CREATE TABLE schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      for (const migration of migrations.filter((m) => m.version <= 7)) {
        await fresh.exec(migration.up);
        await fresh.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
      return fresh;
    }

    it('counts the sales already kept: purchases, net spend after refunds, first and last', async () => {
      db = await atSchema7();
      await addStoreAndTerminal(db);
      await addSales(db, [
        [ANN, 'sale', 12_000, '2025-03-02T04:00:00.000Z'],
        [ANN, 'sale', 3_000, '2025-01-15T09:30:00.000Z'],
        [ANN, 'refund', -2_000, '2025-03-05T04:00:00.000Z'],
        [BEN, 'refund', -500, '2025-02-01T00:00:00.000Z'],
        [null, 'sale', 9_900, '2025-03-01T00:00:00.000Z'],
      ]);
      await migrate(db);
      expect(await activityOf(db, ANN)).toEqual({
        purchases: 2,
        net_spend_minor: 13_000,
        first_purchase_at: new Date('2025-01-15T09:30:00.000Z'),
        last_purchase_at: new Date('2025-03-02T04:00:00.000Z'),
      });
      // Only a refund (its sale came before head office kept sales): no purchase, spend below 0.
      expect(await activityOf(db, BEN)).toEqual({
        purchases: 0,
        net_spend_minor: -500,
        first_purchase_at: null,
        last_purchase_at: null,
      });
      // A walk-in's sale has no member and no row.
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM member_activity',
      );
      expect(rows[0]?.n).toBe(2);
      expect(await memberActivityDrift(db)).toEqual([]);
    }, 60_000);

    it('starts empty on a head office with no sales', async () => {
      db = await atSchema7();
      await migrate(db);
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM member_activity',
      );
      expect(rows[0]?.n).toBe(0);
    }, 60_000);
  });

  describe('kept by triggers on sale', () => {
    let db: Database;
    let clock: TestClock;
    let headOffice: HeadOffice;
    let causewayBay: EnrolledTerminal;
    let mongKok: EnrolledTerminal;
    beforeAll(async () => {
      db = await testDb.open();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    async function freshHeadOffice(): Promise<void> {
      await resetDatabase(db);
      clock = new TestClock(Date.parse('2025-03-01T02:00:00.000Z'));
      headOffice = await createHeadOffice(db, { now: clock.now });
      causewayBay = await enrollTerminal(headOffice, { storeName: 'Causeway Bay' });
      mongKok = await enrollTerminal(headOffice, { storeName: 'Mong Kok' });
    }

    it('through the push path: batches, one-by-one sales, refunds, redelivery, strangers', async () => {
      await freshHeadOffice();
      const till = new TerminalScript(causewayBay, clock);
      const ann = till.enrollMember({ name: 'Ann', phoneE164: '+85261234501' });
      const ben = till.enrollMember({ name: 'Ben', phoneE164: '+85261234502' });
      const stranger = uuidv7();
      clock.advance(60_000);
      const first = till.sale({ memberId: ann.memberId, totalMinor: 10_000, earn: 100 });
      till.sale({ memberId: ben.memberId, totalMinor: 4_000, earn: 40 });
      till.sale({ memberId: null, totalMinor: 2_000 });
      till.sale({ memberId: stranger, totalMinor: 1_000, earn: 10 });
      // A coupon makes the sale go in on its own (not set-based).
      const coupon = till.issueCoupon({ memberId: ann.memberId });
      clock.advance(86_400_000);
      till.sale({
        memberId: ann.memberId,
        totalMinor: 6_000,
        coupons: [{ couponId: coupon.couponId, code: coupon.code }],
      });
      await pushOk(headOffice, till);
      clock.advance(86_400_000);
      till.refund(first, ann.memberId);
      await pushOk(headOffice, till);
      // The whole outbox again: every operation is a duplicate and nothing is counted twice.
      const again = await pushOk(headOffice, till);
      expect(again.outcomes.every((o) => o.duplicate)).toBe(true);

      expect(await activityOf(db, ann.memberId)).toEqual({
        purchases: 2,
        net_spend_minor: 10_000 + 6_000 - 10_000,
        first_purchase_at: new Date('2025-03-01T02:01:00.000Z'),
        last_purchase_at: new Date('2025-03-02T02:01:00.000Z'),
      });
      expect((await activityOf(db, ben.memberId))?.purchases).toBe(1);
      // A member head office has not seen enrolled yet is counted under the id the sale names.
      expect((await activityOf(db, stranger))?.net_spend_minor).toBe(1_000);
      expect(await memberActivityDrift(db)).toEqual([]);
    }, 60_000);

    it('a merged member keeps its own row (merges are resolved when read)', async () => {
      await freshHeadOffice();
      const here = new TerminalScript(causewayBay, clock);
      const there = new TerminalScript(mongKok, clock);
      const survivor = here.enrollMember({ name: 'Chan', phoneE164: '+85261234503' });
      here.sale({ memberId: survivor.memberId, totalMinor: 5_000, earn: 50 });
      const newcomer = there.enrollMember({ name: 'Chan T M', phoneE164: '+85261234503' });
      there.sale({ memberId: newcomer.memberId, totalMinor: 7_000, earn: 70 });
      await pushOk(headOffice, here);
      await pushOk(headOffice, there);
      const { rows } = await db.query<{ merged_into: string | null }>(
        'SELECT merged_into FROM member WHERE id = $1',
        [newcomer.memberId],
      );
      expect(rows[0]?.merged_into).toBe(survivor.memberId);
      expect((await activityOf(db, newcomer.memberId))?.net_spend_minor).toBe(7_000);
      expect((await activityOf(db, survivor.memberId))?.net_spend_minor).toBe(5_000);
      expect(await memberActivityDrift(db)).toEqual([]);
    }, 60_000);

    it('UPDATE and DELETE count the members touched again; TRUNCATE empties it', async () => {
      await resetDatabase(db);
      await addStoreAndTerminal(db);
      await addSales(db, [
        [ANN, 'sale', 1_000, '2025-03-01T01:00:00.000Z'],
        [ANN, 'sale', 2_000, '2025-03-03T01:00:00.000Z'],
        [BEN, 'sale', 4_000, '2025-03-02T01:00:00.000Z'],
      ]);
      // Several statements in one transaction add up.
      await db.transaction(async (tx) => {
        await addSales(tx, [[CHO, 'sale', 500, '2025-03-04T01:00:00.000Z']]);
        await addSales(tx, [[CHO, 'refund', -500, '2025-03-05T01:00:00.000Z']]);
      });
      expect(await activityOf(db, CHO)).toMatchObject({ purchases: 1, net_spend_minor: 0 });

      // Ann's last sale moves to Ben: Ann's last purchase goes back, Ben gains one.
      await db.query(
        `UPDATE sale SET member_id = $1 WHERE member_id = $2 AND created_at = '2025-03-03T01:00:00.000Z'`,
        [BEN, ANN],
      );
      expect(await activityOf(db, ANN)).toEqual({
        purchases: 1,
        net_spend_minor: 1_000,
        first_purchase_at: new Date('2025-03-01T01:00:00.000Z'),
        last_purchase_at: new Date('2025-03-01T01:00:00.000Z'),
      });
      expect(await activityOf(db, BEN)).toMatchObject({ purchases: 2, net_spend_minor: 6_000 });
      await db.query('DELETE FROM sale WHERE member_id = $1', [ANN]);
      expect(await activityOf(db, ANN)).toBeNull();
      expect(await memberActivityDrift(db)).toEqual([]);

      await db.exec('TRUNCATE sale CASCADE');
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM member_activity',
      );
      expect(rows[0]?.n).toBe(0);
    }, 60_000);

    it('refuses a summary row that contradicts itself', async () => {
      await resetDatabase(db);
      await expect(
        db.query(
          `INSERT INTO member_activity (member_id, purchases, net_spend_minor, first_purchase_at,
             last_purchase_at) VALUES ($1, 1, 100, NULL, NULL)`,
          [ANN],
        ),
      ).rejects.toThrow(/check constraint/);
    });
  });
});
