import { describe, expect, it } from 'vitest';
import {
  addCouponUseGroup,
  addFigures,
  addPointsGroup,
  addSaleGroup,
  commonFiguresOf,
  emptyCommonFigures,
  finishFigures,
  type CommonFigures,
  type SaleGroup,
} from './figures';

/** The common figures, each worked by hand in the test's name. Amounts in HK cents. */
const group = (patch: Partial<SaleGroup> & Pick<SaleGroup, 'kind' | 'totalMinor'>): SaleGroup => ({
  member: false,
  n: 1,
  giftCardsSoldMinor: 0,
  pointsPaidMinor: 0,
  giftCardPaidMinor: 0,
  ...patch,
});

function fold(groups: SaleGroup[]): CommonFigures {
  const figures = emptyCommonFigures();
  for (const g of groups) addSaleGroup(figures, g);
  return finishFigures(figures);
}

describe('net sales are goods, counted once', () => {
  it('a HK$100 gift card sold, then HK$100 of goods paid with it: net sales HK$100.00 (not HK$200.00), gift cards sold HK$100.00', () => {
    const f = fold([
      group({ kind: 'sale', totalMinor: 10_000, giftCardsSoldMinor: 10_000 }),
      group({ kind: 'sale', totalMinor: 10_000, giftCardPaidMinor: 10_000 }),
    ]);
    expect(f.sales).toEqual({ count: 2, amountMinor: 10_000 });
    expect(f.netSalesMinor).toBe(10_000);
    expect(f.giftCardsSoldMinor).toBe(10_000);
    expect(f.giftCardPaidMinor).toBe(10_000);
  });

  it('sales HK$250.00 less a HK$60.00 refund and a refunded HK$50.00 gift card: net HK$190.00, refunds HK$60.00, gift cards sold HK$0.00', () => {
    const f = fold([
      group({ kind: 'sale', totalMinor: 30_000, giftCardsSoldMinor: 5_000 }),
      group({ kind: 'refund', totalMinor: -6_000 }),
      group({ kind: 'refund', totalMinor: -5_000, giftCardsSoldMinor: -5_000 }),
    ]);
    expect(f.sales).toEqual({ count: 1, amountMinor: 25_000 });
    expect(f.refunds).toEqual({ count: 2, amountMinor: 6_000 });
    expect(f.netSalesMinor).toBe(19_000);
    expect(f.giftCardsSoldMinor).toBe(0);
  });

  it('points paid HK$5.00 on a sale stay HK$5.00 after its refund (the points come back as points)', () => {
    const f = fold([
      group({ kind: 'sale', totalMinor: 9_000, pointsPaidMinor: 500 }),
      group({ kind: 'refund', totalMinor: -9_000, pointsPaidMinor: -500 }),
    ]);
    expect(f.pointsPaidMinor).toBe(500);
    expect(f.netSalesMinor).toBe(0);
  });
});

describe('member share is by amount of net sales', () => {
  it('2 of 3 tickets (66.67 % by count) but HK$49.49 of HK$100.00 net sales: 49.49 %', () => {
    const f = fold([
      group({ kind: 'sale', member: true, totalMinor: 2_449 }),
      group({ kind: 'sale', member: true, totalMinor: 2_500 }),
      group({ kind: 'sale', totalMinor: 5_051 }),
    ]);
    expect(f.memberSalesCount).toBe(2);
    expect(f.memberNetSalesMinor).toBe(4_949);
    expect(f.memberShareBasisPoints).toBe(4_949);
  });

  it('a member’s HK$60.00 sale less their HK$10.00 refund, beside HK$50.00 of walk-ins: 50.00 / 100.00 = 50.00 %', () => {
    const f = fold([
      group({ kind: 'sale', member: true, totalMinor: 6_000 }),
      group({ kind: 'refund', member: true, totalMinor: -1_000 }),
      group({ kind: 'sale', totalMinor: 5_000 }),
    ]);
    expect(f.memberShareBasisPoints).toBe(5_000);
  });

  it('HK$2.00 of HK$3.00 rounds half away from zero: 66.67 %; HK$1.00 of HK$3.00: 33.33 %', () => {
    expect(
      fold([
        group({ kind: 'sale', member: true, totalMinor: 200 }),
        group({ kind: 'sale', totalMinor: 100 }),
      ]).memberShareBasisPoints,
    ).toBe(6_667);
    expect(
      fold([
        group({ kind: 'sale', member: true, totalMinor: 100 }),
        group({ kind: 'sale', totalMinor: 200 }),
      ]).memberShareBasisPoints,
    ).toBe(3_333);
  });

  it('no net sales (a gift card only, or refunds only): no share, null rather than 0 %', () => {
    expect(
      fold([group({ kind: 'sale', member: true, totalMinor: 10_000, giftCardsSoldMinor: 10_000 })])
        .memberShareBasisPoints,
    ).toBeNull();
    expect(fold([group({ kind: 'refund', totalMinor: -500 })]).memberShareBasisPoints).toBeNull();
  });
});

describe('points: each kind on its own line, clawbacks not netted', () => {
  it('800 earned + 31 bonus = 831 issued; 10 clawed back by a refund stay their own line (issued is not 821)', () => {
    const f = emptyCommonFigures();
    for (const g of [
      { kind: 'earn', points: 800 },
      { kind: 'bonus', points: 31 },
      { kind: 'reverse_earn', points: -10 },
      { kind: 'redeem', points: -200 },
      { kind: 'reverse_redeem', points: 100 },
      { kind: 'expire', points: -70 },
      { kind: 'adjust', points: 50 },
      { kind: 'write_off', points: 5 },
    ]) {
      addPointsGroup(f, g);
    }
    expect(f.points).toEqual({
      issued: 831,
      clawedBack: 10,
      redeemed: 200,
      returned: 100,
      expired: 70,
      adjusted: 55,
    });
  });
});

describe('coupons', () => {
  it('two redeemed (HK$10.00 + HK$5.00) and one returned (−HK$10.00): discount HK$5.00', () => {
    const f = emptyCommonFigures();
    addCouponUseGroup(f, { kind: 'redeemed', n: 2, discountMinor: 1_500 });
    addCouponUseGroup(f, { kind: 'returned', n: 1, discountMinor: -1_000 });
    expect(f.coupons).toEqual({ redeemed: 2, returned: 1, discountMinor: 500 });
  });
});

describe('totals', () => {
  it('two stores, members HK$30.00 of HK$40.00 and HK$0.00 of HK$60.00: the total’s share is 30.00 %, not the mean of 75 % and 0 %', () => {
    const a = fold([
      group({ kind: 'sale', member: true, totalMinor: 3_000 }),
      group({ kind: 'sale', totalMinor: 1_000 }),
    ]);
    const b = fold([group({ kind: 'sale', totalMinor: 6_000 })]);
    const total = emptyCommonFigures();
    addFigures(total, a);
    addFigures(total, b);
    expect(total.netSalesMinor).toBe(10_000);
    expect(total.memberShareBasisPoints).toBe(3_000);
    expect(commonFiguresOf({ ...total, extra: 1 } as CommonFigures)).toEqual(total);
  });
});
