/**
 * `npx tsx test/bench/sync/runSync.ts [--only NAME] [--seed N] [--terminals N] [--seconds N]
 * [--ops N] [--nodes N]`: the sync benchmarks on their
 * own, one JSON line each on stdout (as `npm run bench -- --json` prints them), progress and
 * notes on stderr. `npm run bench` runs them too once test/bench/run.ts lists them.
 */
import { parseArgs } from 'node:util';
import type { BenchResult } from '../stats';
import { benchSaleCommitDuringSync } from './saleCommitDuringSync';
import { benchChainPeak } from './chainPeak';
import { benchPushFixedCost } from './pushFixedCost';
import { benchReconnectStorm } from './reconnectStorm';
import { benchSyncPush } from './syncPush';

const benchmarks = {
  sync_push: benchSyncPush,
  sale_commit_during_sync: benchSaleCommitDuringSync,
  push_fixed_cost: benchPushFixedCost,
  chain_peak: benchChainPeak,
  reconnect_storm: benchReconnectStorm,
} as const;
type Name = keyof typeof benchmarks;

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The same line test/bench/run.ts prints, plus whether the target was met. */
export function syncJsonLine(result: BenchResult): string {
  if (result.json) {
    const own: Record<string, string | number | boolean> = { name: result.name };
    for (const [key, value] of Object.entries(result.json)) own[key] = round(value, 3);
    own.target = result.target;
    own.met = result.met;
    return JSON.stringify(own);
  }
  const line: Record<string, string | number | boolean> = {
    name: result.name,
    ops_per_s: round(result.ours.opsPerS, 1),
  };
  if (result.baseline) {
    line.baseline_ops_per_s = round(result.baseline.opsPerS, 1);
    line.ratio = round(result.ours.opsPerS / result.baseline.opsPerS, 3);
  }
  line.p50_ms = round(result.ours.p50Ms, 4);
  line.p99_ms = round(result.ours.p99Ms, 4);
  line.target = result.target;
  line.met = result.met;
  return JSON.stringify(line);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      seed: { type: 'string' },
      terminals: { type: 'string' },
      seconds: { type: 'string' },
      ops: { type: 'string' },
      nodes: { type: 'string' },
    },
    strict: true,
  });
  process.env.LOYALTY_LOG ??= 'warn';
  const only = (values.only ?? Object.keys(benchmarks)) as Name[];
  for (const name of only) {
    if (!(name in benchmarks))
      throw new Error(`--only must be one of ${Object.keys(benchmarks).join(', ')}`);
  }
  // A size left out keeps the benchmark's own default.
  const sizes: Record<string, number> = {};
  for (const key of ['terminals', 'seconds', 'ops', 'nodes'] as const) {
    if (values[key] !== undefined) sizes[key] = Number(values[key]);
  }
  const options = { seed: Number(values.seed ?? 42), members: 10_000, ...sizes };
  for (const name of only) {
    process.stderr.write(`[bench] ${name}: running\n`);
    const result = await benchmarks[name](options);
    process.stdout.write(`${syncJsonLine(result)}\n`);
    process.stderr.write(`${result.name}:\n${result.notes.map((n) => `  ${n}`).join('\n')}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
