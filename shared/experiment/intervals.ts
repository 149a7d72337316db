import jstat from 'jstat';

// jstat is CommonJS (UMD): Node's ESM loader sees only its default export.
const { jStat } = jstat;

/**
 * The intervals and tests a campaign's results are read with, each a textbook formula (the
 * README's "Measuring what worked" works one of each by hand). Distribution functions come from
 * jstat; everything else is written out here.
 */

export const CONFIDENCE = 0.95;

/** The two-sided normal quantile for a confidence level: 1.959964 for 95 %. */
export const zFor = (confidence: number): number =>
  jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson's score interval for a proportion x/n: the p for which |p̂ − p| ≤ z·√(p(1 − p)/n),
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
 * Unlike p̂ ± z·SE it stays inside [0, 1] and keeps its coverage near 0 and 1. n = 0 → [0, 1].
 */
export function wilson(successes: number, n: number, confidence = CONFIDENCE): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const z = zFor(confidence);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Arm {
  /** Members in the arm. */
  n: number;
}

export interface ProportionArm extends Arm {
  /** Members with the outcome (bought, redeemed). */
  successes: number;
}

export interface Difference {
  /** Treated minus control. */
  estimate: number;
  low: number;
  high: number;
  /** Two-sided. */
  pValue: number;
}

/**
 * The difference of two proportions, p₁ − p₂, with Newcombe's hybrid score interval (his method
 * 10): with Wilson intervals [l₁, u₁] and [l₂, u₂],
 *   low  = d − √((p₁ − l₁)² + (u₂ − p₂)²),  high = d + √((u₁ − p₁)² + (p₂ − l₂)²).
 * The p-value is the pooled two-proportion z-test: z = d / √(p̄(1 − p̄)(1/n₁ + 1/n₂)).
 */
export function proportionDifference(
  treated: ProportionArm,
  control: ProportionArm,
  confidence = CONFIDENCE,
): Difference | null {
  if (treated.n === 0 || control.n === 0) return null;
  const p1 = treated.successes / treated.n;
  const p2 = control.successes / control.n;
  const w1 = wilson(treated.successes, treated.n, confidence);
  const w2 = wilson(control.successes, control.n, confidence);
  const d = p1 - p2;
  const pooled = (treated.successes + control.successes) / (treated.n + control.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / treated.n + 1 / control.n));
  return {
    estimate: d,
    low: d - Math.hypot(p1 - w1.low, w2.high - p2),
    high: d + Math.hypot(w1.high - p1, p2 - w2.low),
    pValue: se === 0 ? (d === 0 ? 1 : 0) : 2 * (1 - jStat.normal.cdf(Math.abs(d / se), 0, 1)),
  };
}

export interface MeanArm extends Arm {
  mean: number;
  /** The sample variance (n − 1 in the denominator). */
  variance: number;
}

/**
 * An arm from its members' values (minor units for money), by Welford's running update: exact
 * enough for sums of squares that would pass 2⁵³ if added up directly. Head office asks
 * PostgreSQL for avg and var_samp instead, which are exact in numeric.
 */
export function meanArmOf(values: Iterable<number>): MeanArm {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const x of values) {
    n += 1;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/**
 * Welch's interval for a difference of means, x̄₁ − x̄₂, without assuming equal variances:
 *   SE = √(s₁²/n₁ + s₂²/n₂),
 *   ν  = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))   (Welch–Satterthwaite),
 *   d ± t(ν, 1 − α/2)·SE, and p = 2·(1 − T_ν(|d|/SE)).
 * Each arm needs two members; an arm with no spread at all gives a zero-width interval.
 */
export function meanDifference(
  treated: MeanArm,
  control: MeanArm,
  confidence = CONFIDENCE,
): Difference | null {
  if (treated.n < 2 || control.n < 2) return null;
  const a = treated.variance / treated.n;
  const b = control.variance / control.n;
  const d = treated.mean - control.mean;
  const se = Math.sqrt(a + b);
  if (se === 0) return { estimate: d, low: d, high: d, pValue: d === 0 ? 1 : 0 };
  const df = (a + b) ** 2 / ((a * a) / (treated.n - 1) + (b * b) / (control.n - 1));
  const t = jStat.studentt.inv(1 - (1 - confidence) / 2, df);
  return {
    estimate: d,
    low: d - t * se,
    high: d + t * se,
    pValue: 2 * (1 - jStat.studentt.cdf(Math.abs(d) / se, df)),
  };
}
