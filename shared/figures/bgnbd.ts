import jstat from 'jstat';

const { jStat } = jstat;

/**
 * The expected 12-month value of a member: BG/NBD (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way") for how many purchases a member will make, times the member's own
 * mean spend per purchase so far. README.md ("Expected 12-month value") writes every formula.
 *
 * A member's history is (x, tx, T) in days: x repeat purchases (purchases − 1), tx the age of
 * the last purchase counted from the first, T the age of the calibration period's end counted
 * from the first. While alive a member buys at Poisson rate λ ~ Gamma(r, α); after each
 * purchase they drop out with probability p ~ Beta(a, b).
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Members sharing one history, with a weight (how many there are). */
export interface History {
  x: number;
  tx: number;
  T: number;
  count: number;
}

const lnGamma = (v: number) => jStat.gammaln(v);

function logSumExp(u: number, v: number): number {
  const m = Math.max(u, v);
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}

/**
 * ln L(r, α, a, b | x, tx, T) =
 *   lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *   + ln[ (α+T)^−(r+x) + [x>0] · a/(b+x−1) · (α+tx)^−(r+x) ]
 */
export function logLikelihood(p: BgNbdParams, h: Pick<History, 'x' | 'tx' | 'T'>): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = h;
  const head =
    lnGamma(r + x) -
    lnGamma(r) +
    r * Math.log(alpha) +
    lnGamma(a + b) +
    lnGamma(b + x) -
    lnGamma(b) -
    lnGamma(a + b + x);
  const stillAlive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return head + stillAlive;
  const droppedAfterLast = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return head + logSumExp(stillAlive, droppedAfterLast);
}

/** Gauss's hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1, by its series. */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`2F1 needs 0 <= z < 1, got ${z}`);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (Math.abs(term) < 1e-12 * Math.abs(sum)) return sum;
  }
  return sum;
}

/**
 * E[purchases in the next t days | x, tx, T] =
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *   ÷ [1 + [x>0] · a/(b+x−1) · ((α+T)/(α+tx))^(r+x)]
 * (needs a > 1; below it the expectation is unbounded, and the fit keeps a above 1).
 */
export function expectedPurchases(
  p: BgNbdParams,
  h: Pick<History, 'x' | 'tx' | 'T'>,
  t: number,
): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = h;
  const z = t / (alpha + T + t);
  const head =
    ((a + b + x - 1) / (a - 1)) *
    (1 -
      Math.pow((alpha + T) / (alpha + T + t), r + x) *
        hypergeometric2F1(r + x, b + x, a + b + x - 1, z));
  const alive = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
  return head / alive;
}

/** Nelder–Mead simplex minimisation (standard coefficients 1, 2, ½, ½). */
export function nelderMead(
  f: (v: number[]) => number,
  start: number[],
  options: { step?: number; maxIterations?: number; tolerance?: number } = {},
): number[] {
  const step = options.step ?? 0.5;
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map(
    (point) => ({ point, value: f(point) }),
  );
  const combine = (u: number[], v: number[], t: number) => u.map((ui, i) => ui + t * (v[i]! - ui));
  for (let it = 0; it < (options.maxIterations ?? 2000); it++) {
    simplex.sort((p, q) => p.value - q.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    const tolerance = (options.tolerance ?? 1e-9) * (1 + Math.abs(best.value));
    if (Math.abs(worst.value - best.value) < tolerance) break;
    const centroid = Array.from(
      { length: n },
      (_, i) => simplex.slice(0, n).reduce((s, p) => s + p.point[i]!, 0) / n,
    );
    const reflected = combine(centroid, worst.point, -1);
    const fr = f(reflected);
    if (fr < best.value) {
      const expanded = combine(centroid, worst.point, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { point: expanded, value: fe } : { point: reflected, value: fr };
    } else if (fr < simplex[n - 1]!.value) {
      simplex[n] = { point: reflected, value: fr };
    } else {
      const contracted = combine(centroid, worst.point, 0.5);
      const fc = f(contracted);
      if (fc < worst.value) simplex[n] = { point: contracted, value: fc };
      else
        simplex = simplex
          .map((p, i) => (i === 0 ? p : { point: combine(best.point, p.point, 0.5), value: NaN }))
          .map((p) => (Number.isNaN(p.value) ? { point: p.point, value: f(p.point) } : p));
    }
  }
  simplex.sort((p, q) => p.value - q.value);
  return simplex[0]!.point;
}

/**
 * The parameters that maximise the summed log-likelihood of the histories, searched on the log
 * scale (so every parameter stays positive) and with a above 1 (so expectations are finite).
 */
export function fitBgNbd(histories: readonly History[]): BgNbdParams {
  const paramsOf = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    a: 1 + Math.exp(v[2]!),
    b: Math.exp(v[3]!),
  });
  const xs = [...new Set(histories.map((h) => h.x))];
  // The Γ terms depend on x only: computed once per distinct x per step, not per member.
  const negative = (v: number[]) => {
    if (v.some((x) => Math.abs(x) > 15)) return Number.MAX_VALUE;
    const p = paramsOf(v);
    const { r, alpha, a, b } = p;
    const constant = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
    const head = new Map(
      xs.map((x) => [x, lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x) + constant]),
    );
    let sum = 0;
    for (const h of histories) {
      const stillAlive = -(r + h.x) * Math.log(alpha + h.T);
      const tail =
        h.x === 0
          ? stillAlive
          : logSumExp(
              stillAlive,
              Math.log(a) - Math.log(b + h.x - 1) - (r + h.x) * Math.log(alpha + h.tx),
            );
      sum += h.count * (head.get(h.x)! + tail);
    }
    return Number.isFinite(sum) ? -sum : Number.MAX_VALUE;
  };
  let v = [0, Math.log(30), 0, 0];
  // Restarted from its own answer: one simplex can stall on a ridge.
  for (let round = 0; round < 3; round++) v = nelderMead(negative, v, { step: 0.5 });
  return paramsOf(v);
}

/** A history with what the member then bought in the held-back period that followed it. */
export interface HeldBackHistory extends History {
  heldBack: number;
}

export interface HeldBackError {
  members: number;
  predictedPurchases: number;
  actualPurchases: number;
  /** Mean over members of |predicted − actual| purchases in the held-back period. */
  meanAbsoluteError: number;
  /** (predicted − actual) ÷ actual, over all members together; null when nobody bought. */
  aggregateError: number | null;
}

/**
 * How well the model fitted on the calibration period predicts a held-back period of `days`
 * days that follows it: the check README.md asks for before anyone trusts the 12-month value.
 */
export function heldBackError(
  p: BgNbdParams,
  histories: readonly HeldBackHistory[],
  days: number,
): HeldBackError {
  let members = 0;
  let predicted = 0;
  let actual = 0;
  let absolute = 0;
  for (const h of histories) {
    const e = expectedPurchases(p, h, days);
    members += h.count;
    predicted += h.count * e;
    actual += h.count * h.heldBack;
    absolute += h.count * Math.abs(e - h.heldBack);
  }
  return {
    members,
    predictedPurchases: predicted,
    actualPurchases: actual,
    meanAbsoluteError: members > 0 ? absolute / members : 0,
    aggregateError: actual > 0 ? (predicted - actual) / actual : null,
  };
}
