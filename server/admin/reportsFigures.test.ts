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
 * The definition of liability the report's faster statement must keep: every entry recorded
 * before the day after `to`, summed per member (a merged member's with its survivor's), positive
 * balances only.
 */
const LEDGER_LIABILITY = `SELECT coalesce(sum(greatest(balance, 0)), 0)::int8 AS points FROM (
    SELECT coalesce(m.merged_into, p.member_id) AS member_id, sum(p.points) AS balance
    FROM points_entry p LEFT JOIN member m ON m.id = p.member_id
    WHERE p.recorded_at < $1
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
    expect(madeOn).toMatchObject({
      salesCount: 1,
      pointsIssued: 30,
      couponDiscountsMinor: 500,
      newMembers: 1,
    });
    const arrivedOn = store(await report('2026-11-04', '2026-11-04'), 'A');
    expect(arrivedOn).toMatchObject({ salesCount: 0, pointsIssued: 0, couponDiscountsMinor: 0 });
  });

  it('counts points with no sale when head office recorded them, for the terminal’s store', async () => {
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

    expect(store(await report('2026-11-03', '2026-11-03'), 'B').pointsExpired).toBe(0);
    expect(store(await report('2026-11-04', '2026-11-04'), 'B').pointsExpired).toBe(40);
    expect(store(await report('2026-11-04', '2026-11-04'), 'A').pointsExpired).toBe(0);
    expect(store(await report('2026-11-02', '2026-11-02'), 'A').pointsIssued).toBe(100);
  });

  it('a merged newcomer is not a new member, and its points count where they were earned', async () => {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    await pushOk(headOffice, tillA);
    const twin = tillB.enrollMember({ name: 'Chan T M', phoneE164: '+85291234567' });
    tillB.sale({ memberId: twin.memberId, earn: 50 });
    await pushOk(headOffice, tillB);

    const day = await report('2026-11-02', '2026-11-02');
    expect(store(day, 'A')).toMatchObject({ newMembers: 1, pointsIssued: 0 });
    expect(store(day, 'B')).toMatchObject({ newMembers: 0, pointsIssued: 50 });
    expect(chan.memberId).not.toBe(twin.memberId);
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
