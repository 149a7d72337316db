import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import type { ConsolidatedReport } from './reports';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import {
  TerminalScript,
  balancesMatchLedger,
  enrollTerminal,
  pushOk,
  type TestClock,
} from '../testing/terminalScript';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The definition of liability the report's faster statement must keep (shared/figures): every
 * entry made before the cut-off (at the till: its operation's time), summed per member (a merged
 * member's with its survivor's), positive balances only.
 */
const LEDGER_LIABILITY = `SELECT coalesce(sum(greatest(balance, 0)), 0)::int8 AS points FROM (
    SELECT coalesce(m.merged_into, p.member_id) AS member_id, sum(p.points) AS balance
    FROM points_entry p LEFT JOIN member m ON m.id = p.member_id
      LEFT JOIN sync_op o ON o.op_id = p.op_id
    WHERE coalesce(o.created_at::timestamptz, p.recorded_at) < $1
    GROUP BY 1) AS balances`;

/**
 * Points, members, coupons and liability as the report counts them: by when they happened at the
 * till, for the store of the terminal that did them, whenever head office heard of them.
 * Store A's till is in Hong Kong; store B's never said, so B counts in UTC.
 */
describe.each(testDatabases)('report figures on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let tillA: TerminalScript;
  let tillB: TerminalScript;

  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    // 2026-11-02 09:00 UTC is 17:00 in Hong Kong.
    ({ db, clock, headOffice } = await office.fresh(Date.parse('2026-11-02T09:00:00Z')));
    tillA = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'A' }), clock);
    tillB = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'B' }), clock);
    tillA.configured();
  });

  async function report(from: string, to: string): Promise<ConsolidatedReport> {
    const result = await headOffice.admin.report({ from, to });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  function store(day: ConsolidatedReport, name: string) {
    const found = day.stores.find((s) => s.storeName === name);
    if (!found) throw new Error(`no store ${name}`);
    return found;
  }

  async function ledgerLiability(asOf: string): Promise<number> {
    const { rows } = await db.query<{ points: number }>(LEDGER_LIABILITY, [asOf]);
    return rows[0]?.points ?? -1;
  }

  it('counts an offline sale’s points and coupon on the day it was made, not the day it arrived', async () => {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    const coupon = tillA.issueCoupon({ memberId: chan.memberId });
    await pushOk(headOffice, tillA);
    // Made on 2 November (Hong Kong) while offline, pushed two days later.
    const offline = tillA.sale({
      memberId: chan.memberId,
      earn: 30,
      totalMinor: 3_000,
      offline: true,
      coupons: [{ couponId: coupon.couponId, code: coupon.code, discountMinor: 500 }],
    });
    clock.advance(2 * DAY);
    await pushOk(headOffice, tillA, [offline.op]);

    const madeOn = store(await report('2026-11-02', '2026-11-02'), 'A');
    expect(madeOn.figures).toMatchObject({
      sales: { count: 1, amountMinor: 3_000 },
      points: { issued: 30 },
      coupons: { redeemed: 1, discountMinor: 500 },
      newMembers: 1,
    });
    const arrivedOn = store(await report('2026-11-04', '2026-11-04'), 'A');
    expect(arrivedOn.figures).toMatchObject({
      sales: { count: 0 },
      points: { issued: 0 },
      coupons: { discountMinor: 0 },
    });
  });

  it('counts points with no sale when the till made them (not when they arrived), for the terminal’s store', async () => {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    tillA.sale({ memberId: chan.memberId, earn: 100 });
    await pushOk(headOffice, tillA);
    clock.advance(DAY);
    // Expiry written by store B's till on 3 November UTC: an entry without a sale.
    const expiry = tillB.other('points.expired', {
      memberId: chan.memberId,
      pointsEntries: [
        {
          id: uuidv7(clock.now()),
          memberId: chan.memberId,
          kind: 'expire',
          points: -40,
          saleId: null,
          reversesId: null,
        },
      ],
    });
    clock.advance(DAY);
    await pushOk(headOffice, tillB, [expiry]);

    expect(store(await report('2026-11-03', '2026-11-03'), 'B').figures.points.expired).toBe(40);
    expect(store(await report('2026-11-04', '2026-11-04'), 'B').figures.points.expired).toBe(0);
    expect(store(await report('2026-11-03', '2026-11-03'), 'A').figures.points.expired).toBe(0);
    expect(store(await report('2026-11-02', '2026-11-02'), 'A').figures.points.issued).toBe(100);
  });

  it('a merged newcomer is not a new member, and its points count where they were earned', async () => {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    await pushOk(headOffice, tillA);
    const twin = tillB.enrollMember({ name: 'Chan T M', phoneE164: '+85291234567' });
    tillB.sale({ memberId: twin.memberId, earn: 50 });
    await pushOk(headOffice, tillB);

    const day = await report('2026-11-02', '2026-11-02');
    expect(store(day, 'A').figures).toMatchObject({ newMembers: 1, points: { issued: 0 } });
    expect(store(day, 'B').figures).toMatchObject({ newMembers: 0, points: { issued: 50 } });
    expect(chan.memberId).not.toBe(twin.memberId);
  });

  it('a HK$100 gift card sold, then spent on HK$100 of goods: net sales HK$100.00 once, the card HK$100.00 deferred', async () => {
    const card = tillA.giftCardSale(10_000);
    tillA.sale({
      totalMinor: 10_000,
      giftCards: [
        { giftCardId: card.giftCardId, code: card.code, amountMinor: 10_000, balanceMinor: 0 },
      ],
    });
    await pushOk(headOffice, tillA);
    expect(store(await report('2026-11-02', '2026-11-02'), 'A').figures).toMatchObject({
      sales: { count: 2, amountMinor: 10_000 },
      netSalesMinor: 10_000,
      giftCardsSoldMinor: 10_000,
      giftCardPaidMinor: 10_000,
    });
  });

  it('a refund’s clawback is its own line: 100 issued stay 100, 100 clawed back', async () => {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    const sale = tillA.sale({ memberId: chan.memberId, earn: 100, totalMinor: 10_000 });
    tillA.refund(sale, chan.memberId);
    await pushOk(headOffice, tillA);
    expect(store(await report('2026-11-02', '2026-11-02'), 'A').figures).toMatchObject({
      sales: { count: 1, amountMinor: 10_000 },
      refunds: { count: 1, amountMinor: 10_000 },
      netSalesMinor: 0,
      memberShareBasisPoints: null,
      points: { issued: 100, clawedBack: 100 },
    });
  });

  it('liability is the ledger before its day, with merges, debts and entries after it', async () => {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    const ho = tillA.enrollMember({ name: 'Ho', phoneE164: '+85291234568' });
    tillA.sale({ memberId: chan.memberId, earn: 100 });
    tillA.sale({ memberId: ho.memberId, earn: 20 });
    await pushOk(headOffice, tillA);
    clock.advance(DAY);
    // Store B enrolls Chan again (merged into Chan) and spends more than Ho holds.
    const twin = tillB.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    tillB.sale({ memberId: twin.memberId, earn: 60 });
    tillB.sale({ memberId: ho.memberId, redeem: 50, offline: true });
    await pushOk(headOffice, tillB);
    clock.advance(DAY);
    tillA.sale({ memberId: chan.memberId, redeem: 70 });
    tillA.sale({ memberId: ho.memberId, earn: 45 });
    await pushOk(headOffice, tillA);
    await balancesMatchLedger(headOffice);

    const seen: number[] = [];
    for (const to of ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-30']) {
      const liability = (await report(to, to)).liability;
      expect(liability.points, to).toBe(await ledgerLiability(liability.asOf));
      seen.push(liability.points);
    }
    // 1 Nov: nothing; 2 Nov: 100 + 20; 3 Nov: Chan 160, Ho -30 (a debt counts as none);
    // from 4 Nov: Chan 90, Ho 15.
    expect(seen).toEqual([0, 120, 160, 105, 105]);
  });
});
