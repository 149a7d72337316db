/**
 * `npm run sim -- [--terminals N] [--ops N] [--seed N] [--faults all|none|drop,dup,...] [--json]`
 *
 * The deterministic simulation: real terminal cores (SQLite files in temp dirs) and the real
 * head-office logic (PGlite in memory), in one process, over a seeded faulty network. Progress
 * goes to stderr. The last stdout line is one JSON summary; the exit code is 1 unless every
 * count is zero and the run converged. The same seed gives the same run.
 */
import { parseArgs } from 'node:util';
import { faultKinds, parseFaults, type FaultKind } from './network';
import { runSimulation, type SimReport } from './simulation';
import { SECRET_ENV } from '../../electron/core/keys/terminalKeys';

// The simulated terminals share one secret rather than leaving key files beside temp folders.
process.env[SECRET_ENV] ??= '51'.repeat(32);

const usage = `usage: npm run sim -- [--terminals N] [--ops N] [--seed N] [--faults F] [--nodes N] [--json]
  --terminals N  terminals, two per store (default 20)
  --ops N        random operations before the faults stop (default 5000)
  --seed N       the run's seed; the same seed gives the same run (default 42)
  --faults F     none, all (default), or a comma list of ${faultKinds.join(', ')}
  --nodes N      head-office processes on one database, each request to one at random (default 1)
  --json         print only the JSON summary on stdout (details still go to stderr)`;

interface Options {
  terminals: number;
  ops: number;
  seed: number;
  faults: Set<FaultKind>;
  nodes: number;
  json: boolean;
}

function wholeNumber(text: string | undefined, name: string, fallback: number, min: number) {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new Error(
      `--${name} must be a whole number of at least ${min}, not ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      terminals: { type: 'string' },
      ops: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      nodes: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  return {
    terminals: wholeNumber(values.terminals, 'terminals', 20, 1),
    ops: wholeNumber(values.ops, 'ops', 5000, 1),
    seed: wholeNumber(values.seed, 'seed', 42, 0),
    faults: parseFaults(values.faults ?? 'all'),
    nodes: wholeNumber(values.nodes, 'nodes', 1, 1),
    json: values.json,
  };
}

function readable(report: SimReport): string {
  const { summary } = report;
  const lines = [
    `converged: ${summary.converged} (${report.convergenceRounds} sync rounds after the faults stopped)`,
    `operations: ${summary.ops} in ${summary.seconds} s`,
    `lost: ${summary.lost}   duplicated: ${summary.duplicated}   balance mismatches: ${summary.balance_mismatches}`,
    `coupons confirmed twice: ${summary.coupon_double_confirmed}   overdrafts not raised: ${summary.unrecorded_overdrafts}`,
    `complaints: ${summary.complaints} with ${summary.complaint_events} events   mismatched: ${summary.complaint_mismatches}`,
    `members seen differently: ${report.viewMismatches}   terminals with pending changes: ${report.pendingTerminals}`,
    `operations rejected by head office (poisoned, each kept as an exception): ${summary.rejected}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  let options: Options | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  // Faults make the sync worker warn on every failed round; keep errors, drop the expected noise.
  process.env.LOYALTY_LOG ??= 'error';
  const report = await runSimulation({
    ...options,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stderr.write(`figures: ${JSON.stringify(report.figures)}\n`);
  for (const problem of report.problems) process.stderr.write(`problem: ${problem}\n`);
  for (const failure of report.unexpected.slice(0, 40)) {
    process.stderr.write(`unexpected: ${failure}\n`);
  }
  if (!options.json) process.stdout.write(readable(report));
  process.stdout.write(`${JSON.stringify(report.summary)}\n`);
  const { summary } = report;
  const clean =
    summary.converged &&
    summary.lost === 0 &&
    summary.duplicated === 0 &&
    summary.balance_mismatches === 0 &&
    summary.coupon_double_confirmed === 0 &&
    summary.unrecorded_overdrafts === 0 &&
    summary.complaint_mismatches === 0 &&
    report.unexpected.length === 0;
  if (report.unexpected.length > 0) {
    process.stderr.write(`${report.unexpected.length} operations failed unexpectedly\n`);
  }
  return clean ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `simulation crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
