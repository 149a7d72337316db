import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import type { CouponView, Member, Receipt } from '../../../shared/domain';
import type { ShiftSummary, ShiftView } from '../../../shared/staff';
import type { RestoreResult, RecoveryStatus } from '../../../shared/backup';
import type { Database } from '../../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../../server/headOffice';
import { buildServer } from '../../../server/http/server';
import { testDatabases } from '../../../server/testing/databases';
import { resetDatabase } from '../../../server/testing/databases';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import { campaign, programWith } from '../../../test/unit/helpers/loyalty';
import { LEDGER_FILE, type TerminalCore } from '../core';
import { enrollTerminal } from '../sync/enrollTerminal';
import { SyncWorker } from '../sync/syncWorker';
import { httpTransport } from '../sync/transport';
import { openTerminalDoor, type TerminalDoor } from '../terminalDoor';
import { corruptions, corruptLedger, type Corruption } from './corruptLedger';

/**
 * The restore test (issue 11): a terminal syncs, is backed up, goes on selling and syncing, rings
 * one more sale that never reaches head office, and then finds its ledger broken in each of the
 * four ways. It starts in recovery (never as a new terminal, never selling on the broken file),
 * restores the verified backup, takes back from head office (real, over HTTP on loopback) what
 * it holds, and ends with every synced sale present exactly once, here and at head office. The
 * next sale takes the seq after head office's mark and is accepted: no seq_conflict.
 *
 * The sales after the backup use what a till uses: a coupon, a gift card sold and one spent, card
 * and cash with change, a shift closed and a new one opened. After the restore the ledger holds
 * the same points entries, member balances, coupon uses, gift-card entries and balances, tenders
 * and shift totals as the ledger had before it broke (its uncorrupted twin).
 */
const program = programWith({
  coupons: {
    campaigns: [campaign({ id: 'tenoff', name: '10% off' })],
    welcomeCampaignId: null,
    birthdayCampaignId: null,
    nextOrder: null,
  },
});

/** Everything a sale writes besides its own row, as the ledger holds it now. */
function ledgerFigures(core: TerminalCore, members: readonly string[]) {
  const all = (sql: string) => core.db.prepare(sql).all();
  const shifts = all('SELECT id FROM shift ORDER BY opened_at, id') as { id: string }[];
  return {
    pointsEntries: all(
      `SELECT id, member_id, kind, points, sale_id, reverses_id, expires_at, available_at, hlc
       FROM points_entry ORDER BY id`,
    ),
    balances: members.map(
      (memberId) => (unwrap(core.dispatch('member.get', { memberId })) as Member).pointsBalance,
    ),
    memberCache: all('SELECT id, points_balance FROM member ORDER BY id'),
    couponUses: all(
      'SELECT id, coupon_id, kind, sale_id, discount_minor, offline FROM coupon_use ORDER BY id',
    ),
    giftCards: all(
      'SELECT id, code, currency, balance_minor, sold_sale_id FROM gift_card ORDER BY id',
    ),
    storedValue: all(
      'SELECT id, gift_card_id, kind, amount_minor, sale_id FROM stored_value_entry ORDER BY id',
    ),
    tenders: all(
      'SELECT sale_id, shift_id, tender, cash_received_minor FROM shift_sale ORDER BY sale_id',
    ),
    sales: all(
      `SELECT id, number, kind, refund_of, member_id, subtotal_minor, discount_minor, total_minor,
         paid_minor, gift_card_minor, points_earned, points_redeemed, redeem_value_minor
       FROM sale ORDER BY id`,
    ),
    lines: all(
      `SELECT sale_id, line_no, kind, description, quantity, amount_minor, discount_minor, net_minor,
         points_earned, gift_card_code, refunds_line_no FROM sale_line ORDER BY sale_id, line_no`,
    ),
    shifts: shifts.map((shift) => {
      const summary = unwrap(
        core.dispatch('shift.summary', { shiftId: shift.id, managerPin: MANAGER_PIN }),
      ) as ShiftSummary;
      return { ...summary, shift: { ...summary.shift, openedByName: null, closedByName: null } };
    }),
  };
}

let db: Database;
let headOffice: HeadOffice;
let url: string;
let closeServer: () => Promise<void>;

beforeAll(async () => {
  db = await (testDatabases[0] as (typeof testDatabases)[number]).open();
}, 60_000);
afterAll(async () => {
  await db.close();
});

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function startHeadOffice(): Promise<string> {
  await resetDatabase(db);
  headOffice = await createHeadOffice(db);
  const app = await buildServer(headOffice);
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  closeServer = () => app.close();
  closers.push(() => closeServer());
  // The store's manager saves a coupon campaign into the program on the till below.
  const config = await headOffice.admin.getConfig();
  if (!config.ok) throw new Error(config.error.message);
  const overrides = await headOffice.admin.setConfig('test', {
    program: config.value.program,
    offlineRedemption: config.value.offlineRedemption,
    storeOverrides: true,
  });
  if (!overrides.ok) throw new Error(overrides.error.message);
  const store = await headOffice.admin.createStore('test', { name: 'Causeway Bay' });
  if (!store.ok) throw new Error(store.error.message);
  const code = await headOffice.admin.createEnrollmentCode('test', store.value.id, {});
  if (!code.ok) throw new Error(code.error.message);
  return code.value.code;
}

const saleOf = (memberId: string | null, priceMinor: number) => ({
  saleId: uuidv7(),
  memberId,
  lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: priceMinor }],
  redeemPoints: 0,
});

function sell(
  core: TestCore,
  memberId: string | null,
  priceMinor: number,
  extra: Record<string, unknown> = {},
): Receipt {
  return unwrap(
    core.dispatch('sale.record', { ...saleOf(memberId, priceMinor), ...extra }),
  ) as Receipt;
}

const giftCardLine = (amountMinor: number) => ({
  description: 'Gift card',
  quantity: 1,
  unitPriceMinor: amountMinor,
  kind: 'gift_card',
});

const sellAt = (door: TerminalDoor, memberId: string | null, priceMinor: number) =>
  door.dispatchAsync('sale.record', saleOf(memberId, priceMinor));

async function syncOnce(core: TestCore): Promise<void> {
  const worker = new SyncWorker(core.ctx, {
    transport: httpTransport(url),
    credentials: core.credentials,
  });
  expect(await worker.runOnce()).toBe('synced');
}

async function headOfficeSales(): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM sale WHERE kind = 'sale' ORDER BY id",
  );
  return rows.map((row) => row.id);
}

describe('restoring a broken ledger from a verified backup', () => {
  for (const how of corruptions) {
    it(`recovers from ${how.replace('_', ' ')}`, async () => {
      const code = await startHeadOffice();
      const core = openTestCore();
      closers.push(() => core.cleanup());
      await enrollTerminal(core.ctx, httpTransport(url), core.credentials, {
        serverUrl: url,
        code,
      });
      const chan = unwrap(
        core.dispatch('member.enroll', {
          name: 'Chan',
          phone: '91234567',
          marketingConsent: false,
        }),
      ) as Member;
      for (let i = 0; i < 3; i++) sell(core, chan.id, 1_000 + i);
      const oldCard = (
        sell(core, chan.id, 100, { lines: [giftCardLine(50_000)] }).giftCards[0] as { code: string }
      ).code;
      await syncOnce(core);

      const backup = unwrap(await core.dispatchAsync('backup.now', {})) as { file: string };

      // After the backup: a new member, four more sales, all synced.
      const lee = unwrap(
        core.dispatch('member.enroll', { name: 'Lee', phone: '92345678', marketingConsent: true }),
      ) as Member;
      for (let i = 0; i < 4; i++) sell(core, i % 2 === 0 ? lee.id : null, 2_000 + i);
      // What a till does besides: a coupon, gift cards sold and spent, card and cash with change,
      // the shift closed and a new one opened.
      // A coupon campaign, in the program a manager saves here.
      unwrap(core.dispatch('program.update', { program, managerPin: MANAGER_PIN }));
      const coupon = unwrap(
        core.dispatch('coupon.issue', { campaignId: 'tenoff', memberId: lee.id }),
      ) as CouponView;
      sell(core, lee.id, 3_000, { couponCodes: [coupon.code], moneyTender: 'card' });
      sell(core, chan.id, 4_000, { giftCardPayments: [{ code: oldCard, amountMinor: 1_500 }] });
      const newCard = (
        sell(core, lee.id, 200, { lines: [giftCardLine(20_000)], cashReceivedMinor: 50_000 })
          .giftCards[0] as { code: string }
      ).code;
      const open = unwrap(core.dispatch('shift.current', {})) as ShiftView;
      unwrap(core.dispatch('shift.close', { shiftId: open.id, countedMinor: 999, note: 'test' }));
      unwrap(core.dispatch('shift.open', { floatMinor: 10_000 }));
      sell(core, lee.id, 5_000, {
        giftCardPayments: [{ code: newCard, amountMinor: 2_000 }],
        cashReceivedMinor: 5_000,
      });
      sell(core, null, 600, { moneyTender: 'card' });
      // Two teas and a cake; one tea comes back: the refund's line must come back with it.
      const teas = sell(core, null, 0, {
        lines: [
          { description: 'Tea', quantity: 2, unitPriceMinor: 1_500 },
          { description: 'Cake', quantity: 1, unitPriceMinor: 800 },
        ],
      });
      unwrap(
        core.dispatch('sale.refund', {
          saleId: teas.sale.id,
          refundId: uuidv7(),
          reason: 'Spilt',
          lines: [{ lineNo: 1, quantity: 1 }],
        }),
      );
      // A member's sale that spent points and earned some; one tea comes back: the refund row
      // must say which points came back and which were taken.
      const spent = sell(core, lee.id, 0, {
        lines: [
          { description: 'Tea', quantity: 2, unitPriceMinor: 1_500 },
          { description: 'Cake', quantity: 1, unitPriceMinor: 800 },
        ],
        redeemPoints: 20,
      });
      expect(spent.sale.pointsRedeemed).toBe(20);
      unwrap(
        core.dispatch('sale.refund', {
          saleId: spent.sale.id,
          refundId: uuidv7(),
          reason: 'Spilt',
          lines: [{ lineNo: 1, quantity: 1 }],
        }),
      );
      await syncOnce(core);
      const synced = await headOfficeSales();
      expect(synced).toHaveLength(15);
      const twin = ledgerFigures(core, [chan.id, lee.id]);
      const { hwm } = core.db.prepare('SELECT high_water_mark AS hwm FROM sync_state').get() as {
        hwm: number;
      };
      // And one that never reaches head office: this is what a restore loses.
      sell(core, null, 9_999);
      // The page a damaged disk hits: the sales table's.
      const { rootpage } = core.db
        .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sale'")
        .get() as { rootpage: number };
      // Every page in the main file, so the damage lands where the sales are.
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      core.close();

      corruptLedger(path.join(core.dataDir, LEDGER_FILE), how, rootpage);

      const door = openTerminalDoor({ dataDir: core.dataDir, services: false });
      closers.push(() => door.close());
      const status = unwrap(await door.dispatchAsync('recovery.status', {})) as RecoveryStatus;
      expect(status.state).toBe('recovery');
      if (status.state !== 'recovery') return;
      expect(status.backups.map((b) => b.file)).toEqual([backup.file]);
      // Nothing sells on a broken ledger.
      const refused = await sellAt(door, null, 100);
      expect(refused).toMatchObject({ ok: false, error: { code: 'ledger_recovery' } });

      const restored = unwrap(
        await door.dispatchAsync('recovery.restore', { file: backup.file }),
      ) as RestoreResult;
      expect(restored.recoveredSales).toBe(13);
      expect(restored.headOffice?.highWaterMark).toBe(hwm);
      // Its last sync left nothing waiting; the sale rung up after it head office never knew of.
      expect(restored.headOffice?.pendingAtLastSeen).toBe(0);
      expect(restored.restoredFrom.sales).toBe(4);
      expect(door.status()).toEqual({ state: 'ready' });
      // The broken file is kept for IT, never deleted.
      const aside = fs.readdirSync(core.dataDir).filter((name) => name.startsWith('damaged-'));
      expect(aside).toHaveLength(1);

      const restoredCore = door.core();
      if (!restoredCore) throw new Error('no core after the restore');
      // Whoever was signed in when the backup was taken is not any more.
      expect(unwrap(restoredCore.dispatch('terminal.info', {}))).toMatchObject({ signedIn: false });
      unwrap(restoredCore.dispatch('staff.signIn', { pin: MANAGER_PIN }));

      const local = restoredCore.db
        .prepare("SELECT id, count(*) AS n FROM sale WHERE kind = 'sale' GROUP BY id ORDER BY id")
        .all() as { id: string; n: number }[];
      expect(local.map((row) => row.id)).toEqual(synced);
      expect(local.every((row) => row.n === 1)).toBe(true);
      // And with each sale what it wrote: as the ledger had it before it broke.
      expect(ledgerFigures(restoredCore, [chan.id, lee.id])).toEqual(twin);
      // Lee, enrolled after the backup, came back from head office.
      expect(unwrap(restoredCore.dispatch('member.get', { memberId: lee.id }))).toMatchObject({
        name: 'Lee',
      });

      // The next sale follows head office's mark and is accepted.
      unwrap(await sellAt(door, lee.id, 500));
      const { seq } = restoredCore.db.prepare('SELECT max(seq) AS seq FROM outbox').get() as {
        seq: number;
      };
      expect(seq).toBeGreaterThan(hwm);
      const worker = new SyncWorker(restoredCore.ctx, {
        transport: httpTransport(url),
        credentials: restoredCore.credentials,
      });
      expect(await worker.runOnce()).toBe('synced');
      const after = await headOfficeSales();
      expect(after).toHaveLength(16);
      expect(new Set(after).size).toBe(16);
      expect(after).toEqual(expect.arrayContaining(synced));
    }, 120_000);
  }
});

export type { Corruption };
