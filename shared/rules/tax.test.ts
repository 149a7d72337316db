import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultProgram } from '../program';
import { priceCheckout, type CheckoutFacts, type CheckoutLine } from './checkout';
import { lineTax, taxByRate, TAX_MODES, type TaxMode } from './tax';

/**
 * Worked examples of shared/rules/tax.ts. Amounts are minor units (HK$1 = 100); the program is
 * the default: 1 point per HK$1 of the earn base, floored.
 */

function goods(unitPriceMinor: number, rate: number, more: Partial<CheckoutLine> = {}) {
  return {
    description: 'Item',
    quantity: 1,
    unitPriceMinor,
    sku: null,
    category: null,
    kind: 'goods' as const,
    taxRateBasisPoints: rate,
    ...more,
  };
}

function facts(taxMode: TaxMode, lines: CheckoutLine[], over: Partial<CheckoutFacts> = {}) {
  return {
    program: defaultProgram,
    date: '2025-03-05',
    weekday: 3,
    lines,
    member: { availablePoints: 1_000_000, tierPercent: 100 },
    coupons: [],
    redeemPoints: 0,
    giftCardPayments: [],
    taxMode,
    ...over,
  } satisfies CheckoutFacts;
}

describe('lineTax: per line, rounded half up', () => {
  it.each([
    ['exclusive 8% of 10000 = 800', 10_000, 800, 'exclusive', 800],
    ['exclusive 8.25% of 1999 = 164.9175 → 165', 1999, 825, 'exclusive', 165],
    ['exclusive 5% of 10 = 0.5 → 1 (half up)', 10, 500, 'exclusive', 1],
    ['exclusive 5% of 9 = 0.45 → 0', 9, 500, 'exclusive', 0],
    ['inclusive 10% of 11000 = 11000×10/110 = 1000', 11_000, 1000, 'inclusive', 1000],
    ['inclusive 7% of 1000 = 65.42 → 65', 1000, 700, 'inclusive', 65],
    [
      'a refund line of −10 at exclusive 5% gives back −1 (half away from zero)',
      -10,
      500,
      'exclusive',
      -1,
    ],
    ['no tax: always 0', 10_000, 800, 'none', 0],
  ] as const)('%s', (_name, net, rate, mode, tax) => {
    expect(lineTax(net, rate, mode)).toBe(tax);
  });

  it('is exact at the largest amounts (BigInt, no float)', () => {
    expect(lineTax(9_007_199_254_740_000, 10_000, 'exclusive')).toBe(9_007_199_254_740_000);
  });
});

describe('priceCheckout with tax', () => {
  it('exclusive 8%: HK$100.00 + HK$8.00 tax = HK$108.00 to pay; points on HK$100 before tax = 100', () => {
    const priced = priceCheckout(facts('exclusive', [goods(10_000, 800)]));
    expect(priced).toMatchObject({
      subtotalMinor: 10_000,
      taxMinor: 800,
      totalMinor: 10_800,
      goodsChargeMinor: 10_800,
      paidMinor: 10_800,
      earnBaseMinor: 10_000,
      pointsEarned: 100,
    });
  });

  it('inclusive 10%: HK$110.00 includes HK$10.00 tax; the customer pays HK$110.00 and earns on HK$100 = 100 points', () => {
    const priced = priceCheckout(facts('inclusive', [goods(11_000, 1000)]));
    expect(priced).toMatchObject({
      taxMinor: 1000,
      totalMinor: 11_000,
      paidMinor: 11_000,
      earnBaseMinor: 10_000,
      pointsEarned: 100,
    });
  });

  it('tax is on the net after a 10% coupon: HK$100 − HK$10 = HK$90, 8% = HK$7.20 → total HK$97.20', () => {
    const priced = priceCheckout(
      facts('exclusive', [goods(10_000, 800)], {
        coupons: [
          {
            code: 'C1',
            campaign: {
              id: 'c',
              name: 'Ten off',
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
            },
          },
        ],
      }),
    );
    expect(priced).toMatchObject({ discountMinor: 1000, taxMinor: 720, totalMinor: 9720 });
    expect(priced.earnBaseMinor).toBe(9000);
  });

  it('each line at its own rate; a gift card sold is never taxed; the total adds each line’s rounded tax', () => {
    const priced = priceCheckout(
      facts('exclusive', [
        goods(1999, 825),
        goods(1999, 825),
        goods(500, 0),
        goods(5000, 800, { kind: 'gift_card', description: 'Gift card' }),
      ]),
    );
    expect(priced.lines.map((l) => l.taxMinor)).toEqual([165, 165, 0, 0]);
    expect(priced.lines[3]?.taxRateBasisPoints).toBe(0);
    expect(priced.totalMinor).toBe(1999 * 2 + 500 + 5000 + 330);
    expect(taxByRate(priced.lines)).toEqual([{ rateBasisPoints: 825, taxMinor: 330 }]);
  });

  it('points and a gift card may pay the tax too: HK$108 paid by 1,000 points (HK$50) and HK$58 on a card leaves nothing to pay and nothing to earn on', () => {
    const priced = priceCheckout(
      facts('exclusive', [goods(10_000, 800)], {
        redeemPoints: 1000,
        giftCardPayments: [{ code: 'GC', amountMinor: 5800, balanceMinor: 9000 }],
        program: {
          ...defaultProgram,
          redemption: { ...defaultProgram.redemption, maxSharePercent: 100 },
        },
      }),
    );
    expect(priced).toMatchObject({ redeemValueMinor: 5000, giftCardMinor: 5800, paidMinor: 0 });
    expect(priced.earnBaseMinor).toBe(0);
    expect(priced.pointsEarned).toBe(0);
  });

  it('a gift card cannot pay more than the goods with their tax', () => {
    expect(() =>
      priceCheckout(
        facts('exclusive', [goods(10_000, 800)], {
          giftCardPayments: [{ code: 'GC', amountMinor: 10_801, balanceMinor: 20_000 }],
        }),
      ),
    ).toThrow(/Gift cards cannot pay more/);
  });
});

describe('properties', () => {
  const line = fc.record({
    description: fc.constant('x'),
    quantity: fc.integer({ min: 1, max: 4 }),
    unitPriceMinor: fc.integer({ min: 0, max: 50_000 }),
    sku: fc.constant(null),
    category: fc.constant(null),
    kind: fc.constantFrom<CheckoutLine['kind']>('goods', 'goods', 'gift_card'),
    taxRateBasisPoints: fc.constantFrom(0, 500, 800, 825, 1000, 2000),
  });

  it('without tax a basket prices exactly as it did before tax existed, whatever rates its lines carry', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const none = priceCheckout(facts('none', lines));
        const before = priceCheckout({
          ...facts(
            'none',
            lines.map(({ taxRateBasisPoints: _, ...rest }) => rest),
          ),
          taxMode: undefined,
        });
        expect(none).toEqual(before);
        expect(none.taxMinor).toBe(0);
        expect(none.lines.every((l) => l.taxMinor === 0)).toBe(true);
      }),
    );
  });

  it('the same basket earns the same points in an inclusive and an exclusive store once each has worked out the same tax', () => {
    // Exclusive at price p, and inclusive at the shelf price p + tax: the same goods before tax.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(500, 800, 1000), (p, r) => {
        const exclusive = priceCheckout(facts('exclusive', [goods(p, r)]));
        const shelf = p + exclusive.taxMinor;
        const inclusive = priceCheckout(facts('inclusive', [goods(shelf, r)]));
        expect(inclusive.totalMinor).toBe(exclusive.totalMinor);
        // Rounding may put a minor unit either side; the earn base never differs by more.
        expect(Math.abs(inclusive.earnBaseMinor - exclusive.earnBaseMinor)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('in every mode: total = subtotal − discount (+ tax when added); paid = total − points − cards; earn base ≤ goods before tax', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...TAX_MODES),
        (lines, mode) => {
          const priced = priceCheckout(facts(mode, lines));
          const tax = priced.lines.reduce((s, l) => s + l.taxMinor, 0);
          expect(priced.taxMinor).toBe(tax);
          expect(priced.totalMinor).toBe(
            priced.subtotalMinor - priced.discountMinor + (mode === 'exclusive' ? tax : 0),
          );
          expect(priced.paidMinor).toBe(
            priced.totalMinor - priced.redeemValueMinor - priced.giftCardMinor,
          );
          const beforeTax = priced.lines
            .filter((l) => l.kind === 'goods')
            .reduce((s, l) => s + l.netMinor - (mode === 'inclusive' ? l.taxMinor : 0), 0);
          expect(priced.earnBaseMinor).toBe(beforeTax);
          expect(
            priced.lines.filter((l) => l.kind !== 'goods').every((l) => l.taxMinor === 0),
          ).toBe(true);
        },
      ),
    );
  });
});
