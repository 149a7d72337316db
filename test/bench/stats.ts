/** Latency samples and the figures a benchmark reports from them. */

export interface Summary {
  count: number;
  /** Wall time of the measured loops, summed over rounds. */
  totalMs: number;
  /**
   * Throughput of the median round (operations per round / median round time). A shared disk
   * or CPU stalls now and then for tens of ms; the median round keeps one stall from deciding
   * the figure, while p99 still shows it.
   */
  opsPerS: number;
  /** Throughput over all rounds together (count / totalMs), stalls included. */
  meanOpsPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Percentile by linear interpolation between closest ranks, on an ascending array.
 * `p` is 0..100.
 */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (sorted.length === 1) return sorted[0] ?? Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

/** Collects per-operation latencies (ms) and the wall time they took. */
export class Sample {
  private values: Float64Array;
  private size = 0;
  private readonly rounds: { count: number; ms: number }[] = [];
  totalMs = 0;

  constructor(capacity = 1024) {
    this.values = new Float64Array(capacity);
  }

  add(ms: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  /** Records one measured round's operation count and wall time. */
  addRound(count: number, ms: number): void {
    this.rounds.push({ count, ms });
    this.totalMs += ms;
  }

  summary(): Summary {
    const sorted = this.values.slice(0, this.size).sort();
    const meanOpsPerS = this.totalMs > 0 ? (this.size * 1000) / this.totalMs : Number.NaN;
    const roundRates = Float64Array.from(this.rounds, (r) => (r.count * 1000) / r.ms).sort();
    return {
      count: this.size,
      totalMs: this.totalMs,
      opsPerS: roundRates.length ? percentile(roundRates, 50) : meanOpsPerS,
      meanOpsPerS,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
    };
  }
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface AlternatingPlan {
  /** Operations run first on each side and thrown away (JIT, page cache, statement cache). */
  warmup: number;
  rounds: number;
  perRound: number;
}

export type Side = 'ours' | 'baseline';

/**
 * Runs our path and the baseline in alternating rounds (A B B A A B ...), so drift in disk,
 * page cache or CPU frequency falls on both. Operation `i` gets the same input index on both
 * sides. Optional `onSample` sees each measured latency with its side and input index.
 */
export function runAlternating(
  plan: AlternatingPlan,
  ours: (i: number) => void,
  baseline: (i: number) => void,
  onSample?: (side: Side, i: number, ms: number) => void,
): { ours: Sample; baseline: Sample } {
  for (let i = 0; i < plan.warmup; i++) {
    ours(i);
    baseline(i);
  }
  const total = plan.rounds * plan.perRound;
  const result = { ours: new Sample(total), baseline: new Sample(total) };
  const runRound = (side: Side, round: number) => {
    const fn = side === 'ours' ? ours : baseline;
    const sample = result[side];
    const first = plan.warmup + round * plan.perRound;
    const roundStart = process.hrtime.bigint();
    for (let i = first; i < first + plan.perRound; i++) {
      const start = process.hrtime.bigint();
      fn(i);
      const ms = elapsedMs(start);
      sample.add(ms);
      onSample?.(side, i, ms);
    }
    sample.addRound(plan.perRound, elapsedMs(roundStart));
  };
  for (let round = 0; round < plan.rounds; round++) {
    // ABBA ordering: whoever went second last round goes first this round.
    const oursFirst = round % 2 === 0;
    runRound(oursFirst ? 'ours' : 'baseline', round);
    runRound(oursFirst ? 'baseline' : 'ours', round);
  }
  return result;
}

/** How many inputs a plan consumes on each side. */
export function inputsNeeded(plan: AlternatingPlan): number {
  return plan.warmup + plan.rounds * plan.perRound;
}

/** What one benchmark reports. Baseline fields are absent where no raw limit applies. */
export interface BenchResult {
  name: string;
  ours: Summary;
  baseline?: Summary;
  /** Target as text for the table, and whether this run met it. */
  target: string;
  met: boolean;
  /** Extra lines for the readable report: breakdowns, data sizes, caveats. */
  notes: string[];
  /** Figures of the benchmark's own, added to its usual JSON line by name (e.g. max_stall_ms). */
  figures?: Record<string, number>;
  /**
   * The JSON line's own fields, for a benchmark whose figures are not ops/s and latencies
   * (chain_peak, reconnect_storm): printed after `name` instead of the usual ones.
   */
  json?: Record<string, number>;
}

/** Latencies grouped by a label (e.g. query kind), for breakdown lines in the report. */
export class GroupedSamples {
  private readonly groups = new Map<string, Sample>();

  add(label: string, ms: number): void {
    let sample = this.groups.get(label);
    if (!sample) {
      sample = new Sample();
      this.groups.set(label, sample);
    }
    sample.add(ms);
    sample.totalMs += ms;
  }

  entries(): [string, Summary][] {
    return [...this.groups.entries()].map(([label, sample]) => [label, sample.summary()]);
  }
}

export function fmtMs(ms: number): string {
  return ms >= 10 ? ms.toFixed(1) : ms.toFixed(3);
}

/** The all-rounds throughput, which a single stall can move; printed beside the median figure. */
export function overallNote(ours: Summary, baseline: Summary): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  return (
    `all rounds together, stalls included: ${fmt(ours.meanOpsPerS)} vs ${fmt(baseline.meanOpsPerS)} ops/s, ` +
    `ratio ${(ours.meanOpsPerS / baseline.meanOpsPerS).toFixed(3)}`
  );
}
