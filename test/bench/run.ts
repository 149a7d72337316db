/**
 * `npm run bench [-- --json] [--only NAME] [--seed N] [--members N] [--terminals N] [--seconds N]
 *   [--ops N] [--nodes N] [--sales N] [--events N] [--responses N] [--items N]`
 *
 * Prints figures; it never fails on a missed target (benchmarks are not timed tests). Each
 * figure is set against the raw limit measured in the same run. Progress goes to stderr, so
 * with --json stdout carries exactly one JSON object per benchmark.
 */
import { parseArgs } from 'node:util';
import { openBaseline } from './baseline';
import { openCore } from '../../electron/core/core';
import { memberDataset } from './data';
import { benchSaleCommit } from './saleCommit';
import { benchMemberLookup, type LookupContext } from './memberLookup';
import { benchMemberSearch } from './memberSearch';
import { benchCheckoutWithRules } from './checkoutRules';
import { benchSaleDuringAdmin } from './saleDuringAdmin';
import { benchMainThreadStall } from './mainThreadStall';
import { benchSyncPush } from './sync/syncPush';
import { benchSaleCommitDuringSync } from './sync/saleCommitDuringSync';
import { benchChainPeak } from './sync/chainPeak';
import { benchPushFixedCost } from './sync/pushFixedCost';
import { benchReconnectStorm } from './sync/reconnectStorm';
import { benchEodReport } from './eodReport';
import { benchRfmSegments } from './rfmSegments';
import { benchMemberExport } from './memberExport';
import { benchErasurePropagation } from './sync/erasurePropagation';
import { benchMemberImport } from './memberImport';
import { benchSegmentCount } from './office/segmentCount';
import { benchCampaignAssign } from './office/campaignAssign';
import { benchCampaignResults } from './office/campaignResults';
import { benchMemberView } from './office/memberView';
import { benchVoiceDashboard } from './office/voiceDashboard';
import { benchScanToLine } from './scanToLine';
import { fmtMs, type BenchResult } from './stats';
import { SECRET_ENV } from '../../electron/core/keys/terminalKeys';

// The benchmarks' terminals share one secret: cached datasets stay openable, no key files litter.
process.env[SECRET_ENV] ??= 'be'.repeat(32);

const benchmarks = [
  'sale_commit',
  'member_lookup_phone',
  'member_search_name',
  'checkout_with_rules',
  'sale_during_admin',
  'main_thread_stall',
  'sync_push',
  'sale_commit_during_sync',
  'push_fixed_cost',
  'chain_peak',
  'reconnect_storm',
  'eod_report',
  'rfm_segments',
  'member_export',
  'erasure_propagation',
  'member_import',
  'segment_count',
  'campaign_assign',
  'campaign_results',
  'member_view',
  'voice_dashboard',
  'scan_to_line',
] as const;
type BenchName = (typeof benchmarks)[number];

const usage = `usage: npm run bench -- [--json] [--only ${benchmarks.join('|')}] [--seed N] [--members N]
                [--terminals N] [--seconds N] [--ops N] [--nodes N] [--sales N] [--rows N]
                [--events N] [--responses N] [--items N]
  --json        one JSON object per line: name, ops_per_s, baseline_ops_per_s, ratio, p50_ms, p99_ms
                (chain_peak, reconnect_storm and push_fixed_cost print their own fields)
  --only NAME   run one benchmark
  --seed N      data seed (default 42)
  --members N   members in the lookup and checkout ledgers (default 1000000); the checkout
                ledger holds 20 points entries per member
  --terminals N chain_peak's terminals (default 2000), reconnect_storm's (default 500) and
                erasure_propagation's (default 200)
  --seconds N   chain_peak's load (default 60) and reconnect_storm's reconnect window (default 10)
  --ops N       operations in each reconnect_storm outbox (default 400)
  --nodes N     head-office processes on the one database for chain_peak and reconnect_storm
                (default 1), each push to one at random
  --sales N     member_export's sales of the one member (default 5000)
  --rows N      member_import's CSV rows (default 100000)
  --events N    member_view's events of the one member (default 5000); segment_count,
                campaign_assign, campaign_results and member_view share one chain of
                --members members
  --responses N voice_dashboard's feedback responses (default 2000000; complaints are a
                twentieth, sales twice as many)
  --items N     scan_to_line's catalogue items (default 100000)`;

interface Options {
  json: boolean;
  only: BenchName | null;
  seed: number;
  members: number;
  /** Chain benchmarks' sizes: undefined means each benchmark's own default. */
  terminals?: number;
  seconds?: number;
  ops?: number;
  nodes?: number;
  /** member_export's sales of the one member (default 5000). */
  sales?: number;
  /** member_import's CSV rows (default 100000). */
  rows?: number;
  /** member_view's events of the one member (default 5000). */
  events?: number;
  /** voice_dashboard's feedback responses (default 2,000,000). */
  responses?: number;
  /** scan_to_line's catalogue items (default 100,000). */
  items?: number;
}

function optionalInt(text: string | undefined, name: string): number | undefined {
  return text === undefined ? undefined : positiveInt(text, name, 0);
}

function positiveInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new Error(`--${name} must be a positive whole number, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      seed: { type: 'string' },
      members: { type: 'string' },
      terminals: { type: 'string' },
      seconds: { type: 'string' },
      ops: { type: 'string' },
      nodes: { type: 'string' },
      sales: { type: 'string' },
      rows: { type: 'string' },
      events: { type: 'string' },
      responses: { type: 'string' },
      items: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const only = values.only ?? null;
  if (only !== null && !(benchmarks as readonly string[]).includes(only)) {
    throw new Error(`--only must be one of ${benchmarks.join(', ')}, not ${JSON.stringify(only)}`);
  }
  return {
    json: values.json,
    only: only as BenchName | null,
    seed: positiveInt(values.seed, 'seed', 42),
    members: positiveInt(values.members, 'members', 1_000_000),
    terminals: optionalInt(values.terminals, 'terminals'),
    seconds: optionalInt(values.seconds, 'seconds'),
    ops: optionalInt(values.ops, 'ops'),
    nodes: optionalInt(values.nodes, 'nodes'),
    sales: optionalInt(values.sales, 'sales'),
    rows: optionalInt(values.rows, 'rows'),
    events: optionalInt(values.events, 'events'),
    responses: optionalInt(values.responses, 'responses'),
    items: optionalInt(values.items, 'items'),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function jsonLine(result: BenchResult): string {
  if (result.json) {
    const own: Record<string, string | number> = { name: result.name };
    for (const [key, value] of Object.entries(result.json)) own[key] = round(value, 3);
    return JSON.stringify(own);
  }
  const line: Record<string, string | number> = {
    name: result.name,
    ops_per_s: round(result.ours.opsPerS, 1),
  };
  if (result.baseline) {
    line.baseline_ops_per_s = round(result.baseline.opsPerS, 1);
    line.ratio = round(result.ours.opsPerS / result.baseline.opsPerS, 3);
  }
  line.p50_ms = round(result.ours.p50Ms, 4);
  line.p99_ms = round(result.ours.p99Ms, 4);
  for (const [name, value] of Object.entries(result.figures ?? {})) line[name] = value;
  return JSON.stringify(line);
}

function table(results: BenchResult[]): string {
  const header = [
    'benchmark',
    'ops/s',
    'baseline ops/s',
    'ratio',
    'p50 ms',
    'p99 ms',
    'target',
    '',
  ];
  const rows = results.map((r) => [
    r.name,
    Math.round(r.ours.opsPerS).toLocaleString('en'),
    r.baseline ? Math.round(r.baseline.opsPerS).toLocaleString('en') : '-',
    r.baseline ? (r.ours.opsPerS / r.baseline.opsPerS).toFixed(3) : '-',
    fmtMs(r.ours.p50Ms),
    fmtMs(r.ours.p99Ms),
    r.target,
    r.met ? 'met' : 'MISSED',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const numeric = new Set([1, 2, 3, 4, 5]);
  const format = (row: string[]) =>
    row
      .map((cell, i) =>
        numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const lines = [
    format(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(format),
    '',
    'ops/s: throughput of the median round; ratio = ops/s / baseline ops/s; p50/p99: our path.',
  ];
  for (const r of results) {
    lines.push('', `${r.name}:`, ...r.notes.map((note) => `  ${note}`));
  }
  return lines.join('\n');
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<void> {
  // The core logs migrations at info; keep bench output to the figures.
  process.env.LOYALTY_LOG ??= 'warn';
  let options: Options | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    console.log(usage);
    return;
  }
  const wanted = (name: BenchName) => options.only === null || options.only === name;
  const results: BenchResult[] = [];
  const report = (result: BenchResult) => {
    results.push(result);
    if (options.json) console.log(jsonLine(result));
    else progress(`${result.name} done`);
  };
  const started = process.hrtime.bigint();

  if (wanted('sale_commit')) {
    progress('sale_commit: running');
    report(benchSaleCommit(options));
  }

  if (wanted('member_lookup_phone') || wanted('member_search_name')) {
    const dataset = memberDataset(options.seed, options.members);
    progress(
      dataset.built
        ? `ledger of ${options.members.toLocaleString('en')} members built in ${(dataset.meta.buildMs / 1000).toFixed(1)} s`
        : `ledger of ${options.members.toLocaleString('en')} members reused from ${dataset.dir} ` +
            `(built earlier in ${(dataset.meta.buildMs / 1000).toFixed(1)} s)`,
    );
    const core = openCore({ dataDir: dataset.dir });
    const bare = openBaseline(dataset.file, { readonly: true });
    try {
      const ctx: LookupContext = { seed: options.seed, dataset, core, bare };
      if (wanted('member_lookup_phone')) {
        progress('member_lookup_phone: running');
        report(benchMemberLookup(ctx));
      }
      if (wanted('member_search_name')) {
        progress('member_search_name: running');
        report(benchMemberSearch(ctx));
      }
    } finally {
      bare.close();
      core.close();
    }
  }

  // From the scanner's Enter to the line priced, over a catalogue in its own ledger.
  if (wanted('scan_to_line')) {
    report(benchScanToLine({ items: options.items ?? 100_000, seed: options.seed, progress }));
  }

  if (wanted('sale_during_admin')) {
    progress('sale_during_admin: running');
    report(await benchSaleDuringAdmin(options));
  }

  if (wanted('main_thread_stall')) {
    progress('main_thread_stall: running');
    report(await benchMainThreadStall(options));
  }

  // Last: its multi-gigabyte copy would otherwise push the member ledger out of the page cache.
  if (wanted('checkout_with_rules')) {
    progress('checkout_with_rules: preparing');
    report(benchCheckoutWithRules(options));
  }

  // The Z report of one day of 20,000 sales in a ledger of 5,000,000 (its own cached ledger).
  if (wanted('eod_report')) {
    progress('eod_report: preparing');
    report(benchEodReport({ seed: options.seed, sales: 5_000_000, salesPerDay: 20_000 }));
  }

  // Sync with head office, on the PostgreSQL server at 127.0.0.1:5432.
  const syncBenchmarks = [
    ['sync_push', benchSyncPush],
    ['sale_commit_during_sync', benchSaleCommitDuringSync],
    ['push_fixed_cost', benchPushFixedCost],
    ['chain_peak', benchChainPeak],
    ['reconnect_storm', benchReconnectStorm],
  ] as const;
  for (const [name, bench] of syncBenchmarks) {
    if (!wanted(name)) continue;
    progress(`${name}: preparing`);
    report(await bench(options));
  }

  // Head office's RFM over the same member count, on the PostgreSQL server, in a fresh schema.
  if (wanted('rfm_segments')) {
    progress('rfm_segments: loading');
    report(await benchRfmSegments(options, progress));
  }
  if (wanted('member_export')) {
    progress('member_export: loading');
    report(await benchMemberExport(options.sales ?? 5000, progress));
  }
  // From a second admin's approval until every terminal of the chain has scrubbed the member.
  if (wanted('erasure_propagation')) {
    progress('erasure_propagation: preparing');
    report(
      await benchErasurePropagation({
        seed: options.seed,
        ...(options.terminals ? { terminals: options.terminals } : {}),
      }),
    );
  }
  if (wanted('member_import')) {
    progress('member_import: loading');
    report(await benchMemberImport(options.rows ?? 100_000, progress));
  }

  // Head office's campaigns and member page over one cached chain of --members members, and its
  // voice dashboard over its own cached chain, on the PostgreSQL server (test/bench/office/).
  const chain = { members: options.members, seed: options.seed, events: options.events };
  const officeBenchmarks = [
    ['segment_count', () => benchSegmentCount(chain, progress)],
    ['campaign_assign', () => benchCampaignAssign(chain, progress)],
    ['campaign_results', () => benchCampaignResults(chain, progress)],
    ['member_view', () => benchMemberView(chain, progress)],
    [
      'voice_dashboard',
      () =>
        benchVoiceDashboard(
          { responses: options.responses ?? 2_000_000, seed: options.seed },
          progress,
        ),
    ],
  ] as const;
  for (const [name, bench] of officeBenchmarks) {
    if (!wanted(name)) continue;
    progress(`${name}: preparing`);
    report(await bench());
  }

  const totalS = Number(process.hrtime.bigint() - started) / 1e9;
  if (!options.json) {
    console.log(`\nseed ${options.seed}, ${options.members.toLocaleString('en')} members\n`);
    console.log(table(results));
    console.log(`\ntotal ${totalS.toFixed(1)} s`);
  } else {
    progress(`total ${totalS.toFixed(1)} s`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
