/**
 * reconnect_storm: the chain's network comes back after a 4-hour outage. N terminals (default
 * 500) each hold 400 operations in their outbox (sales made during the outage, one every 36 s),
 * and each reconnects at a random moment in the first 10 s and drains its outbox as its
 * SyncWorker does (batches of 200, one push in flight, a failed push retried after a second).
 * Against head office on the PostgreSQL server; the baseline is bare `pg` writing the same rows
 * on the same schedule in the same run (bareStorm.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncOperation } from '../../../shared/sync/protocol';
import { Rng } from '../data';
import { elapsedMs, fmtMs, Sample, type BenchResult } from '../stats';
import { bareStormInsert } from './bareStorm';
import {
  enrollChain,
  ErrorCounts,
  loadTemplates,
  Nodes,
  pushBatch,
  sale,
  TERMINAL_BATCH,
} from './chainTerminals';
import { PG_URL, startHeadOffice } from './headOffice';

export interface ReconnectStormOptions {
  seed: number;
  /** Terminals (default 500). */
  terminals?: number;
  /** Operations in each terminal's outbox (default 400). */
  ops?: number;
  /** Seconds over which the terminals reconnect (default 10). */
  seconds?: number;
  /** Head-office processes on the one database (default 1). */
  nodes?: number;
}

const MEMBERS_PER_TERMINAL = 20;
const OUTAGE_MS = 4 * 3600_000;
const RETRY_MS = 1_000;
/** openPostgres's default pool, per head-office process: the baseline gets as many connections. */
const POOL_PER_NODE = 10;
/** A terminal still not drained this long after the storm began is given up on (errors). */
const GIVE_UP_MS = 600_000;

export async function benchReconnectStorm(options: ReconnectStormOptions): Promise<BenchResult> {
  const count = options.terminals ?? 500;
  const opsEach = options.ops ?? 400;
  const windowMs = (options.seconds ?? 10) * 1000;
  const templates = loadTemplates(options.seed);
  const office = await startHeadOffice('storm', { nodes: options.nodes ?? 1 });
  try {
    const nodes = new Nodes(office.urls, new Rng(options.seed, 9));
    const terminals = await enrollChain(office, nodes, {
      count,
      members: MEMBERS_PER_TERMINAL,
      seed: options.seed,
      templates,
    });
    // The outage: every terminal sold on, its outbox growing.
    const outageStart = Date.now() - OUTAGE_MS;
    const outboxes = terminals.map((t) =>
      Array.from({ length: opsEach }, (_, i) =>
        sale(t, templates, outageStart + Math.floor((i * OUTAGE_MS) / opsEach)),
      ),
    );
    process.stderr.write(
      `[bench] reconnect_storm: ${count} terminals × ${opsEach} operations reconnect within ${windowMs / 1000} s to ${office.urls.length} head-office node(s)\n`,
    );

    const phase = new Rng(options.seed, 13);
    const offsets = terminals.map(() => phase.float() * windowMs);
    const errors = new ErrorCounts();
    const drains = new Sample(count);
    const pushTimes = new Sample(count * Math.ceil(opsEach / TERMINAL_BATCH));
    let compensated = 0;
    let deferred = 0;
    let drainedOps = 0;
    const since = new Date();
    const started = process.hrtime.bigint();
    await Promise.all(
      terminals.map(async (t, i) => {
        const outbox: SyncOperation[] = outboxes[i] ?? [];
        await sleep(offsets[i] ?? 0);
        const reconnected = process.hrtime.bigint();
        let sent = 0;
        while (sent < outbox.length) {
          const batch = outbox.slice(sent, sent + TERMINAL_BATCH);
          const pushed = process.hrtime.bigint();
          const result = await pushBatch(nodes, t, batch);
          pushTimes.add(elapsedMs(pushed));
          deferred += result.deferred;
          if (!result.ok) {
            errors.add(result.error);
            if (elapsedMs(started) > GIVE_UP_MS) {
              for (let k = sent; k < outbox.length; k++) errors.add('never acknowledged');
              return;
            }
            await sleep(RETRY_MS);
            continue;
          }
          compensated += result.compensated;
          sent += batch.length;
          drainedOps += batch.length;
        }
        drains.add(elapsedMs(reconnected));
      }),
    );
    const ms = elapsedMs(started);
    drains.addRound(drainedOps, ms);
    const ours = drains.summary();

    const bare = await bareStormInsert(PG_URL, office.schema, {
      since,
      startOffsetMs: new Map(terminals.map((t, i) => [t.id, offsets[i] ?? 0])),
      connections: POOL_PER_NODE * office.urls.length,
    });
    const baseline = bare.batches.summary();
    const opsPerS = (drainedOps * 1000) / ms;
    const baselineOpsPerS = (bare.ops * 1000) / bare.totalMs;
    const median = ours.p50Ms;
    const slowestOverMedian = ours.maxMs / median;
    const push = pushTimes.summary();
    return {
      name: 'reconnect_storm',
      ours: { ...ours, opsPerS, meanOpsPerS: opsPerS },
      baseline: { ...baseline, opsPerS: baselineOpsPerS, meanOpsPerS: baselineOpsPerS },
      target: 'ratio >= 0.6, zero errors, slowest <= 3 x median',
      met: errors.total === 0 && opsPerS / baselineOpsPerS >= 0.6 && slowestOverMedian <= 3,
      json: {
        terminals: count,
        nodes: office.urls.length,
        seconds: ms / 1000,
        ops_per_s: opsPerS,
        baseline_ops_per_s: baselineOpsPerS,
        ratio: opsPerS / baselineOpsPerS,
        errors: errors.total,
        slowest_over_median: slowestOverMedian,
        deferred,
      },
      notes: [
        `${count} terminals × ${opsEach} operations (${MEMBERS_PER_TERMINAL} members each) on ${office.urls.length} head-office node(s) (requests per node: ${nodes.perNode.join(', ')}), reconnecting within ${windowMs / 1000} s`,
        `every outbox drained in ${(ms / 1000).toFixed(1)} s: ${drainedOps.toLocaleString('en')} operations (${compensated} compensated), ${Math.round(opsPerS).toLocaleString('en')} ops/s`,
        `drain time per terminal: median ${fmtMs(median)} ms, p99 ${fmtMs(ours.p99Ms)} ms, slowest ${fmtMs(ours.maxMs)} ms (${slowestOverMedian.toFixed(2)} × the median)`,
        `push of ${TERMINAL_BATCH}: p50 ${fmtMs(push.p50Ms)} ms, p99 ${fmtMs(push.p99Ms)} ms, max ${fmtMs(push.maxMs)} ms`,
        `bare pg, same rows (${bare.rows.toLocaleString('en')}) on the same schedule over ${POOL_PER_NODE * office.urls.length} connections: ${(bare.totalMs / 1000).toFixed(1)} s, ${Math.round(baselineOpsPerS).toLocaleString('en')} ops/s; a batch p50 ${fmtMs(baseline.p50Ms)} ms, p99 ${fmtMs(baseline.p99Ms)} ms`,
        `errors: ${errors.toString()}; pushes told to come back later (503 or 429 with Retry-After, waited out and sent again): ${deferred}`,
      ],
    };
  } finally {
    await office.stop();
  }
}
