import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/domain';
import { defaultProgram, type Program } from '../../../shared/program';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  snapshot,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  balanceOf,
  campaign,
  enroll,
  expectRefusal,
  goods,
  loyaltyOf,
  makeClock,
  programWith,
  refund,
  rows,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * Refunds through the real core: whole or line by line, points back in proportion (never fewer
 * than their share), and points already spent handled by the program's policy.
 */

const reduceCash: Program = programWith({ refunds: { spentPoints: 'reduce_cash' } });
const negativeBalance: Program = programWith({ refunds: { spentPoints: 'negative_balance' } });

let clock: TestClock;
beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z');
});

const cores: TestCore[] = [];
function open(program: Program): TestCore {
  const core = openTestCore({ program, now: clock.now });
  cores.push(core);
  return core;
}
afterEach(() => {
  for (const core of cores.splice(0)) core.cleanup();
});

function seedPoints(core: TestCore, memberId: string, points: number): void {
  unwrap(
    core.dispatch('points.adjust', { memberId, points, reason: 'Seed', managerPin: MANAGER_PIN }),
  );
}

/** A refund's amount as handed back (positive; 0, never −0). */
const back = (amount: number) => 0 - amount + 0;
/** Money handed back on a refund receipt (positive). */
const cashBack = (r: Receipt) => back(r.sale.paidMinor);

describe('full refund', () => {
  it('HK$123.45 that earned 123 pts: the refund pays HK$123.45 back and takes the 123 pts; the sale points at its refund', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(12_345)] });
    const back = refund(core, sale.sale.id);
    expect(back.sale).toMatchObject({
      kind: 'refund',
      refundOfSaleId: sale.sale.id,
      totalMinor: -12_345,
      paidMinor: -12_345,
      pointsEarned: -123,
    });
    expect(balanceOf(core, amy.id)).toBe(0);
    const original = unwrap(core.dispatch('sale.get', { saleId: sale.sale.id })) as Receipt;
    expect(original.sale.refundedBySaleId).toBe(back.sale.id);
    expect(original.sale.lines[0]?.refundedQuantity).toBe(1);
  });

  it('the same refundId again returns the same refund and writes nothing; a new one → sale_already_refunded', () => {
    const core = open(negativeBalance);
    const sale = sell(core, { lines: [goods(5000)] });
    const refundId = uuidv7();
    const first = unwrap(
      core.dispatch('sale.refund', { saleId: sale.sale.id, refundId, reason: 'Faulty' }),
    );
    const before = snapshot(core.db);
    expect(
      unwrap(core.dispatch('sale.refund', { saleId: sale.sale.id, refundId, reason: 'again' })),
    ).toEqual(first);
    expect(snapshot(core.db)).toBe(before);
    expectRefusal(
      core,
      'sale.refund',
      { saleId: sale.sale.id, refundId: uuidv7(), reason: 'x' },
      'sale_already_refunded',
    );
  });

  it('redeemed points go back to the lots they came from, with their own expiry dates', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    sell(core, { memberId: amy.id, lines: [goods(30_000)] }); // 300 pts expiring 2026-03-05
    clock.set('2025-06-05T04:00:00.000Z');
    sell(core, { memberId: amy.id, lines: [goods(20_000)] }); // 200 pts expiring 2026-06-05
    const spend = sell(core, { memberId: amy.id, lines: [goods(10_000)], redeemPoints: 400 });
    // Oldest first: 300 from March, 100 from June; then HK$80 earns 80 more (2026-06-05).
    expect(loyaltyOf(core, amy.id).expiring).toEqual([{ date: '2026-06-05', points: 100 + 80 }]);
    refund(core, spend.sale.id);
    expect(loyaltyOf(core, amy.id).expiring).toEqual([
      { date: '2026-03-05', points: 300 },
      { date: '2026-06-05', points: 200 },
    ]);
  });

  it('redeemed points whose lot expired in between come back already expired: nothing is gained', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    sell(core, { memberId: amy.id, lines: [goods(30_000)] }); // 300 pts expiring 2026-03-05
    clock.set('2026-03-01T04:00:00.000Z');
    const spend = sell(core, { memberId: amy.id, lines: [goods(10_000)], redeemPoints: 200 });
    // 100 of the lot left; it earns 80 (HK$100 − HK$10 … 200 pts = HK$10 → HK$90 → 90 pts).
    expect(spend.sale.pointsEarned).toBe(90);
    clock.set('2026-03-10T04:00:00.000Z'); // the March lot has expired
    const back = refund(core, spend.sale.id);
    const kinds = rows<{ kind: string; points: number }>(
      core,
      'SELECT kind, points FROM points_entry WHERE sale_id = ? ORDER BY entry_no',
      back.sale.id,
    );
    expect(kinds).toEqual([
      { kind: 'reverse_redeem', points: 200 },
      { kind: 'reverse_earn', points: -90 },
    ]);
    // The 100 left and the 200 returned expired with their lot: the member has nothing.
    expect(loyaltyOf(core, amy.id)).toMatchObject({ available: 0, debt: 0 });
    expect(balanceOf(core, amy.id)).toBe(0);
  });

  it.each([
    ['the redemption first, then the sale that earned the points', true],
    ['the sale that earned the points first, then the redemption', false],
  ])(
    'refunding everything ends the same in any order, after the points expired: %s → 0, not a debt',
    (_name, redemptionFirst) => {
      const core = open(negativeBalance);
      const amy = enroll(core);
      const earned = sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // +100 (A)
      const spent = sell(core, { memberId: amy.id, lines: [goods(500)], redeemPoints: 100 }); // A's 100
      clock.advanceMonths(13); // A's lot is past expiry (nothing left in it to expire)
      const order = redemptionFirst ? [spent, earned] : [earned, spent];
      for (const receipt of order) refund(core, receipt.sale.id);
      // A's 100 points paid for B; B's refund hands them back already expired, so A's refund has
      // nothing left to take: the member is back where they started.
      expect(balanceOf(core, amy.id)).toBe(0);
      expect(loyaltyOf(core, amy.id)).toMatchObject({ available: 0, debt: 0 });
    },
  );

  // T earns 100; S spends those 100 and earns 995 (lot V); T is refunded while its points are
  // spent, so its reversal takes 100 from V (V "paid for the reversal"). After the points expire,
  // S is refunded: its redemption's 100 go back to V, the lot that paid for T's reversal, already
  // expired with it; V's reversal then finds all 995 of its points expired and takes nothing.
  it('refunding a sale whose points were spent, then the spending sale after expiry, ends at 0', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    const earned = sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // +100 (T)
    const spent = sell(core, { memberId: amy.id, lines: [goods(100_000)], redeemPoints: 100 });
    expect(spent.sale.pointsEarned).toBe(995); // V
    refund(core, earned.sale.id); // takes T's 100 from V
    clock.advanceMonths(13);
    const back = refund(core, spent.sale.id);
    expect(balanceOf(core, amy.id)).toBe(0);
    expect(loyaltyOf(core, amy.id)).toMatchObject({ available: 0, debt: 0 });
    const returned = rows<{ lot_id: string; returns_lot_id: string }>(
      core,
      "SELECT lot_id, returns_lot_id FROM points_entry WHERE sale_id = ? AND kind = 'reverse_redeem'",
      back.sale.id,
    );
    const earnOf = (saleId: string) =>
      rows<{ id: string }>(
        core,
        "SELECT id FROM points_entry WHERE sale_id = ? AND kind = 'earn'",
        saleId,
      )[0]?.id;
    expect(returned).toEqual([
      { lot_id: earnOf(spent.sale.id), returns_lot_id: earnOf(earned.sale.id) },
    ]);
  });

  it('the same, before expiry: S’s redemption goes back to V and V’s reversal takes it there, ending at 0', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    const earned = sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    const spent = sell(core, { memberId: amy.id, lines: [goods(100_000)], redeemPoints: 100 });
    refund(core, earned.sale.id);
    expect(balanceOf(core, amy.id)).toBe(895);
    refund(core, spent.sale.id);
    expect(balanceOf(core, amy.id)).toBe(0);
    expect(loyaltyOf(core, amy.id)).toMatchObject({ available: 0, debt: 0 });
  });

  it('earned points that expired before the refund are not taken twice', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // 100 pts
    clock.advanceMonths(13);
    unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }));
    expect(balanceOf(core, amy.id)).toBe(0);
    const back = refund(core, sale.sale.id);
    expect(back.sale.pointsEarned).toBe(0);
    expect(balanceOf(core, amy.id)).toBe(0);
  });

  it('a sale paid partly with a gift card puts the card’s part back on the card', () => {
    const core = open(negativeBalance);
    const card = sell(core, {
      lines: [goods(20_000, { kind: 'gift_card', description: 'Gift card' })],
    }).giftCards[0]?.code as string;
    const sale = sell(core, {
      lines: [goods(10_000)],
      giftCardPayments: [{ code: card, amountMinor: 4000 }],
    });
    const back = refund(core, sale.sale.id);
    expect(back.sale).toMatchObject({ giftCardMinor: -4000, paidMinor: -6000 });
    expect(back.giftCards).toEqual([
      { code: card, kind: 'paid', amountMinor: 4000, balanceMinor: 20_000 },
    ]);
  });
});

describe('partial refunds, line by line', () => {
  it('3 × HK$3.34 earned floor(1002/100)=10: one at a time takes ceil(10×1/3)=4, then ceil(10×2/3)−4=3, then 10−7=3; money 334 each', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(334, { quantity: 3 })] });
    expect(sale.sale.pointsEarned).toBe(10);
    const parts = [1, 1, 1].map(() => refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]));
    expect(parts.map((p) => p.sale.pointsEarned)).toEqual([-4, -3, -3]);
    expect(parts.map(cashBack)).toEqual([334, 334, 334]);
    expect(balanceOf(core, amy.id)).toBe(0);
    expectRefusal(
      core,
      'sale.refund',
      {
        saleId: sale.sale.id,
        refundId: uuidv7(),
        reason: 'x',
        lines: [{ lineNo: 1, quantity: 1 }],
      },
      'refund_nothing_left',
    );
  });

  // A point cannot be split, so it goes back with a part it fits in: the second HK$1, not the
  // HK$0.01 (which would hand back five times its price).
  it('HK$1 + HK$1 + HK$0.01 paid with 1 pt (HK$0.05), HK$0.01 of gift card and HK$1.95: parts return [0 pt, 0, 0, 100], [1 pt, 5, 0, 95], [0 pt, 0, 1, 0]; each part’s tenders add up to its net and every tender to its whole', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    seedPoints(core, amy.id, 10);
    const card = sell(core, {
      lines: [goods(10_000, { kind: 'gift_card', description: 'Gift card' })],
    }).giftCards[0]?.code as string;
    const sale = sell(core, {
      memberId: amy.id,
      lines: [goods(100), goods(100), goods(1)],
      redeemPoints: 1,
      giftCardPayments: [{ code: card, amountMinor: 1 }],
    });
    expect(sale.sale).toMatchObject({
      totalMinor: 201,
      redeemValueMinor: 5,
      giftCardMinor: 1,
      paidMinor: 195,
    });
    const parts = [1, 2, 3].map((lineNo) => refund(core, sale.sale.id, [{ lineNo, quantity: 1 }]));
    const tenders = parts.map((p) => [
      back(p.sale.totalMinor),
      back(p.sale.redeemValueMinor),
      back(p.sale.giftCardMinor),
      cashBack(p),
    ]);
    expect(parts.map((p) => back(p.sale.pointsRedeemed))).toEqual([0, 1, 0]);
    expect(tenders.map((t) => t.slice(1))).toEqual([
      [0, 0, 100],
      [5, 0, 95],
      [0, 1, 0],
    ]);
    for (const [total, value, giftCard, cash] of tenders) {
      expect((value as number) + (giftCard as number) + (cash as number)).toBe(total);
    }
    expect(tenders.reduce((s, t) => s + (t[1] as number), 0)).toBe(5);
    expect(tenders.reduce((s, t) => s + (t[2] as number), 0)).toBe(1);
    expect(tenders.reduce((s, t) => s + (t[3] as number), 0)).toBe(195);
  });

  it('buy, earn, refund and keep the points is impossible: after refunding 2 of 3 units, keeping 1 leaves at most its share (3 of 10)', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(334, { quantity: 3 })] });
    refund(core, sale.sale.id, [{ lineNo: 1, quantity: 2 }]);
    expect(balanceOf(core, amy.id)).toBe(3);
  });

  it('1 of 2 teas at HK$76.35 with 10% off (HK$15.27 on the line): the part refunds 7635 − floor(1527/2)=763 = 6872, the rest 7635 − 764 = 6871; together the line’s 13743', () => {
    const program = programWith({
      coupons: {
        campaigns: [campaign({ id: 'tenoff' })],
        welcomeCampaignId: null,
        birthdayCampaignId: null,
        nextOrder: null,
      },
    });
    const core = open(program);
    const amy = enroll(core);
    const coupon = (
      unwrap(core.dispatch('coupon.issue', { campaignId: 'tenoff', memberId: amy.id })) as {
        code: string;
      }
    ).code;
    const sale = sell(core, {
      memberId: amy.id,
      lines: [goods(7635, { quantity: 2 })],
      couponCodes: [coupon],
    });
    expect(sale.sale.lines[0]).toMatchObject({ discountMinor: 1527, netMinor: 13_743 });
    const first = refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]);
    const second = refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]);
    expect(first.sale.lines[0]).toMatchObject({
      amountMinor: -7635,
      discountMinor: -763,
      netMinor: -6872,
    });
    expect(second.sale.lines[0]).toMatchObject({
      amountMinor: -7635,
      discountMinor: -764,
      netMinor: -6871,
    });
    expect(cashBack(first) + cashBack(second)).toBe(13_743);
  });

  it('a refund line by line carries the coupon discount, points paid and gift card in proportion to the goods returned', () => {
    const program = programWith({
      coupons: {
        campaigns: [campaign({ id: 'tenoff' })],
        welcomeCampaignId: null,
        birthdayCampaignId: null,
        nextOrder: null,
      },
    });
    const core = open(program);
    const amy = enroll(core);
    seedPoints(core, amy.id, 1000);
    const coupon = (
      unwrap(core.dispatch('coupon.issue', { campaignId: 'tenoff', memberId: amy.id })) as {
        code: string;
      }
    ).code;
    const sale = sell(core, {
      memberId: amy.id,
      lines: [goods(6000), goods(4000)],
      couponCodes: [coupon],
      redeemPoints: 400, // HK$20
    });
    // Goods 10000 − 10% = 9000 (5400 + 3600); points pay 2000; money 7000, earns 70.
    expect(sale.sale).toMatchObject({ totalMinor: 9000, redeemValueMinor: 2000, paidMinor: 7000 });
    const first = refund(core, sale.sale.id, [{ lineNo: 2, quantity: 1 }]);
    // Line 2 is 3600 of 9000 net: points back floor(400×3600/9000)=160 (HK$8), money 3600 − 800.
    expect(first.sale).toMatchObject({
      totalMinor: -3600,
      discountMinor: -400,
      pointsRedeemed: -160,
      redeemValueMinor: -800,
      paidMinor: -2800,
      pointsEarned: -Math.ceil((70 * 3600) / 9000),
    });
  });
});

describe('refunding in parts returns exactly what one full refund would', () => {
  function scenario(program: Program) {
    const core = open(program);
    const amy = enroll(core);
    seedPoints(core, amy.id, 2000);
    const card = sell(core, {
      lines: [goods(30_000, { kind: 'gift_card', description: 'Gift card' })],
    }).giftCards[0]?.code as string;
    const sale = sell(core, {
      memberId: amy.id,
      lines: [goods(1234, { quantity: 3 }), goods(999, { quantity: 7 }), goods(50_000)],
      redeemPoints: 700,
      giftCardPayments: [{ code: card, amountMinor: 3333 }],
    });
    return { core, amy, sale, card };
  }

  const totals = (refunds: Receipt[]) => ({
    money: refunds.reduce((s, r) => s + cashBack(r), 0),
    total: refunds.reduce((s, r) => s - r.sale.totalMinor, 0),
    pointsBack: refunds.reduce((s, r) => s - r.sale.pointsRedeemed, 0),
    pointsTaken: refunds.reduce((s, r) => s - r.sale.pointsEarned, 0),
    giftCard: refunds.reduce((s, r) => s - r.sale.giftCardMinor, 0),
    shortfall: refunds.reduce((s, r) => s - r.sale.pointsShortfallMinor, 0),
  });

  it.each([
    ['negative balance', negativeBalance],
    ['reduce cash', reduceCash],
  ])(
    '%s: 5 partial refunds in an odd order add up to one full refund (money, points, card)',
    (_name, program) => {
      const whole = scenario(program);
      const wholeRefund = refund(whole.core, whole.sale.sale.id);
      const inParts = scenario(program);
      const parts = [
        [{ lineNo: 2, quantity: 3 }],
        [{ lineNo: 1, quantity: 1 }],
        [
          { lineNo: 3, quantity: 1 },
          { lineNo: 2, quantity: 2 },
        ],
        [{ lineNo: 1, quantity: 2 }],
        [{ lineNo: 2, quantity: 2 }],
      ].map((lines) => refund(inParts.core, inParts.sale.sale.id, lines));
      expect(totals(parts)).toEqual(totals([wholeRefund]));
      expect(balanceOf(inParts.core, inParts.amy.id)).toBe(balanceOf(whole.core, whole.amy.id));
      expect(balanceOf(inParts.core, inParts.amy.id)).toBe(2000);
      const balanceOfCard = (core: TestCore, code: string) =>
        (unwrap(core.dispatch('giftCard.balance', { code })) as { balanceMinor: number })
          .balanceMinor;
      expect(balanceOfCard(inParts.core, inParts.card)).toBe(30_000);
      expect(balanceOfCard(whole.core, whole.card)).toBe(30_000);
    },
  );
});

describe('points already spent: the program’s refund policy', () => {
  it('reduce_cash: earned 100, all spent; the refund keeps back ceil(100 × 500/100) = HK$5.00 and the balance stays at 0', () => {
    const core = open(reduceCash);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // +100
    sell(core, { memberId: amy.id, lines: [goods(500)], redeemPoints: 100 }); // −100, HK$5
    const back = refund(core, sale.sale.id);
    expect(back.sale).toMatchObject({
      totalMinor: -10_000,
      pointsEarned: 0,
      pointsShortfallMinor: -500,
      paidMinor: -9500,
    });
    expect(balanceOf(core, amy.id)).toBe(0);
    expect(loyaltyOf(core, amy.id).debt).toBe(0);
  });

  it('reduce_cash: earned 100, 60 spent; takes the 40 left and keeps back 60 × 5 = HK$3.00', () => {
    const core = open(reduceCash);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    sell(core, { memberId: amy.id, lines: [goods(300)], redeemPoints: 60 });
    const back = refund(core, sale.sale.id);
    expect(back.sale).toMatchObject({
      pointsEarned: -40,
      pointsShortfallMinor: -300,
      paidMinor: -9700,
    });
    expect(balanceOf(core, amy.id)).toBe(0);
  });

  it('reduce_cash with 3 pts = 2 minor: 10 pts short keep back ceil(10 × 2/3) = 7 minor (never refund more than the points were worth)', () => {
    const program = programWith({
      refunds: { spentPoints: 'reduce_cash' },
      redemption: { ...defaultProgram.redemption, points: 3, valueMinor: 2 },
    });
    const core = open(program);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(1000)] }); // +10
    sell(core, { memberId: amy.id, lines: [goods(100)], redeemPoints: 9 }); // −9 (6 minor)
    seedPoints(core, amy.id, -1);
    const back = refund(core, sale.sale.id);
    expect(back.sale.pointsShortfallMinor).toBe(-7);
    expect(cashBack(back)).toBe(1000 - 7);
  });

  it('reduce_cash: points earned elsewhere cover the spent ones first, so no cash is kept back', () => {
    const core = open(reduceCash);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // +100
    sell(core, { memberId: amy.id, lines: [goods(500)], redeemPoints: 100 });
    sell(core, { memberId: amy.id, lines: [goods(20_000)] }); // +200 from another sale
    const back = refund(core, sale.sale.id);
    expect(back.sale).toMatchObject({ pointsEarned: -100, pointsShortfallMinor: 0 });
    expect(balanceOf(core, amy.id)).toBe(200 - 100 + 5 - 5);
  });

  it('negative_balance: earned 100, all spent; the refund takes the 100 anyway: a recorded debt of 100, repaid by the next points earned', () => {
    const core = open(negativeBalance);
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    sell(core, { memberId: amy.id, lines: [goods(500)], redeemPoints: 100 });
    const back = refund(core, sale.sale.id);
    expect(back.sale).toMatchObject({
      pointsEarned: -100,
      pointsShortfallMinor: 0,
      paidMinor: -10_000,
    });
    expect(balanceOf(core, amy.id)).toBe(-100);
    expect(loyaltyOf(core, amy.id)).toMatchObject({ available: 0, debt: 100 });
    expect(back.balanceAfter).toBe(0);
    sell(core, { memberId: amy.id, lines: [goods(15_000)] }); // +150
    expect(loyaltyOf(core, amy.id)).toMatchObject({ available: 50, debt: 0 });
    expect(balanceOf(core, amy.id)).toBe(50);
  });

  // Each part's shortfall is kept cumulatively: ceil(shortfall points so far × rate) − kept so
  // far. Thirds of 10 short points at 3 pts = 2 minor keep 7, 14 − 7 = 7 and 20 − 14 = 6: the 20
  // one full refund keeps, not 3 × ceil(6.67) = 21.
  it('reduce_cash in thirds keeps back 7 + 7 + 6 = 20 minor, as one full refund does (3 pts = 2 minor)', () => {
    const program = programWith({
      refunds: { spentPoints: 'reduce_cash' },
      redemption: { ...defaultProgram.redemption, points: 3, valueMinor: 2 },
    });
    const run = (lines: { lineNo: number; quantity: number }[][] | null) => {
      const core = open(program);
      const amy = enroll(core);
      const sale = sell(core, { memberId: amy.id, lines: [goods(1000, { quantity: 3 })] }); // +30
      sell(core, { memberId: amy.id, lines: [goods(100)], redeemPoints: 30 }); // all spent
      const refunds = lines
        ? lines.map((l) => refund(core, sale.sale.id, l))
        : [refund(core, sale.sale.id)];
      return refunds.map((r) => -r.sale.pointsShortfallMinor);
    };
    const third = [{ lineNo: 1, quantity: 1 }];
    expect(run([third, third, third])).toEqual([7, 7, 6]);
    expect(run(null)).toEqual([20]);
  });
});

describe('each tender back in proportion, points at their redemption value', () => {
  // Earn 1 point per HK$1.00, and 1 point redeems HK$1.00.
  const oneToOne = programWith({
    redemption: { points: 1, valueMinor: 100, minimumPoints: 0, maxSharePercent: 100 },
  });

  it('3 × HK$10.00 with 5 points (HK$5.00): each unit returns HK$10.00 — 1 pt + HK$9.00, then 2 pts + HK$8.00 twice', () => {
    const core = open(oneToOne);
    const amy = enroll(core);
    seedPoints(core, amy.id, 5);
    const sale = sell(core, {
      memberId: amy.id,
      lines: [goods(1000, { quantity: 3 })],
      redeemPoints: 5,
    });
    expect(sale.sale).toMatchObject({ redeemValueMinor: 500, paidMinor: 2500 });
    const parts = [1, 2, 3].map(() => refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]));
    expect(
      parts.map((p) => [-p.sale.pointsRedeemed, -p.sale.redeemValueMinor, cashBack(p)]),
    ).toEqual([
      [1, 100, 900],
      [2, 200, 800],
      [2, 200, 800],
    ]);
  });

  it('the same with a HK$7.00 gift card: each unit returns HK$10.00 — 1 pt + card 2.33 + HK$6.67, …; every tender adds up', () => {
    const core = open(oneToOne);
    const amy = enroll(core);
    seedPoints(core, amy.id, 5);
    const card = sell(core, {
      lines: [goods(10_000, { kind: 'gift_card', description: 'Gift card' })],
    }).giftCards[0]?.code as string;
    const sale = sell(core, {
      memberId: amy.id,
      lines: [goods(1000, { quantity: 3 })],
      redeemPoints: 5,
      giftCardPayments: [{ code: card, amountMinor: 700 }],
    });
    expect(sale.sale).toMatchObject({ redeemValueMinor: 500, giftCardMinor: 700, paidMinor: 1800 });
    const parts = [1, 2, 3].map(() => refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]));
    const tenders = parts.map((p) => [
      -p.sale.pointsRedeemed,
      -p.sale.redeemValueMinor,
      -p.sale.giftCardMinor,
      cashBack(p),
    ]);
    // Card: floor(700 × 1/3) = 233, floor(700 × 2/3) − 233 = 233, 700 − 466 = 234.
    expect(tenders).toEqual([
      [1, 100, 233, 667],
      [2, 200, 233, 567],
      [2, 200, 234, 566],
    ]);
    for (const [, value, giftCard, cash] of tenders) {
      expect((value as number) + (giftCard as number) + (cash as number)).toBe(1000);
    }
    expect(balanceOf(core, amy.id)).toBe(5);
  });
});

describe('coupons a refunded sale earned, and ended campaigns', () => {
  const nextOrder = (spentPoints: 'reduce_cash' | 'negative_balance') =>
    programWith({
      refunds: { spentPoints },
      coupons: {
        campaigns: [
          campaign({ id: 'thanks', kind: 'amount', percentOff: null, amountOffMinor: 2000 }),
        ],
        welcomeCampaignId: null,
        birthdayCampaignId: null,
        nextOrder: { campaignId: 'thanks', spendMinor: 10_000 },
      },
    });

  it('a full refund voids the unused next-order coupon its sale earned: it cannot be used, and head office is told', () => {
    const core = open(nextOrder('negative_balance'));
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(15_000)] });
    const coupon = sale.couponsIssued[0]?.code as string;
    expect(coupon).toBeTruthy();
    refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]);
    const check = core.dispatch('coupon.check', { code: coupon, memberId: amy.id });
    expect(check).toMatchObject({ ok: false, error: { code: 'coupon_voided' } });
    const op = rows<{ payload: string }>(
      core,
      "SELECT payload FROM outbox WHERE op_type = 'sale.refunded'",
    )[0];
    const couponId = rows<{ id: string }>(core, 'SELECT id FROM coupon WHERE code = ?', coupon)[0]
      ?.id;
    expect(JSON.parse(op?.payload ?? '{}').couponsVoided).toEqual([{ couponId, code: coupon }]);
  });

  it('a partial refund keeps the coupon usable', () => {
    const core = open(nextOrder('negative_balance'));
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(15_000, { quantity: 2 })] });
    const coupon = sale.couponsIssued[0]?.code as string;
    refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]);
    expect(core.dispatch('coupon.check', { code: coupon, memberId: amy.id })).toMatchObject({
      ok: true,
    });
  });

  it('reduce_cash: a used HK$20 coupon stays used and its HK$20 is kept back from the full refund', () => {
    const core = open(nextOrder('reduce_cash'));
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(15_000)] });
    const coupon = sale.couponsIssued[0]?.code as string;
    sell(core, { memberId: amy.id, lines: [goods(5000)], couponCodes: [coupon] });
    const back = refund(core, sale.sale.id);
    expect(back.sale).toMatchObject({ pointsShortfallMinor: -2000, paidMinor: -13_000 });
  });

  it('negative_balance: a used HK$20 coupon becomes a debt of ceil(2000 × 100/500) = 400 points', () => {
    const core = open(nextOrder('negative_balance'));
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(15_000)] }); // +150
    const coupon = sale.couponsIssued[0]?.code as string;
    sell(core, { memberId: amy.id, lines: [goods(5000)], couponCodes: [coupon] }); // +30
    const before = balanceOf(core, amy.id);
    const back = refund(core, sale.sale.id);
    expect(back.sale.paidMinor).toBe(-15_000);
    expect(balanceOf(core, amy.id)).toBe(before - 150 - 400);
  });

  it('coupon.issue from a campaign that ended is refused with campaign_ended and writes nothing', () => {
    const program = programWith({
      coupons: {
        campaigns: [campaign({ id: 'spring', validTo: '2025-03-01' })],
        welcomeCampaignId: null,
        birthdayCampaignId: null,
        nextOrder: null,
      },
    });
    const core = open(program);
    const amy = enroll(core);
    const before = snapshot(core.db);
    expectRefusal(
      core,
      'coupon.issue',
      { campaignId: 'spring', memberId: amy.id },
      'campaign_ended',
    );
    expect(snapshot(core.db)).toBe(before);
  });

  it('an ended welcome campaign issues nothing and never stops an enrollment', () => {
    const program = programWith({
      coupons: {
        campaigns: [campaign({ id: 'hello', validTo: '2025-01-31' })],
        welcomeCampaignId: 'hello',
        birthdayCampaignId: null,
        nextOrder: null,
      },
    });
    const core = open(program);
    const amy = enroll(core);
    expect(rows(core, 'SELECT * FROM coupon WHERE member_id = ?', amy.id)).toEqual([]);
  });
});
