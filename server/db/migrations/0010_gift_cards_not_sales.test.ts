import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GIFT_CARD_SOLD_KINDS_SQL } from '../../../shared/figures/figures';
import { uuidv7 } from '../../../shared/ids';
import { createHeadOffice } from '../../headOffice';
import { resetDatabase, testDatabases } from '../../testing/databases';
import { activityOf, memberActivityDrift } from '../../testing/memberActivity';
import { TerminalScript, TestClock, enrollTerminal, pushOk } from '../../testing/terminalScript';
import type { Database } from '../database';
import { migrate, migrations } from '../migrate';
import { migration0010 } from './0010_gift_cards_not_sales';

/**
 * Migration 0010: gift cards sold are not sales, so a member's net spend in the activity summary
 * leaves them out, for the sales already kept and for every one pushed from now on.
 */
const STORE = '00000000-0000-7000-8000-000000000001';
const TERMINAL = '00000000-0000-7000-8000-000000000002';
const ANN = '00000000-0000-7000-8000-00000000000a';

describe('migration 0010', () => {
  it('lists exactly the shared GIFT_CARD_SOLD_KINDS wherever it names them', () => {
    const lists = migration0010.up.match(/kind IN \([^)]*\)/g) ?? [];
    expect(lists).toHaveLength(4);
    for (const list of lists) expect(list).toBe(`kind IN ${GIFT_CARD_SOLD_KINDS_SQL}`);
  });
});

describe.each(testDatabases)('migration 0010 on $name', (testDb) => {
  describe('on a database an older head office wrote', () => {
    let db: Database | undefined;
    afterEach(async () => {
      await db?.close();
      db = undefined;
    });

    it('takes a member’s HK$50.00 gift card off their HK$150.00 sale: net spend HK$100.00', async () => {
      db = await testDb.openFresh();
      await db.exec(`CREATE TABLE schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      for (const migration of migrations.filter((m) => m.version <= 9)) {
        await db.exec(migration.up);
        await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
      await db.query(
        `INSERT INTO store (id, name, created_at) VALUES ($1, 'Causeway Bay', now())`,
        [STORE],
      );
      await db.query(
        `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
         VALUES ($1, $2, 'Till 1', 10001, 'hash', 'test', now())`,
        [TERMINAL, STORE],
      );
      const sale = uuidv7();
      const card = uuidv7();
      await db.query(
        `INSERT INTO sale (id, kind, number, member_id, currency, total_minor, points_redeemed,
           points_earned, lines, offline, store_id, terminal_id, staff_id, op_id, created_at,
           recorded_at)
         VALUES ($1, 'sale', 'N-1', $2, 'HKD', 15000, 0, 0, '[]', false, $3, $4, $5, $6,
           '2025-03-02T04:00:00.000Z', now())`,
        [sale, ANN, STORE, TERMINAL, uuidv7(), uuidv7()],
      );
      await db.query(
        `INSERT INTO gift_card (id, code, currency, balance_minor, first_seen_at, updated_at)
         VALUES ($1, 'GC-1', 'HKD', 5000, now(), now())`,
        [card],
      );
      await db.query(
        `INSERT INTO stored_value_entry (id, gift_card_id, kind, amount_minor,
           terminal_balance_minor, balance_after_minor, sale_id, store_id, terminal_id, op_id,
           created_at, recorded_at)
         VALUES ($1, $2, 'activate', 5000, 5000, 5000, $3, $4, $5, $6,
           '2025-03-02T04:00:00.000Z', now())`,
        [uuidv7(), card, sale, STORE, TERMINAL, uuidv7()],
      );
      expect((await activityOf(db, ANN))?.net_spend_minor).toBe(15_000);
      await migrate(db);
      expect((await activityOf(db, ANN))?.net_spend_minor).toBe(10_000);
      expect(await memberActivityDrift(db)).toEqual([]);
    }, 60_000);
  });

  describe('kept by triggers on sale and stored_value_entry', () => {
    let db: Database;
    beforeAll(async () => {
      db = await testDb.open();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it('through the push path: HK$100.00 of goods and a HK$50.00 card, the card refunded: net spend HK$100.00', async () => {
      await resetDatabase(db);
      const clock = new TestClock(Date.parse('2025-03-01T02:00:00.000Z'));
      const headOffice = await createHeadOffice(db, { now: clock.now });
      const till = new TerminalScript(
        await enrollTerminal(headOffice, { storeName: 'CWB' }),
        clock,
      );
      const ann = till.enrollMember({ name: 'Ann', phoneE164: '+85261234501' });
      const saleId = uuidv7(clock.now());
      const giftCardId = uuidv7(clock.now());
      till.other('sale.recorded', {
        saleId,
        number: 'N-1',
        memberId: ann.memberId,
        currency: 'HKD',
        totalMinor: 15_000,
        redeemValueMinor: 0,
        paidMinor: 15_000,
        giftCardMinor: 0,
        earnBaseMinor: 10_000,
        lines: [
          {
            lineNo: 1,
            description: 'Tea',
            quantity: 1,
            unitPriceMinor: 10_000,
            amountMinor: 10_000,
          },
          {
            lineNo: 2,
            description: 'Card',
            quantity: 1,
            unitPriceMinor: 5_000,
            amountMinor: 5_000,
          },
        ],
        storedValueEntries: [
          {
            id: uuidv7(clock.now()),
            giftCardId,
            code: 'GC-1',
            kind: 'activate',
            amountMinor: 5_000,
            balanceMinor: 5_000,
          },
        ],
      });
      await pushOk(headOffice, till);
      expect((await activityOf(db, ann.memberId))?.net_spend_minor).toBe(10_000);
      clock.advance(3_600_000);
      till.other('sale.refunded', {
        refundId: uuidv7(clock.now()),
        saleId,
        number: 'N-2',
        reason: 'changed mind',
        memberId: ann.memberId,
        totalMinor: -5_000,
        paidMinor: -5_000,
        lines: [{ lineNo: 2, quantity: 1 }],
        storedValueEntries: [
          {
            id: uuidv7(clock.now()),
            giftCardId,
            code: 'GC-1',
            kind: 'refund_activate',
            amountMinor: -5_000,
            balanceMinor: 0,
          },
        ],
      });
      await pushOk(headOffice, till);
      // Delivered again: nothing counts twice.
      await pushOk(headOffice, till);
      expect(await activityOf(db, ann.memberId)).toMatchObject({
        purchases: 1,
        net_spend_minor: 10_000,
      });
      expect(await memberActivityDrift(db)).toEqual([]);
    }, 60_000);
  });
});
