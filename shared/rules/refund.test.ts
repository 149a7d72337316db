import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  goodsMoneyOf,
  refundLineUnits,
  refundTenders,
  shortfallKeptMinor,
  type GoodsTenders,
  type TendersBack,
} from './refund';

/** Adds one part to the running totals of what came back. */
function addPart(total: TendersBack, part: TendersBack): TendersBack {
  return {
    points: total.points + part.points,
    redeemValueMinor: total.redeemValueMinor + part.redeemValueMinor,
    giftCards: total.giftCards.map((c, i) => ({
      key: c.key,
      amountMinor: c.amountMinor + (part.giftCards[i]?.amountMinor ?? 0),
    })),
    moneyMinor: total.moneyMinor + part.moneyMinor,
  };
}

const none = (sale: GoodsTenders): TendersBack => ({
  points: 0,
  redeemValueMinor: 0,
  giftCards: sale.giftCards.map((c) => ({ key: c.key, amountMinor: 0 })),
  moneyMinor: 0,
});

/** Refunds `units` (each a goods net amount) one part at a time; returns every part. */
function refundInParts(sale: GoodsTenders, parts: number[]): TendersBack[] {
  let before = none(sale);
  let goods = 0;
  return parts.map((now) => {
    const part = refundTenders(sale, before, { before: goods, now });
    before = addPart(before, part);
    goods += now;
    return part;
  });
}

describe('refundTenders: the issue’s reproduction', () => {
  // 3 × HK$10.00, 5 points redeemed at 1 point = HK$1.00.
  const sale: GoodsTenders = {
    goodsNetMinor: 3000,
    pointsRedeemed: 5,
    redeemValueMinor: 500,
    giftCards: [],
  };

  it('one unit: floor(5 × 1/3) = 1 pt (HK$1.00) + HK$9.00 cash = HK$10.00, not 1 pt + HK$8.34', () => {
    expect(refundInParts(sale, [1000])[0]).toEqual({
      points: 1,
      redeemValueMinor: 100,
      giftCards: [],
      moneyMinor: 900,
    });
  });

  it('unit by unit: 1 + 2 + 2 pts and 900 + 800 + 800 cash, exactly the sale’s 5 pts and HK$25.00', () => {
    const parts = refundInParts(sale, [1000, 1000, 1000]);
    expect(parts.map((p) => [p.points, p.redeemValueMinor, p.moneyMinor])).toEqual([
      [1, 100, 900],
      [2, 200, 800],
      [2, 200, 800],
    ]);
  });

  it('with a HK$7.00 gift card: card 233 + 233 + 234, cash 667 + 567 + 566', () => {
    const withCard = { ...sale, giftCards: [{ key: 'g', amountMinor: 700 }] };
    const parts = refundInParts(withCard, [1000, 1000, 1000]);
    expect(
      parts.map((p) => [p.redeemValueMinor, p.giftCards[0]?.amountMinor, p.moneyMinor]),
    ).toEqual([
      [100, 233, 667],
      [200, 233, 567],
      [200, 234, 566],
    ]);
  });
});

describe('refundLineUnits', () => {
  it('2 teas at 7635 with 1527 off: 1 unit → discount floor(1527/2) = 763, net 6872; the other 764, 6871', () => {
    const tea = { quantity: 2, unitPriceMinor: 7635, discountMinor: 1527, pointsEarned: 137 };
    expect(refundLineUnits(tea, 0, 1)).toEqual({
      amountMinor: 7635,
      discountMinor: 763,
      netMinor: 6872,
      points: 69,
      taxMinor: 0,
    });
    expect(refundLineUnits(tea, 1, 1)).toEqual({
      amountMinor: 7635,
      discountMinor: 764,
      netMinor: 6871,
      points: 68,
      taxMinor: 0,
    });
  });

  it('3 units carrying 25 of tax give back 8, 8 and 9: rounded down, the last part takes the rest', () => {
    const line = {
      quantity: 3,
      unitPriceMinor: 100,
      discountMinor: 0,
      pointsEarned: 3,
      taxMinor: 25,
    };
    const parts = [0, 1, 2].map((before) => refundLineUnits(line, before, 1).taxMinor);
    expect(parts).toEqual([8, 8, 9]);
    expect(refundLineUnits(line, 0, 3).taxMinor).toBe(25);
  });
});

describe('shortfallKeptMinor (3 pts = 2 minor)', () => {
  const rate = { points: 3, valueMinor: 2 };
  it('thirds of 10 short points keep ceil(20/3)=7, ceil(40/3)−7=7, 20−14=6: the 20 of one full refund', () => {
    expect(shortfallKeptMinor(10, 0, rate)).toBe(7);
    expect(shortfallKeptMinor(20, 7, rate)).toBe(7);
    expect(shortfallKeptMinor(30, 14, rate)).toBe(6);
    expect(shortfallKeptMinor(30, 0, rate)).toBe(20);
  });
});

describe('property: any sale, any partition of its goods into parts, in any order', () => {
  const saleAndParts = fc
    .record({
      units: fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 12 }),
      pointsShare: fc.integer({ min: 0, max: 100 }),
      rate: fc.record({
        points: fc.integer({ min: 1, max: 200 }),
        valueMinor: fc.integer({ min: 1, max: 500 }),
      }),
      cards: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 2 }),
      order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
      groups: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 12, maxLength: 12 }),
    })
    .map(({ units, pointsShare, rate, cards, order, groups }) => {
      const goods = units.reduce((a, b) => a + b, 0);
      // Points redeemed in whole steps whose value is exact, as checkout allows.
      const step = rate.points;
      const maxSteps = Math.floor((goods * pointsShare) / 100 / rate.valueMinor);
      const steps = Math.max(0, maxSteps);
      const pointsRedeemed = steps * step;
      const redeemValueMinor = steps * rate.valueMinor;
      let left = goods - redeemValueMinor;
      const giftCards = cards.map((percent, i) => {
        const amountMinor = Math.floor((left * percent) / 200);
        left -= amountMinor;
        return { key: `card${i}`, amountMinor };
      });
      const sale: GoodsTenders = {
        goodsNetMinor: goods,
        pointsRedeemed,
        redeemValueMinor,
        giftCards,
      };
      // Shuffle the units, then cut them into parts of 1–4 units.
      const shuffled = units
        .map((u, i) => ({ u, k: order[i] ?? 0 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.u);
      const parts: number[] = [];
      let i = 0;
      let g = 0;
      while (i < shuffled.length) {
        const size = groups[g] ?? 1;
        parts.push(shuffled.slice(i, i + size).reduce((a, b) => a + b, 0));
        i += size;
        g += 1;
      }
      return { sale, parts, rate };
    });

  it('every part adds up to its net, no tender goes negative or past what it paid, and the parts add up to the whole', () => {
    fc.assert(
      fc.property(saleAndParts, ({ sale, parts, rate }) => {
        const result = refundInParts(sale, parts);
        let total = none(sale);
        for (const [k, part] of result.entries()) {
          const cards = part.giftCards.reduce((s, c) => s + c.amountMinor, 0);
          expect(part.redeemValueMinor + cards + part.moneyMinor).toBe(parts[k]);
          expect(part.points).toBeGreaterThanOrEqual(0);
          expect(part.redeemValueMinor).toBeGreaterThanOrEqual(0);
          expect(part.moneyMinor).toBeGreaterThanOrEqual(0);
          for (const c of part.giftCards) expect(c.amountMinor).toBeGreaterThanOrEqual(0);
          total = addPart(total, part);
          expect(total.points).toBeLessThanOrEqual(sale.pointsRedeemed);
          expect(total.redeemValueMinor).toBeLessThanOrEqual(sale.redeemValueMinor);
          expect(total.moneyMinor).toBeLessThanOrEqual(goodsMoneyOf(sale));
          // The points returned so far are worth what was recorded, within one point's value.
          const pointValueDrift = Math.abs(
            (total.points * rate.valueMinor) / rate.points - total.redeemValueMinor,
          );
          expect(pointValueDrift).toBeLessThan(rate.valueMinor / rate.points + 1);
        }
        expect(total.points).toBe(sale.pointsRedeemed);
        expect(total.redeemValueMinor).toBe(sale.redeemValueMinor);
        expect(total.moneyMinor).toBe(goodsMoneyOf(sale));
        total.giftCards.forEach((c, i) =>
          expect(c.amountMinor).toBe(sale.giftCards[i]?.amountMinor),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('where a part is worth more than a point and money can balance one, it returns its net within one minor unit, points at their value', () => {
    fc.assert(
      fc.property(saleAndParts, ({ sale, parts, rate }) => {
        const pointValue = rate.valueMinor / rate.points;
        const result = refundInParts(sale, parts);
        let moneyLeft = goodsMoneyOf(sale);
        let cardsLeft = sale.giftCards.reduce((s, c) => s + c.amountMinor, 0);
        let drift = 0;
        let pointsSoFar = 0;
        let valueSoFar = 0;
        for (const [k, part] of result.entries()) {
          const cards = part.giftCards.reduce((s, c) => s + c.amountMinor, 0);
          const value = part.points * pointValue + cards + part.moneyMinor;
          // The part is worth more than a point, and the money and cards left could balance a
          // whole point either way (a point cannot be split).
          const n = parts[k] ?? 0;
          if (n >= pointValue + 1 && moneyLeft + cardsLeft - n >= pointValue + 2 && drift === 0) {
            expect(Math.abs(value - (parts[k] ?? 0))).toBeLessThanOrEqual(1);
          }
          // Once a part's recorded value was held to what fits, later parts carry it until evened.
          pointsSoFar += part.points;
          valueSoFar += part.redeemValueMinor;
          drift =
            valueSoFar ===
            Math.floor((sale.redeemValueMinor * pointsSoFar) / sale.pointsRedeemed || 0)
              ? 0
              : 1;
          moneyLeft -= part.moneyMinor;
          cardsLeft -= cards;
        }
      }),
      { numRuns: 500 },
    );
  });
});
