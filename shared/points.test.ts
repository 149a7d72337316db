import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_AMOUNT_MINOR } from './money';
import {
  defaultPointsRule,
  maxRedeemablePoints,
  pointsEarned,
  redeemStep,
  redemptionValue,
  type EarnRule,
  type RedeemRule,
} from './points';

const perDollar: EarnRule = { earnPoints: 1, earnSpendMinor: 100 };
const threePerTen: EarnRule = { earnPoints: 3, earnSpendMinor: 1000 };
const fivePerDollar: EarnRule = { earnPoints: 5, earnSpendMinor: 100 };

describe('pointsEarned = floor(netPaid × earnPoints / earnSpendMinor)', () => {
  it.each([
    ['HK$12.34 at 1 pt per HK$1 earns floor(1234*1/100)=12', 1234, perDollar, 12],
    [
      'HK$12.99 at 1 pt per HK$1 earns floor(1299*1/100)=12 (floored, not rounded)',
      1299,
      perDollar,
      12,
    ],
    ['HK$1.00 at 1 pt per HK$1 earns floor(100*1/100)=1', 100, perDollar, 1],
    ['HK$0.99 at 1 pt per HK$1 earns floor(99*1/100)=0', 99, perDollar, 0],
    ['HK$0 earns 0', 0, perDollar, 0],
    ['a negative net paid earns 0, never negative points', -500, perDollar, 0],
    ['HK$29.99 at 3 pts per HK$10 earns floor(2999*3/1000)=8', 2999, threePerTen, 8],
    ['HK$30.00 at 3 pts per HK$10 earns floor(3000*3/1000)=9', 3000, threePerTen, 9],
    ['HK$0.01 at 5 pts per HK$1 earns floor(1*5/100)=0', 1, fivePerDollar, 0],
    ['HK$0.20 at 5 pts per HK$1 earns floor(20*5/100)=1', 20, fivePerDollar, 1],
    ['a rule of 0 pts earns floor(1234*0/100)=0', 1234, { earnPoints: 0, earnSpendMinor: 100 }, 0],
    [
      'HK$10^8 at 1000 pts per 3 minor earns floor(10^10*1000/3)=3333333333333 exactly',
      MAX_AMOUNT_MINOR,
      { earnPoints: 1000, earnSpendMinor: 3 },
      3_333_333_333_333,
    ],
  ])('%s', (_name, paid, rule, expected) => {
    expect(pointsEarned(paid, rule)).toBe(expected);
  });
});

describe('redeemStep = redeemPoints / gcd(redeemPoints, redeemValueMinor)', () => {
  it.each([
    ['100 pts = HK$5: gcd(100,500)=100, step 100/100=1', defaultPointsRule, 1],
    ['100 pts = HK$1: gcd(100,100)=100, step 1', { redeemPoints: 100, redeemValueMinor: 100 }, 1],
    ['3 pts = 2 minor: gcd(3,2)=1, step 3', { redeemPoints: 3, redeemValueMinor: 2 }, 3],
    [
      '1000 pts = 5 minor: gcd=5, step 1000/5=200',
      { redeemPoints: 1000, redeemValueMinor: 5 },
      200,
    ],
    [
      '250 pts = HK$1: gcd(250,100)=50, step 250/50=5',
      { redeemPoints: 250, redeemValueMinor: 100 },
      5,
    ],
  ])('%s', (_name, rule, step) => {
    expect(redeemStep(rule)).toBe(step);
  });
});

describe('redemptionValue = points × redeemValueMinor / redeemPoints, in whole steps only', () => {
  const threeForTwo: RedeemRule = { redeemPoints: 3, redeemValueMinor: 2 };
  it.each([
    ['100 pts at 100 pts = HK$5 are worth 100*500/100=500', 100, defaultPointsRule, 500],
    ['1 pt at 100 pts = HK$5 is worth 1*500/100=5', 1, defaultPointsRule, 5],
    ['0 pts are worth 0', 0, defaultPointsRule, 0],
    ['300 pts at 3 pts = 2 minor are worth 300*2/3=200', 300, threeForTwo, 200],
    ['301 pts at step 3: 301 mod 3 = 1 → null', 301, threeForTwo, null],
    ['2 pts at step 3: 2 mod 3 = 2 → null', 2, threeForTwo, null],
    ['negative points → null', -3, threeForTwo, null],
    ['fractional points → null', 1.5, defaultPointsRule, null],
    ['NaN → null', Number.NaN, defaultPointsRule, null],
    ['Infinity → null', Number.POSITIVE_INFINITY, defaultPointsRule, null],
    ['2^53 is not a safe integer → null', 2 ** 53, defaultPointsRule, null],
  ])('%s', (_name, points, rule, value) => {
    expect(redemptionValue(points, rule)).toBe(value);
  });
});

describe('maxRedeemablePoints = min(balance, floor(total × rp / rv)) rounded down to a step', () => {
  it.each([
    [
      'min(1000, floor(1234*100/500)=246)=246, worth 246*5=1230 ≤ 1234',
      1000,
      1234,
      defaultPointsRule,
      246,
    ],
    ['min(100, 246)=100', 100, 1234, defaultPointsRule, 100],
    ['balance 0 → 0', 0, 1234, defaultPointsRule, 0],
    ['a negative balance (debt after a refund) → 0', -50, 1234, defaultPointsRule, 0],
    ['a zero total → 0', 1000, 0, defaultPointsRule, 0],
    [
      'min(10, 1500)=10, 10 − (10 mod 3) = 9',
      10,
      1000,
      { redeemPoints: 3, redeemValueMinor: 2 },
      9,
    ],
    [
      'min(1000, floor(5*3/2)=7)=7, 7 − 1 = 6, worth 4 ≤ 5',
      1000,
      5,
      { redeemPoints: 3, redeemValueMinor: 2 },
      6,
    ],
  ])('%s', (_name, balance, total, rule, expected) => {
    expect(maxRedeemablePoints(balance, total, rule)).toBe(expected);
  });
});

describe('properties', () => {
  const earnRule = fc.record({
    earnPoints: fc.integer({ min: 0, max: 1000 }),
    earnSpendMinor: fc.integer({ min: 1, max: 1_000_000 }),
  });
  const redeemRule = fc.record({
    redeemPoints: fc.integer({ min: 1, max: 1_000_000 }),
    redeemValueMinor: fc.integer({ min: 1, max: 1_000_000 }),
  });
  const amount = fc.integer({ min: 0, max: MAX_AMOUNT_MINOR });

  it('pointsEarned is a non-negative integer and exactly the floor (checked in BigInt)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }),
        earnRule,
        (paid, rule) => {
          const earned = pointsEarned(paid, rule);
          expect(Number.isSafeInteger(earned)).toBe(true);
          expect(earned).toBeGreaterThanOrEqual(0);
          if (paid > 0) {
            const exact = (BigInt(paid) * BigInt(rule.earnPoints)) / BigInt(rule.earnSpendMinor);
            expect(BigInt(earned)).toBe(exact);
          } else {
            expect(earned).toBe(0);
          }
        },
      ),
    );
  });

  it('pointsEarned is monotone: paying more never earns less', () => {
    fc.assert(
      fc.property(amount, amount, earnRule, (a, b, rule) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(pointsEarned(low, rule)).toBeLessThanOrEqual(pointsEarned(high, rule));
      }),
    );
  });

  it('redemptionValue is exact for every multiple of redeemStep and null otherwise', () => {
    fc.assert(
      fc.property(redeemRule, fc.integer({ min: 0, max: 1_000_000_000 }), (rule, points) => {
        const step = redeemStep(rule);
        const value = redemptionValue(points, rule);
        if (points % step === 0) {
          expect(value).not.toBeNull();
          expect(Number.isSafeInteger(value)).toBe(true);
          // value × rp = points × rv, exactly.
          expect(BigInt(value as number) * BigInt(rule.redeemPoints)).toBe(
            BigInt(points) * BigInt(rule.redeemValueMinor),
          );
        } else {
          expect(value).toBeNull();
        }
      }),
    );
  });

  it('whole steps: k × step points are worth k × rv / gcd minor units', () => {
    fc.assert(
      fc.property(redeemRule, fc.integer({ min: 0, max: 1000 }), (rule, k) => {
        const step = redeemStep(rule);
        const perStep = (rule.redeemValueMinor * step) / rule.redeemPoints;
        expect(Number.isInteger(perStep)).toBe(true);
        expect(redemptionValue(k * step, rule)).toBe(k * perStep);
      }),
    );
  });

  it('maxRedeemablePoints ≤ balance, is whole steps, its value ≤ total, and one more step would not fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
        amount,
        redeemRule,
        (balance, total, rule) => {
          const step = redeemStep(rule);
          const max = maxRedeemablePoints(balance, total, rule);
          expect(Number.isSafeInteger(max)).toBe(true);
          expect(max).toBeGreaterThanOrEqual(0);
          expect(max).toBeLessThanOrEqual(Math.max(balance, 0));
          expect(max % step).toBe(0);
          const value = redemptionValue(max, rule);
          expect(value).not.toBeNull();
          expect(value as number).toBeLessThanOrEqual(total);
          const next = max + step;
          const nextValue = redemptionValue(next, rule) as number;
          expect(next > balance || nextValue > total).toBe(true);
        },
      ),
    );
  });
});
