import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_AMOUNT_MINOR } from '../money';
import { defaultProgram, type Campaign, type Program } from '../program';
import { DomainError, type ErrorCode } from '../result';
import {
  allocate,
  lineEarnPercent,
  priceCheckout,
  promotionPercent,
  redeemStepOf,
  type CheckoutFacts,
  type CheckoutLine,
  type PricedCheckout,
} from './checkout';

/**
 * Worked examples of the checkout rules. Each name carries its arithmetic; amounts are minor
 * units (HK$1 = 100). The program is the default (1 pt per HK$1, 100 pts = HK$5) unless a case
 * changes it, and the member is at 普通 Basic (100%) with plenty of points.
 */

type ProgramPatch = { [K in keyof Program]?: Partial<Program[K]> };

function programWith(patch: ProgramPatch = {}): Program {
  const program = structuredClone(defaultProgram) as Record<string, Record<string, unknown>>;
  for (const [section, value] of Object.entries(patch)) {
    program[section] = { ...program[section], ...(value as Record<string, unknown>) };
  }
  return program as unknown as Program;
}

function goods(unitPriceMinor: number, more: Partial<CheckoutLine> = {}): CheckoutLine {
  return {
    description: 'Item',
    quantity: 1,
    unitPriceMinor,
    sku: null,
    category: null,
    kind: 'goods',
    ...more,
  };
}

const giftCardLine = (unitPriceMinor: number): CheckoutLine =>
  goods(unitPriceMinor, { description: 'Gift card', kind: 'gift_card' });

function campaign(partial: Partial<Campaign>): Campaign {
  return {
    id: 'c',
    name: 'Coupon',
    kind: 'percent',
    percentOff: 10,
    amountOffMinor: null,
    appliesTo: null,
    buyQuantity: null,
    getQuantity: null,
    minimumBasketMinor: 0,
    validFrom: null,
    validTo: null,
    validDays: null,
    perMemberLimit: 0,
    totalLimit: 0,
    stackable: true,
    onlineOnly: false,
    ...partial,
  };
}

/** A Wednesday in March 2025, no promotion running. */
function facts(over: Partial<CheckoutFacts>): CheckoutFacts {
  return {
    program: defaultProgram,
    date: '2025-03-05',
    weekday: 3,
    lines: [goods(10_000)],
    member: { availablePoints: 1_000_000, tierPercent: 100 },
    coupons: [],
    redeemPoints: 0,
    giftCardPayments: [],
    ...over,
  };
}

function refusal(f: CheckoutFacts): ErrorCode | 'ok' {
  try {
    priceCheckout(f);
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.error.code;
    throw error;
  }
}

const weekendDouble = {
  id: 'weekend',
  name: 'Double points weekend',
  percent: 200,
  from: null,
  to: null,
  weekdays: [6, 7],
};

describe('earned points = round(Σ net × line% / goodsNet × earnBase × rate × tier% × promotion%)', () => {
  const gold = { availablePoints: 0, tierPercent: 150 };
  const cases: [string, CheckoutFacts, number][] = [
    [
      'HK$1,000.00 at 金 Gold (150%) and 1 pt/HK$1 earns floor(100000×1×150/100/100)=1500',
      facts({ lines: [goods(100_000)], member: gold }),
      1500,
    ],
    [
      'HK$123.45 at 普通 Basic (100%) earns floor(12345×1/100)=123',
      facts({ lines: [goods(12_345)] }),
      123,
    ],
    [
      'HK$12.99 earns floor(1299/100)=12 (floored, not rounded)',
      facts({ lines: [goods(1299)] }),
      12,
    ],
    ['HK$0.99 earns floor(99/100)=0', facts({ lines: [goods(99)] }), 0],
    ['a HK$0 sale earns 0', facts({ lines: [goods(0)] }), 0],
    [
      '3 pts per HK$10: HK$29.99 earns floor(2999×3/1000)=8',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, points: 3, perSpendMinor: 1000 } }),
        lines: [goods(2999)],
      }),
      8,
    ],
    [
      'quantity counts: 3 × HK$12.50 = HK$37.50 earns floor(3750/100)=37',
      facts({ lines: [goods(1250, { quantity: 3 })] }),
      37,
    ],
    [
      'double-points weekend promotion 200% on Saturday: HK$100 earns floor(10000×200/100/100)=200',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, promotions: [weekendDouble] } }),
        date: '2025-03-08',
        weekday: 6,
      }),
      200,
    ],
    [
      'the same weekend promotion on a Wednesday: HK$100 earns the base floor(10000/100)=100',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, promotions: [weekendDouble] } }),
      }),
      100,
    ],
    [
      'promotions do not multiply: 200% and 150% both running → the best, 200%: 200 pts on HK$100',
      facts({
        program: programWith({
          earn: {
            ...defaultProgram.earn,
            promotions: [
              { ...weekendDouble, weekdays: [] },
              { ...weekendDouble, id: 'spring', percent: 150, weekdays: [] },
            ],
          },
        }),
      }),
      200,
    ],
    [
      'a promotion from 2025-04-01 is not running on 2025-03-05: HK$100 earns 100',
      facts({
        program: programWith({
          earn: {
            ...defaultProgram.earn,
            promotions: [{ ...weekendDouble, weekdays: [], from: '2025-04-01' }],
          },
        }),
      }),
      100,
    ],
    [
      'a promotion to 2025-03-05 still runs on its last day: HK$100 earns 200',
      facts({
        program: programWith({
          earn: {
            ...defaultProgram.earn,
            promotions: [{ ...weekendDouble, weekdays: [], to: '2025-03-05' }],
          },
        }),
      }),
      200,
    ],
    [
      '金 Gold 150% × weekend 200% on HK$100 earns floor(10000×150×200/100/100/100)=300',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, promotions: [weekendDouble] } }),
        member: gold,
        date: '2025-03-09',
        weekday: 7,
      }),
      300,
    ],
    [
      "category 'tobacco' at 0% earns nothing: HK$80 tobacco + HK$20 milk earns floor(2000/100)=20",
      facts({
        program: programWith({
          earn: { ...defaultProgram.earn, multipliers: [{ match: 'tobacco', percent: 0 }] },
        }),
        lines: [goods(8000, { category: 'tobacco' }), goods(2000, { category: 'dairy' })],
      }),
      20,
    ],
    [
      "sku 'TEA-1' at 300% wins over its category 'drinks' at 0%: HK$10 earns floor(1000×300/100/100)=30",
      facts({
        program: programWith({
          earn: {
            ...defaultProgram.earn,
            multipliers: [
              { match: 'drinks', percent: 0 },
              { match: 'TEA-1', percent: 300 },
            ],
          },
        }),
        lines: [goods(1000, { sku: 'TEA-1', category: 'drinks' })],
      }),
      30,
    ],
    [
      'minimum spend HK$50 not reached earns 0: HK$49.99 < HK$50.00',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, minimumSpendMinor: 5000 } }),
        lines: [goods(4999)],
      }),
      0,
    ],
    [
      'minimum spend HK$50 reached exactly: HK$50.00 earns floor(5000/100)=50',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, minimumSpendMinor: 5000 } }),
        lines: [goods(5000)],
      }),
      50,
    ],
    [
      'minimum spend is judged on the money paid: HK$60 less 400 pts (HK$20) = HK$40 < HK$50 earns 0',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, minimumSpendMinor: 5000 } }),
        lines: [goods(6000)],
        redeemPoints: 400,
      }),
      0,
    ],
    ['rounding floor: HK$1.50 at 1 pt/HK$1 earns floor(1.5)=1', facts({ lines: [goods(150)] }), 1],
    [
      'rounding round: HK$1.50 earns round(1.5)=2 (halves go up)',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, rounding: 'round' } }),
        lines: [goods(150)],
      }),
      2,
    ],
    [
      'rounding round: HK$1.49 earns round(1.49)=1',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, rounding: 'round' } }),
        lines: [goods(149)],
      }),
      1,
    ],
    [
      'rounding ceil: HK$1.01 earns ceil(1.01)=2',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, rounding: 'ceil' } }),
        lines: [goods(101)],
      }),
      2,
    ],
    [
      'rounding ceil: HK$1.00 earns ceil(1)=1 (exact stays)',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, rounding: 'ceil' } }),
        lines: [goods(100)],
      }),
      1,
    ],
    [
      'earn base excludes points, gift cards and discounts: HK$100 − 10% coupon HK$10 − 100 pts HK$5 − gift card HK$20 = HK$65 earns 65',
      facts({
        coupons: [{ code: 'CP', campaign: campaign({ percentOff: 10 }) }],
        redeemPoints: 100,
        giftCardPayments: [{ code: 'GC', amountMinor: 2000, balanceMinor: 5000 }],
      }),
      65,
    ],
    [
      'gift card activation line earns no points: HK$500 gift card + HK$10 goods earns floor(1000/100)=10',
      facts({ lines: [giftCardLine(50_000), goods(1000)] }),
      10,
    ],
    [
      'a gift card top-up line earns no points: HK$200 top-up alone earns 0',
      facts({
        lines: [goods(20_000, { kind: 'gift_card_topup', description: 'Top up' })],
      }),
      0,
    ],
    ['no member attached earns 0', facts({ member: null }), 0],
    [
      'a rate of 0 pts earns 0',
      facts({ program: programWith({ earn: { ...defaultProgram.earn, points: 0 } }) }),
      0,
    ],
    [
      'HK$10^8 at 1000 pts per 3 minor earns floor(10^10×1000/3)=3333333333333 exactly (BigInt inside)',
      facts({
        program: programWith({ earn: { ...defaultProgram.earn, points: 1000, perSpendMinor: 3 } }),
        lines: [goods(MAX_AMOUNT_MINOR)],
      }),
      3_333_333_333_333,
    ],
  ];

  it.each(cases)('%s', (_name, f, expected) => {
    const priced = priceCheckout(f);
    expect(priced.pointsEarned).toBe(expected);
    expect(priced.lines.reduce((s, l) => s + l.pointsEarned, 0)).toBe(expected);
  });

  it('earn base = goods net − points − gift cards; gift-card lines are outside it: HK$500 card + HK$100 goods, 200 pts (HK$10), card pays HK$30 → base 10000−1000−3000=6000', () => {
    const priced = priceCheckout(
      facts({
        lines: [giftCardLine(50_000), goods(10_000)],
        redeemPoints: 200,
        giftCardPayments: [{ code: 'GC', amountMinor: 3000, balanceMinor: 3000 }],
      }),
    );
    expect(priced).toMatchObject({
      subtotalMinor: 60_000,
      totalMinor: 60_000,
      goodsNetMinor: 10_000,
      redeemValueMinor: 1000,
      giftCardMinor: 3000,
      paidMinor: 60_000 - 1000 - 3000,
      earnBaseMinor: 6000,
      pointsEarned: 60,
    });
    // The gift card line carries no points.
    expect(priced.lines.map((l) => l.pointsEarned)).toEqual([0, 60]);
  });

  it('line shares of the points sum exactly: HK$1 + HK$1 + HK$1 at 200% promo = 6 pts, 2/2/2; HK$0.50 × 3 at 100% = floor(1.5)=1, given to the first line by largest remainder', () => {
    const promo = programWith({
      earn: { ...defaultProgram.earn, promotions: [{ ...weekendDouble, weekdays: [] }] },
    });
    expect(
      priceCheckout(
        facts({ program: promo, lines: [goods(100), goods(100), goods(100)] }),
      ).lines.map((l) => l.pointsEarned),
    ).toEqual([2, 2, 2]);
    expect(
      priceCheckout(facts({ lines: [goods(50), goods(50), goods(50)] })).lines.map(
        (l) => l.pointsEarned,
      ),
    ).toEqual([1, 0, 0]);
  });

  it.each([
    ['a sku rule', goods(100, { sku: 'A', category: 'x' }), 250],
    ['a category rule', goods(100, { sku: 'B', category: 'x' }), 50],
    ['no rule: 100%', goods(100, { sku: 'C', category: 'y' }), 100],
    ['a gift card line: always 0%', giftCardLine(100), 0],
  ])('lineEarnPercent: %s → %i%%', (_name, line, expected) => {
    const program = programWith({
      earn: {
        ...defaultProgram.earn,
        multipliers: [
          { match: 'x', percent: 50 },
          { match: 'A', percent: 250 },
        ],
      },
    });
    expect(lineEarnPercent(line, program)).toBe(expected);
  });

  it.each([
    ['Saturday 2025-03-08 (6) in a weekend promotion → 200', '2025-03-08', 6, [weekendDouble], 200],
    ['Friday 2025-03-07 (5) → 100', '2025-03-07', 5, [weekendDouble], 100],
    ['no promotions → 100', '2025-03-08', 6, [], 100],
    [
      'a 50% "promotion" never lowers the rate below 100',
      '2025-03-08',
      6,
      [{ ...weekendDouble, percent: 50 }],
      100,
    ],
  ])('promotionPercent: %s', (_name, date, weekday, promotions, expected) => {
    const program = programWith({ earn: { ...defaultProgram.earn, promotions } });
    expect(promotionPercent(program, date, weekday)).toBe(expected);
  });
});

describe('coupons: discount, then allocated back to the lines by largest remainder', () => {
  it('20% coupon on HK$250 of eligible goods = HK$50, allocated 16.67/16.66/16.67 over 83.33/83.33/83.34 by largest remainder; the HK$30 non-tea line gets 0', () => {
    const priced = priceCheckout(
      facts({
        lines: [
          goods(8333, { category: 'tea' }),
          goods(8333, { category: 'tea' }),
          goods(8334, { category: 'tea' }),
          goods(3000, { category: 'cake' }),
        ],
        coupons: [{ code: 'CP', campaign: campaign({ percentOff: 20, appliesTo: 'tea' }) }],
      }),
    );
    // 5000 × 8333 / 25000 = 1666.6, 1666.6, 5000 × 8334 / 25000 = 1666.8 → 1666 × 3 = 4998;
    // the 2 left go to the largest remainders: line 3 (.8), then line 1 (.6, first of the ties).
    expect(priced.lines.map((l) => l.discountMinor)).toEqual([1667, 1666, 1667, 0]);
    expect(priced.couponDiscounts).toEqual([{ code: 'CP', discountMinor: 5000 }]);
    expect(priced.discountMinor).toBe(5000);
    expect(priced.totalMinor).toBe(28_000 - 5000);
    expect(priced.lines.map((l) => l.netMinor)).toEqual([6666, 6667, 6667, 3000]);
  });

  it('20% of HK$0.99 = floor(99 × 20 / 100) = 19 (discounts round down, in the shop’s favour)', () => {
    const priced = priceCheckout(
      facts({
        lines: [goods(99)],
        coupons: [{ code: 'CP', campaign: campaign({ percentOff: 20 }) }],
      }),
    );
    expect(priced.discountMinor).toBe(19);
  });

  it('HK$20 off a basket of HK$15 of goods takes only HK$15 (never below zero)', () => {
    const priced = priceCheckout(
      facts({
        lines: [goods(1500)],
        coupons: [
          {
            code: 'CP',
            campaign: campaign({ kind: 'amount', percentOff: null, amountOffMinor: 2000 }),
          },
        ],
      }),
    );
    expect(priced).toMatchObject({ discountMinor: 1500, totalMinor: 0, pointsEarned: 0 });
  });

  it('HK$10 off HK$30 + HK$70 is allocated 3.00/7.00 in proportion', () => {
    const priced = priceCheckout(
      facts({
        lines: [goods(3000), goods(7000)],
        coupons: [
          {
            code: 'CP',
            campaign: campaign({ kind: 'amount', percentOff: null, amountOffMinor: 1000 }),
          },
        ],
      }),
    );
    expect(priced.lines.map((l) => l.discountMinor)).toEqual([300, 700]);
  });

  it('buy 2 get 1 on 3 teas at 30/30/20 frees the 20 (HK$20 off, spread 15.00/5.00 over the two tea lines in proportion)', () => {
    const priced = priceCheckout(
      facts({
        lines: [goods(3000, { quantity: 2, category: 'tea' }), goods(2000, { category: 'tea' })],
        coupons: [
          {
            code: 'CP',
            campaign: campaign({
              kind: 'buy_x_get_y',
              percentOff: null,
              appliesTo: 'tea',
              buyQuantity: 2,
              getQuantity: 1,
            }),
          },
        ],
      }),
    );
    expect(priced.discountMinor).toBe(2000);
    expect(priced.lines.map((l) => l.discountMinor)).toEqual([1500, 500]);
  });

  it.each([
    ['5 teas at HK$30: floor(5/3)=1 free → HK$30 off', [goods(3000, { quantity: 5 })], 3000],
    [
      '6 teas 50/40/30/30/20/10: floor(6/3)=2 free, the cheapest two → 20+10 = HK$30 off',
      [5000, 4000, 3000, 3000, 2000, 1000].map((p) => goods(p)),
      3000,
    ],
    ['2 teas: floor(2/3)=0 free → nothing off', [goods(3000, { quantity: 2 })], 0],
  ])('buy 2 get 1: %s', (_name, lines, discount) => {
    const priced = priceCheckout(
      facts({
        lines,
        coupons: [
          {
            code: 'CP',
            campaign: campaign({
              kind: 'buy_x_get_y',
              percentOff: null,
              buyQuantity: 2,
              getQuantity: 1,
            }),
          },
        ],
      }),
    );
    expect(priced.discountMinor).toBe(discount);
  });

  it('free item picks the cheapest matching unit: cakes at 45 and 2 × 38, a 20 coffee → HK$38 off (the coffee is not a cake)', () => {
    const priced = priceCheckout(
      facts({
        lines: [
          goods(4500, { category: 'cake' }),
          goods(3800, { category: 'cake', quantity: 2 }),
          goods(2000, { category: 'coffee' }),
        ],
        coupons: [
          {
            code: 'CP',
            campaign: campaign({ kind: 'free_item', percentOff: null, appliesTo: 'cake' }),
          },
        ],
      }),
    );
    expect(priced.discountMinor).toBe(3800);
    expect(priced.lines[2]?.discountMinor).toBe(0);
  });

  it('a free-item coupon with no matching line gives nothing off', () => {
    const priced = priceCheckout(
      facts({
        lines: [goods(2000, { category: 'coffee' })],
        coupons: [
          {
            code: 'CP',
            campaign: campaign({ kind: 'free_item', percentOff: null, appliesTo: 'cake' }),
          },
        ],
      }),
    );
    expect(priced.discountMinor).toBe(0);
  });

  it('two stackable coupons apply in turn to what is left: HK$100 − 10% (HK$10) − HK$10 = HK$80', () => {
    const priced = priceCheckout(
      facts({
        coupons: [
          { code: 'A', campaign: campaign({ id: 'a', percentOff: 10 }) },
          {
            code: 'B',
            campaign: campaign({ id: 'b', kind: 'amount', percentOff: null, amountOffMinor: 1000 }),
          },
        ],
      }),
    );
    expect(priced.couponDiscounts).toEqual([
      { code: 'A', discountMinor: 1000 },
      { code: 'B', discountMinor: 1000 },
    ]);
    expect(priced.totalMinor).toBe(8000);
    expect(priced.pointsEarned).toBe(80);
  });

  it('coupons never discount a gift card being sold: 50% off a HK$500 card + HK$10 goods = HK$5 off', () => {
    const priced = priceCheckout(
      facts({
        lines: [giftCardLine(50_000), goods(1000)],
        coupons: [{ code: 'CP', campaign: campaign({ percentOff: 50 }) }],
      }),
    );
    expect(priced.lines.map((l) => l.discountMinor)).toEqual([0, 500]);
  });

  it.each<[string, Partial<CheckoutFacts>, ErrorCode]>([
    [
      'a non-stackable coupon with another one → coupon_not_stackable',
      {
        coupons: [
          { code: 'A', campaign: campaign({ id: 'a', stackable: false }) },
          { code: 'B', campaign: campaign({ id: 'b' }) },
        ],
      },
      'coupon_not_stackable',
    ],
    [
      'a basket of HK$99.99 under a HK$100 minimum → coupon_below_minimum',
      {
        lines: [goods(9999)],
        coupons: [{ code: 'A', campaign: campaign({ minimumBasketMinor: 10_000 }) }],
      },
      'coupon_below_minimum',
    ],
    [
      'a HK$500 gift card does not count towards a HK$100 minimum: HK$50 goods → coupon_below_minimum',
      {
        lines: [giftCardLine(50_000), goods(5000)],
        coupons: [{ code: 'A', campaign: campaign({ minimumBasketMinor: 10_000 }) }],
      },
      'coupon_below_minimum',
    ],
  ])('%s', (_name, over, code) => {
    expect(refusal(facts(over))).toBe(code);
  });

  it('a single non-stackable coupon alone is fine; the minimum reached exactly is fine', () => {
    expect(
      refusal(facts({ coupons: [{ code: 'A', campaign: campaign({ stackable: false }) }] })),
    ).toBe('ok');
    expect(
      refusal(
        facts({
          lines: [goods(10_000)],
          coupons: [{ code: 'A', campaign: campaign({ minimumBasketMinor: 10_000 }) }],
        }),
      ),
    ).toBe('ok');
  });

  it.each([
    ['HK$5 over 1/1/1 → 2/2/1 (the tie goes to the earlier lines)', 5, [1, 1, 1], [2, 2, 1]],
    ['0 over anything → zeros', 0, [3, 4], [0, 0]],
    ['anything over zero weights → zeros', 7, [0, 0], [0, 0]],
    ['10 over 1/2/7 → 1/2/7 exactly', 10, [1, 2, 7], [1, 2, 7]],
    ['100 over 1/1/1 → 34/33/33', 100, [1, 1, 1], [34, 33, 33]],
  ])('allocate: %s', (_name, total, weights, expected) => {
    expect(allocate(total, weights)).toEqual(expected);
  });
});

describe('redemption: conversion, minimum, step and the largest share of a sale', () => {
  it('100 pts = HK$5: redeeming 300 pts on HK$100 pays 300×500/100 = HK$15; money pays HK$85 and earns 85', () => {
    const priced = priceCheckout(facts({ redeemPoints: 300 }));
    expect(priced).toMatchObject({
      redeemValueMinor: 1500,
      paidMinor: 8500,
      earnBaseMinor: 8500,
      pointsEarned: 85,
    });
  });

  it.each([
    [
      'points pay at most maxShare%: 50% of HK$100 = HK$50 = 1000 pts; the most redeemable is 1000',
      { redemption: { ...defaultProgram.redemption, maxSharePercent: 50 } },
      10_000,
      1_000_000,
      1000,
    ],
    [
      'a share of 0% lets points pay nothing',
      { redemption: { ...defaultProgram.redemption, maxSharePercent: 0 } },
      10_000,
      1_000_000,
      0,
    ],
    ['the balance caps it: 246 pts on HK$100 → 246', {}, 10_000, 246, 246],
    [
      'step: 3 pts = 2 minor (step 3) with 10 pts → 10 − (10 mod 3) = 9',
      { redemption: { ...defaultProgram.redemption, points: 3, valueMinor: 2 } },
      10_000,
      10,
      9,
    ],
    [
      'minimum 500 pts with 400 pts → 0 (not enough to redeem at all)',
      { redemption: { ...defaultProgram.redemption, minimumPoints: 500 } },
      10_000,
      400,
      0,
    ],
    ['HK$0.07 of goods at 100 pts = HK$5: floor(7×100/500)=1 pt', {}, 7, 1000, 1],
    ['a HK$0 basket: nothing to pay, 0', {}, 0, 1000, 0],
    [
      'HK$12.34 with 1000 pts: min(1000, floor(1234×100/500)=246) = 246, worth 1230 ≤ 1234',
      {},
      1234,
      1000,
      246,
    ],
    [
      '3 pts = 2 minor on HK$0.05: min(1000, floor(5×3/2)=7) = 7, less 7 mod 3 → 6, worth 4 ≤ 5',
      { redemption: { ...defaultProgram.redemption, points: 3, valueMinor: 2 } },
      5,
      1000,
      6,
    ],
    [
      'exact above 2^53: 989961 pts = 989961 minor on HK$99,858,548.41 → floor(9985854841×989961/989961) = 9985854841 (a float product would give one less)',
      { redemption: { ...defaultProgram.redemption, points: 989_961, valueMinor: 989_961 } },
      9_985_854_841,
      10_000_000_000_000,
      9_985_854_841,
    ],
  ])('%s', (_name, patch, price, balance, max) => {
    const priced = priceCheckout(
      facts({
        program: programWith(patch as ProgramPatch),
        lines: [goods(price)],
        member: { availablePoints: balance, tierPercent: 100 },
      }),
    );
    expect(priced.maxRedeemablePoints).toBe(max);
  });

  it.each<[string, Partial<CheckoutFacts>, ProgramPatch, ErrorCode]>([
    [
      'points pay at most maxShare%: 1020 pts (HK$51) on HK$100 at 50% → redeem_exceeds_total',
      { redeemPoints: 1020 },
      { redemption: { ...defaultProgram.redemption, maxSharePercent: 50 } },
      'redeem_exceeds_total',
    ],
    [
      '2001 pts (HK$100.05) on HK$100 → redeem_exceeds_total',
      { redeemPoints: 2001 },
      {},
      'redeem_exceeds_total',
    ],
    [
      '4 pts at step 3 (3 pts = 2 minor) → redeem_step',
      { redeemPoints: 4 },
      { redemption: { ...defaultProgram.redemption, points: 3, valueMinor: 2 } },
      'redeem_step',
    ],
    [
      '400 pts under a 500-pt minimum → redeem_minimum',
      { redeemPoints: 400 },
      { redemption: { ...defaultProgram.redemption, minimumPoints: 500 } },
      'redeem_minimum',
    ],
    [
      '101 pts with 100 available → insufficient_points',
      { redeemPoints: 101, member: { availablePoints: 100, tierPercent: 100 } },
      {},
      'insufficient_points',
    ],
    [
      'redeeming with no member → member_required',
      { redeemPoints: 100, member: null },
      {},
      'member_required',
    ],
    [
      'points never pay for a gift card being sold: HK$500 card + HK$10 goods, 201 pts (HK$10.05) → redeem_exceeds_total',
      { redeemPoints: 201, lines: [giftCardLine(50_000), goods(1000)] },
      {},
      'redeem_exceeds_total',
    ],
  ])('%s', (_name, over, patch, code) => {
    expect(refusal(facts({ program: programWith(patch), ...over }))).toBe(code);
  });

  it.each([
    ['100 pts = HK$5: gcd(100,500)=100, step 1', 100, 500, 1],
    ['100 pts = HK$1: gcd(100,100)=100, step 1', 100, 100, 1],
    ['3 pts = 2 minor: gcd(3,2)=1, step 3', 3, 2, 3],
    ['1000 pts = 5 minor: gcd=5, step 1000/5=200', 1000, 5, 200],
    ['250 pts = HK$1: gcd(250,100)=50, step 250/50=5', 250, 100, 5],
  ])('redeemStepOf: %s', (_name, points, valueMinor, step) => {
    expect(
      redeemStepOf(
        programWith({ redemption: { ...defaultProgram.redemption, points, valueMinor } }),
      ),
    ).toBe(step);
  });
});

describe('gift cards pay what is left of the goods', () => {
  it('a card pays part: HK$100 goods, card pays HK$30 of its HK$50 → money HK$70, earns 70', () => {
    const priced = priceCheckout(
      facts({ giftCardPayments: [{ code: 'GC', amountMinor: 3000, balanceMinor: 5000 }] }),
    );
    expect(priced).toMatchObject({ giftCardMinor: 3000, paidMinor: 7000, pointsEarned: 70 });
  });

  it('two cards and points together may pay all of the goods: 100 pts (HK$5) + HK$50 + HK$45 = HK$100, money 0, earns 0', () => {
    const priced = priceCheckout(
      facts({
        redeemPoints: 100,
        giftCardPayments: [
          { code: 'A', amountMinor: 5000, balanceMinor: 5000 },
          { code: 'B', amountMinor: 4500, balanceMinor: 9000 },
        ],
      }),
    );
    expect(priced).toMatchObject({ paidMinor: 0, earnBaseMinor: 0, pointsEarned: 0 });
  });

  it.each<[string, Partial<CheckoutFacts>, ErrorCode]>([
    [
      'gift card cannot pay for a gift card line: HK$500 card sold, another card pays HK$1 → gift_card_exceeds_total',
      {
        lines: [giftCardLine(50_000)],
        giftCardPayments: [{ code: 'GC', amountMinor: 100, balanceMinor: 90_000 }],
      },
      'gift_card_exceeds_total',
    ],
    [
      'a card paying HK$50.01 of a HK$50 balance → gift_card_insufficient',
      { giftCardPayments: [{ code: 'GC', amountMinor: 5001, balanceMinor: 5000 }] },
      'gift_card_insufficient',
    ],
    [
      'after 1000 pts (HK$50), a card may pay at most the HK$50 left: HK$50.01 → gift_card_exceeds_total',
      {
        redeemPoints: 1000,
        giftCardPayments: [{ code: 'GC', amountMinor: 5001, balanceMinor: 90_000 }],
      },
      'gift_card_exceeds_total',
    ],
  ])('%s', (_name, over, code) => {
    expect(refusal(facts(over))).toBe(code);
  });
});

describe('properties of priceCheckout', () => {
  const line = fc.record({
    description: fc.constant('x'),
    quantity: fc.integer({ min: 1, max: 4 }),
    unitPriceMinor: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50_000 })),
    sku: fc.constantFrom(null, 'TEA-1', 'CAKE-1'),
    category: fc.constantFrom(null, 'tea', 'cake', 'tobacco'),
    kind: fc.constantFrom<CheckoutLine['kind']>('goods', 'goods', 'goods', 'gift_card'),
  });
  const program = fc
    .record({
      points: fc.integer({ min: 0, max: 20 }),
      perSpendMinor: fc.integer({ min: 1, max: 1000 }),
      rounding: fc.constantFrom('floor', 'round', 'ceil' as const),
      tobacco: fc.constantFrom(0, 100, 300),
      tea: fc.constantFrom(50, 100, 200),
      redeemPoints: fc.integer({ min: 1, max: 1000 }),
      redeemValue: fc.integer({ min: 1, max: 1000 }),
      maxShare: fc.integer({ min: 0, max: 100 }),
    })
    .map((p) =>
      programWith({
        earn: {
          ...defaultProgram.earn,
          points: p.points,
          perSpendMinor: p.perSpendMinor,
          rounding: p.rounding,
          multipliers: [
            { match: 'tobacco', percent: p.tobacco },
            { match: 'TEA-1', percent: p.tea },
          ],
        },
        redemption: {
          points: p.redeemPoints,
          valueMinor: p.redeemValue,
          minimumPoints: 0,
          maxSharePercent: p.maxShare,
        },
      }),
    );

  /** The largest the earn rule could give on `base`: every line at the highest multiplier. */
  function ceilingOf(p: Program, base: number, tierPercent: number): bigint {
    const maxLine = Math.max(100, ...p.earn.multipliers.map((m) => m.percent));
    const n = BigInt(base) * BigInt(p.earn.points) * BigInt(maxLine) * BigInt(tierPercent);
    const d = BigInt(p.earn.perSpendMinor) * 100n * 100n;
    return (n + d - 1n) / d;
  }

  it('lines, discounts and points add up; points never exceed the rule applied to the earn base; earn base = goods net − points − gift cards ≥ 0', () => {
    fc.assert(
      fc.property(
        program,
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.constantFrom(100, 125, 150, 200),
        (p, lines, balance, share, giftCard, tierPercent) => {
          const base = facts({
            program: p,
            lines,
            member: { availablePoints: balance, tierPercent },
            coupons: [{ code: 'CP', campaign: campaign({ percentOff: 15 }) }],
          });
          const preview = priceCheckout(base);
          const step = preview.redeemStep;
          const redeem = Math.floor((preview.maxRedeemablePoints * share) / step) * step;
          const afterPoints =
            preview.goodsNetMinor - (redeem * p.redemption.valueMinor) / p.redemption.points;
          const card = Math.min(giftCard, afterPoints);
          let priced: PricedCheckout;
          try {
            priced = priceCheckout({
              ...base,
              redeemPoints: redeem,
              giftCardPayments:
                card > 0 ? [{ code: 'GC', amountMinor: card, balanceMinor: card }] : [],
            });
          } catch (error) {
            // Only the minimum redemption can refuse a share of the maximum.
            expect((error as DomainError).error.code).toBe('redeem_minimum');
            return;
          }
          const sum = (f: (l: PricedCheckout['lines'][number]) => number) =>
            priced.lines.reduce((s, l) => s + f(l), 0);
          expect(sum((l) => l.amountMinor)).toBe(priced.subtotalMinor);
          expect(sum((l) => l.discountMinor)).toBe(priced.discountMinor);
          expect(sum((l) => l.netMinor)).toBe(priced.totalMinor);
          expect(sum((l) => l.pointsEarned)).toBe(priced.pointsEarned);
          for (const l of priced.lines) {
            expect(l.netMinor).toBeGreaterThanOrEqual(0);
            if (l.kind !== 'goods') expect([l.discountMinor, l.pointsEarned]).toEqual([0, 0]);
          }
          const goodsNet = sum((l) => (l.kind === 'goods' ? l.netMinor : 0));
          expect(priced.earnBaseMinor).toBe(
            goodsNet - priced.redeemValueMinor - priced.giftCardMinor,
          );
          expect(priced.earnBaseMinor).toBeGreaterThanOrEqual(0);
          expect(priced.paidMinor).toBe(
            priced.totalMinor - priced.redeemValueMinor - priced.giftCardMinor,
          );
          expect(BigInt(priced.pointsEarned)).toBeLessThanOrEqual(
            ceilingOf(p, priced.earnBaseMinor, tierPercent),
          );
          for (const value of [priced.pointsEarned, priced.redeemValueMinor, priced.paidMinor])
            expect(Number.isSafeInteger(value)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the most redeemable points are whole steps within the balance and the share cap, and one more step would not fit (exact at HK$10^8 too)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        // Equal or dividing rates make the exact quotient a whole number: where a float product
        // above 2^53 would round it to the wrong side.
        fc.oneof(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.constant(0),
          fc.integer({ min: 2, max: 1000 }),
        ),
        fc.integer({ min: 0, max: 100 }),
        fc.oneof(
          fc.integer({ min: 0, max: 100_000 }),
          fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }),
        ),
        fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 1_000_000_000 })),
        (points, valueChoice, maxSharePercent, price, balance) => {
          // 0: the same as points (1 pt = 1 minor); 2..1000: points are a multiple of the value.
          const valueMinor =
            valueChoice === 0
              ? points
              : valueChoice <= 1000
                ? Math.max(1, Math.floor(points / valueChoice))
                : valueChoice;
          const p = programWith({
            redemption: { points, valueMinor, minimumPoints: 0, maxSharePercent },
          });
          const priced = priceCheckout(
            facts({
              program: p,
              lines: [goods(price)],
              member: { availablePoints: balance, tierPercent: 100 },
            }),
          );
          const max = priced.maxRedeemablePoints;
          const step = priced.redeemStep;
          const cap = (BigInt(price) * BigInt(maxSharePercent)) / 100n;
          const valueOf = (pts: number) => (BigInt(pts) * BigInt(valueMinor)) / BigInt(points);
          expect(max % step).toBe(0);
          expect(max).toBeLessThanOrEqual(balance);
          expect(valueOf(max)).toBeLessThanOrEqual(cap);
          const next = max + step;
          expect(next > balance || valueOf(next) > cap).toBe(true);
          if (max > 0) {
            expect(
              refusal(
                facts({
                  program: p,
                  lines: [goods(price)],
                  member: { availablePoints: balance, tierPercent: 100 },
                  redeemPoints: max,
                }),
              ),
            ).toBe('ok');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
