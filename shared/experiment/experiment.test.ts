import { describe, expect, it } from 'vitest';
import { meanArmOf, meanDifference, proportionDifference, wilson, zFor } from './intervals';
import { membersNeededForProportion, stillNeeded } from './sampleSize';
import { variantResults, type ArmTotals } from './uplift';

/*
 * Each formula against a value worked independently (Python's statistics.NormalDist and
 * scipy.stats, and the published examples named below).
 */
describe('the intervals', () => {
  it('takes 1.959964 as the 95 % normal quantile', () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 6);
  });

  it("gives Wilson's interval: 50 of 100 is [0.4038, 0.5962]; 0 of 10 is [0, 0.2775]", () => {
    const half = wilson(50, 100);
    expect(half.low).toBeCloseTo(0.403832, 6);
    expect(half.high).toBeCloseTo(0.596168, 6);
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.277533, 6);
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it("gives Newcombe's hybrid interval for 56/70 − 48/80 as his 1998 paper: 0.2000 [0.0524, 0.3339]", () => {
    const d = proportionDifference({ n: 70, successes: 56 }, { n: 80, successes: 48 })!;
    expect(d.estimate).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.052431, 6);
    expect(d.high).toBeCloseTo(0.333873, 6);
    // Pooled z = 2.6502, two-sided p = 0.00805.
    expect(d.pValue).toBeCloseTo(0.008045, 6);
    expect(proportionDifference({ n: 0, successes: 0 }, { n: 5, successes: 1 })).toBeNull();
  });

  it("gives Welch's interval and p-value as scipy's ttest_ind(equal_var=False)", () => {
    const treated = meanArmOf([20, 22, 19, 24, 25, 18, 21]);
    const control = meanArmOf([15, 17, 16, 20, 14, 18]);
    expect(treated.mean).toBeCloseTo(21.285714, 6);
    expect(treated.variance).toBeCloseTo(6.571429, 6);
    expect(control.variance).toBeCloseTo(4.666667, 6);
    const d = meanDifference(treated, control)!;
    expect(d.estimate).toBeCloseTo(4.619048, 6);
    expect(d.low).toBeCloseTo(1.735373, 5);
    expect(d.high).toBeCloseTo(7.502722, 5);
    expect(d.pValue).toBeCloseTo(0.004752, 5);
    expect(meanDifference(meanArmOf([1]), control)).toBeNull();
  });

  it('keeps a mean of minor units exact where summing squares would pass 2⁵³', () => {
    const big = meanArmOf([9e12, 9e12 + 2, 9e12 + 4]);
    expect(big.mean).toBe(9e12 + 2);
    expect(big.variance).toBe(4);
  });
});

describe('the members a test needs', () => {
  it('needs 1,091 per arm to see 20 % → 25 % at 80 % power, and k times as many treated', () => {
    expect(membersNeededForProportion(0.2, 0.05, 1)).toEqual({ treated: 1091, control: 1091 });
    const holdout10 = membersNeededForProportion(0.2, 0.05, 9)!;
    // (z₀.₉₇₅ + z₀.₈)² · (0.1875/9 + 0.16) / 0.0025 = 7.84887 · 0.180833 / 0.0025 → 568.
    expect(holdout10).toEqual({ treated: 9 * 568, control: 568 });
    expect(stillNeeded({ treated: 5000, control: 600 }, holdout10)).toBe(112);
    expect(stillNeeded({ treated: 6000, control: 600 }, holdout10)).toBe(0);
    expect(membersNeededForProportion(0.2, 0, 1)).toBeNull();
  });
});

/** A seeded generator (mulberry32), so a failing trial can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One arm's members: each buys with probability `rate`, a basket of exponential size (mean 40,000). */
function arm(members: number, rate: number, next: () => number): ArmTotals {
  let converted = 0;
  const spend: number[] = [];
  for (let i = 0; i < members; i += 1) {
    if (next() < rate) {
      converted += 1;
      spend.push(Math.round(-40_000 * Math.log(1 - next())));
    } else spend.push(0);
  }
  return { members, converted, redeemed: converted, spend: meanArmOf(spend) };
}

describe('a campaign read against its holdout (seeded trials of 50,000 members, 10 % held out)', () => {
  const trial = (seed: number, treatedRate: number) => {
    const next = random(seed);
    return variantResults(arm(45_000, treatedRate, next), arm(5_000, 0.2, next), {
      minimum: { conversionPoints: 5, spendMinor: 2_000 },
      costMinor: 1_000_000,
    });
  };

  it('covers a planted +5 pp and +2,000 per member in at least 93 of 100 trials', () => {
    let conversionCovered = 0;
    let spendCovered = 0;
    for (let seed = 1; seed <= 100; seed += 1) {
      const r = trial(seed, 0.25);
      if (r.conversion!.low <= 0.05 && 0.05 <= r.conversion!.high) conversionCovered += 1;
      if (r.spendPerMember!.low <= 2_000 && 2_000 <= r.spendPerMember!.high) spendCovered += 1;
    }
    expect(conversionCovered).toBeGreaterThanOrEqual(93);
    expect(spendCovered).toBeGreaterThanOrEqual(93);
  });

  it('calls no uplift significant in at most 7 % of 1,000 trials', () => {
    let conversionFalse = 0;
    let spendFalse = 0;
    for (let seed = 1001; seed <= 2000; seed += 1) {
      const r = trial(seed, 0.2);
      if (r.conversion!.significant) conversionFalse += 1;
      if (r.spendPerMember!.significant) spendFalse += 1;
    }
    // At a 5 % level about 50 of 1,000 come out significant by chance (σ ≈ 7).
    expect(conversionFalse).toBeLessThanOrEqual(70);
    expect(spendFalse).toBeLessThanOrEqual(70);
  }, 60_000);

  it('derives revenue, cost per extra customer and ROI from the same differences', () => {
    const r = trial(7, 0.25);
    const spend = r.spendPerMember!;
    expect(r.incrementalRevenueMinor!.estimate).toBeCloseTo(spend.estimate * 45_000, 3);
    expect(r.costPerIncrementalCustomerMinor).toBeCloseTo(
      1_000_000 / (r.conversion!.estimate * 45_000),
      6,
    );
    expect(r.roi).toBeCloseTo((spend.estimate * 45_000 - 1_000_000) / 1_000_000, 6);
    // 45,000 against 5,000 is more than enough for +5 pp.
    expect(r.conversion!.membersStillNeeded).toBe(0);
  });
});
