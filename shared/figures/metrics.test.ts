import { describe, expect, it } from 'vitest';
import {
  expectedPurchases,
  fitBgNbd,
  heldBackError,
  hypergeometric2F1,
  logLikelihood,
  type HeldBackHistory,
} from './bgnbd';
import { addMonths, monthBounds, monthRange, monthsBetween } from './months';
import { cohortFigures, monthRates } from './retention';

describe('months', () => {
  it('steps across years and bounds months in the zone', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(monthsBetween('2024-12', '2025-02')).toBe(2);
    expect(monthRange('2024-11', '2025-01')).toEqual(['2024-11', '2024-12', '2025-01']);
    // Hong Kong is UTC+8: March begins at 16:00 UTC on the last day of February.
    expect(monthBounds(['2025-03'], 'Asia/Hong_Kong')).toEqual([
      {
        month: '2025-03',
        startIso: '2025-02-28T16:00:00.000Z',
        endIso: '2025-03-31T16:00:00.000Z',
      },
    ]);
  });
});

describe('retention, churn and repeat, by hand', () => {
  it('folds a cohort: retention in basis points and cumulative spend per member', () => {
    // 3 members first bought in January (HK$100, HK$50, HK$30.01); 2 came back in February
    // spending HK$40 together; 1 in March spending HK$0.02 net of a refund.
    const c = cohortFigures({
      cohort: '2025-01',
      members: 3,
      active: [3, 2, 1],
      spendMinor: [18_001, 4_000, 2],
    });
    expect(c.retention.map((r) => r.basisPoints)).toEqual([10_000, 6_667, 3_333]);
    // 18001/3 = 6000.33 → 6000; 22001/3 = 7333.67 → 7334; 22003/3 = 7334.33 → 7334.
    expect(c.ltvMinor).toEqual([6_000, 7_334, 7_334]);
    expect(cohortFigures({ cohort: '2025-02', members: 0, active: [], spendMinor: [] })).toEqual({
      cohort: '2025-02',
      members: 0,
      retention: [],
      ltvMinor: [],
    });
  });

  it('rates a month: churn of last month’s buyers, repeat among this month’s', () => {
    const r = monthRates({
      month: '2025-02',
      previousBuyers: 8,
      lapsed: 3,
      buyers: 6,
      repeaters: 2,
    });
    expect(r.churn).toEqual({ numerator: 3, denominator: 8, basisPoints: 3_750 });
    expect(r.repeat).toEqual({ numerator: 2, denominator: 6, basisPoints: 3_333 });
    expect(
      monthRates({ month: '2025-01', previousBuyers: 0, lapsed: 0, buyers: 0, repeaters: 0 }),
    ).toMatchObject({ churn: { basisPoints: null }, repeat: { basisPoints: null } });
  });
});

describe('BG/NBD, by hand', () => {
  it('sums the hypergeometric series', () => {
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z; 2F1(2, 1; 2; z) = 1 / (1 − z).
    expect(hypergeometric2F1(1, 1, 2, 0.5)).toBeCloseTo(2 * Math.log(2), 10);
    expect(hypergeometric2F1(2, 1, 2, 0.75)).toBeCloseTo(4, 9);
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(RangeError);
  });

  it('gives the likelihood of a member who never came back, and of one who did', () => {
    // x = 0: L = (α / (α + T))^r = (3/10)^2 = 0.09.
    expect(
      Math.exp(logLikelihood({ r: 2, alpha: 3, a: 1, b: 1 }, { x: 0, tx: 0, T: 7 })),
    ).toBeCloseTo(0.09, 12);
    // r = α = a = b = 1, x = 1, tx = 1, T = 3:
    // Γ(2)·1/Γ(1) = 1; Γ(2)Γ(2)/(Γ(1)Γ(3)) = 1/2; 4^−2 + (1/1)·2^−2 = 5/16; L = 5/32.
    expect(
      Math.exp(logLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, { x: 1, tx: 1, T: 3 })),
    ).toBeCloseTo(5 / 32, 12);
  });

  it('expects purchases ahead', () => {
    // r = 2, α = 3, a = 2, b = 1, x = 0, T = 7, t = 10: 2F1(2, 1; 2; z) = 1/(1 − z), so
    // E = (a+b−1)/(a−1) · [1 − (10/20)^2 · 20/10] = 2 · (1 − 0.5) = 1.
    expect(
      expectedPurchases({ r: 2, alpha: 3, a: 2, b: 1 }, { x: 0, tx: 0, T: 7 }, 10),
    ).toBeCloseTo(1, 10);
    // With x = 1, tx = 7 = T the member is as likely alive as can be after one return:
    // numerator (a+b+x−1)/(a−1)·[1 − (10/20)^3 · 2F1(3, 2; 3; ½)] = 3·[1 − ⅛·4] = 1.5;
    // denominator 1 + (2/1)·(10/10)^3 = 3; E = 0.5.
    expect(
      expectedPurchases({ r: 2, alpha: 3, a: 2, b: 1 }, { x: 1, tx: 7, T: 7 }, 10),
    ).toBeCloseTo(0.5, 10);
  });
});

/** A seeded generator (mulberry32) and the samplers the simulation needs. */
function seeded(seed: number) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const gamma = (shape: number): number => {
    // Marsaglia–Tsang; below shape 1, boosted by U^(1/shape).
    if (shape < 1) return gamma(shape + 1) * Math.pow(uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = normal();
      const v = Math.pow(1 + c * z, 3);
      if (v > 0 && Math.log(1 - uniform()) < 0.5 * z * z + d - d * v + d * Math.log(v))
        return d * v;
    }
  };
  return { uniform, gamma };
}

describe('BG/NBD on a generated population, validated on a held-back period', () => {
  it('fits on the calibration period and predicts the held-back half year', () => {
    const truth = { r: 0.6, alpha: 30, a: 1.8, b: 6 };
    const rng = seeded(15);
    const cutoff = 540; // days: first purchases fall in [0, 365), calibration ends here
    const heldBackDays = 180;
    const histories: HeldBackHistory[] = [];
    for (let i = 0; i < 4000; i++) {
      const lambda = rng.gamma(truth.r) / truth.alpha;
      const ga = rng.gamma(truth.a);
      const p = ga / (ga + rng.gamma(truth.b));
      const first = Math.floor(rng.uniform() * 365);
      const times = [first];
      let t = first;
      for (;;) {
        t += -Math.log(1 - rng.uniform()) / lambda;
        if (t >= cutoff + heldBackDays) break;
        times.push(t);
        if (rng.uniform() < p) break;
      }
      const before = times.filter((x) => x < cutoff).map((x) => Math.floor(x));
      const last = before[before.length - 1] ?? first;
      histories.push({
        x: before.length - 1,
        tx: last - first,
        T: cutoff - first,
        heldBack: times.length - before.length,
        count: 1,
      });
    }
    const fitted = fitBgNbd(histories);
    const error = heldBackError(fitted, histories, heldBackDays);
    console.log(
      `BG/NBD held-back check: fitted r=${fitted.r.toFixed(3)} α=${fitted.alpha.toFixed(2)} ` +
        `a=${fitted.a.toFixed(3)} b=${fitted.b.toFixed(3)} (true ${JSON.stringify(truth)}); ` +
        `predicted ${error.predictedPurchases.toFixed(0)} vs actual ${error.actualPurchases} ` +
        `purchases, aggregate error ${((error.aggregateError ?? 0) * 100).toFixed(1)} %, ` +
        `mean absolute error ${error.meanAbsoluteError.toFixed(3)} purchases per member`,
    );
    expect(Math.abs(error.aggregateError ?? 1)).toBeLessThan(0.1);
    // The fit does better than "each member buys in the held-back period at their past rate".
    let naive = 0;
    for (const h of histories)
      naive += Math.abs(((h.x + 1) / (h.T || 1)) * heldBackDays - h.heldBack);
    expect(error.meanAbsoluteError).toBeLessThan(naive / histories.length);
    expect(fitted.r / fitted.alpha).toBeGreaterThan((truth.r / truth.alpha) * 0.7);
    expect(fitted.r / fitted.alpha).toBeLessThan((truth.r / truth.alpha) * 1.3);
  });
});
