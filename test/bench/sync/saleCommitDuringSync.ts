/**
 * sale_commit_during_sync: how long a sale takes while the terminal's own SyncWorker pushes a
 * 100,000-operation catch-up to head office on loopback (PostgreSQL server, head office in its
 * own process). Sales arrive on a fixed schedule (SALES_PER_S, like requests from the cashier's
 * screen) on the same event loop as the worker, and each one's latency runs from its arrival to
 * its commit: it includes waiting behind whatever the worker does synchronously (reading a batch,
 * JSON, gzip, storing the answer, applying pulled pages). The baseline is the same schedule on
 * the same ledger before the terminal enrolls, with no worker. Both phases run the WAL
 * checkpointer thread, as the terminal does.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openCore, type TerminalCore } from '../../../electron/core/core';
import { startCheckpointer, type Checkpointer } from '../../../electron/core/db/checkpointer';
import { catchUpLoyalty } from '../../../electron/core/loyalty/catchUp';
import { lastOutboxSeq, pendingCount } from '../../../electron/core/sync/pushOutbox';
import { SyncWorker } from '../../../electron/core/sync/syncWorker';
import { httpTransport } from '../../../electron/core/sync/transport';
import { CACHE_DIR } from '../data';
import { elapsedMs, fmtMs, Sample, type BenchResult, type Summary } from '../stats';
import { saleInputs, salesOnSchedule, summaryOf, type Phase } from '../salesOnSchedule';
import { enrollCore, startHeadOffice } from './headOffice';
import { copyDataset, outboxDataset } from './outboxData';
import { pushTimer } from './syncPush';

const SALES_PER_S = 20;
/** Sales in the baseline phase (the catch-up phase lasts as long as the catch-up). */
const BASELINE_SALES = 600;

/** Arrival latencies of the sales that arrived in [from, to) ms. */
function window(phase: Phase, from: number, to: number): Summary {
  const part = new Sample();
  phase.latencies.forEach((latency, i) => {
    const at = phase.arrivedAt[i] ?? 0;
    if (at >= from && at < to) part.add(latency);
  });
  return part.summary();
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { value, ms: elapsedMs(started) };
}

const ms = (n: number) => (n / 1e6).toFixed(0);

export async function benchSaleCommitDuringSync(options: {
  seed: number;
  members: number;
}): Promise<BenchResult> {
  const dataset = outboxDataset(options.seed);
  const work = path.join(CACHE_DIR, `run-sync-during-${process.pid}`);
  copyDataset(dataset, work);
  const office = await startHeadOffice('during');
  let core: TerminalCore | null = null;
  let checkpointer: Checkpointer | null = null;
  try {
    core = openCore({ dataDir: work });
    // As startTerminalServices runs it in the terminal, for both phases.
    checkpointer = startCheckpointer(core.ledger.file, core.ledger);
    // As startTerminalServices does a second after start: the dataset's sales are from 2025, so
    // their points have expired by now, and without this every sale measured would be the one
    // that writes its member's expiry entries (two dozen of them) first.
    const expired = timed(() => catchUpLoyalty(core!.ctx));
    process.stderr.write(
      `[bench] loyalty catch-up before the clock: ${JSON.stringify(expired.value)} in ${expired.ms.toFixed(0)} ms\n`,
    );
    const next = saleInputs(core, options.seed);
    const idle = await salesOnSchedule(core, next, SALES_PER_S, () => false, BASELINE_SALES);

    const { credentials } = await enrollCore(core, office);
    const backlog = pendingCount(core.db);
    const target = lastOutboxSeq(core.db);
    const started = process.hrtime.bigint();
    const timer = pushTimer(httpTransport(office.url), target, started);
    const worker = new SyncWorker(core.ctx, { transport: timer.transport, credentials });
    // The worker's catch-up: push everything, then pull every stream. A failed run is retried
    // as the worker's timer would, without the backoff.
    let caughtUp = false;
    let runs = 0;
    const catchUp = (async () => {
      for (; runs < 5 && !caughtUp;) {
        runs += 1;
        caughtUp = (await worker.runOnce()) === 'synced';
      }
      caughtUp = true;
    })();
    const busy = await salesOnSchedule(
      core,
      next,
      SALES_PER_S,
      () => caughtUp,
      Number.POSITIVE_INFINITY,
    );
    await catchUp;
    const runMs = elapsedMs(started);
    const catchUpOps = backlog + busy.count;

    const ours = summaryOf(busy);
    const baseline = summaryOf(idle);
    const pushing = window(busy, 0, timer.drainedMs);
    const pulling = window(busy, timer.drainedMs, Number.POSITIVE_INFINITY);
    const dispatchBusy = busy.dispatch.summary();
    const dispatchIdle = idle.dispatch.summary();
    return {
      name: 'sale_commit_during_sync',
      ours,
      baseline,
      target: 'p99 <= 10 ms',
      met: ours.p99Ms <= 10,
      notes: [
        `${busy.count} sales at ${SALES_PER_S}/s while the worker pushed ${catchUpOps.toLocaleString('en')} operations ` +
          `(${backlog.toLocaleString('en')} backlog + the sales) in ${timer.pushes} pushes, ` +
          `${(timer.drainedMs / 1000).toFixed(1)} s (${Math.round((catchUpOps * 1000) / timer.drainedMs).toLocaleString('en')} ops/s), ` +
          `then pulled every stream: ${(runMs / 1000).toFixed(1)} s in ${runs} run(s)`,
        `arrival-to-commit latency, whole catch-up: p50 ${fmtMs(ours.p50Ms)}, p99 ${fmtMs(ours.p99Ms)}, max ${fmtMs(ours.maxMs)} ms; ` +
          `while pushing (${pushing.count}): p99 ${fmtMs(pushing.p99Ms)}, max ${fmtMs(pushing.maxMs)} ms; ` +
          `while pulling (${pulling.count}): p99 ${fmtMs(pulling.p99Ms)}, max ${fmtMs(pulling.maxMs)} ms`,
        `idle baseline (${idle.count} sales, same schedule, not enrolled): p50 ${fmtMs(baseline.p50Ms)}, ` +
          `p99 ${fmtMs(baseline.p99Ms)}, max ${fmtMs(baseline.maxMs)} ms`,
        `inside dispatch('sale.record') only: during catch-up p50 ${fmtMs(dispatchBusy.p50Ms)}, p99 ${fmtMs(dispatchBusy.p99Ms)} ms; ` +
          `idle p50 ${fmtMs(dispatchIdle.p50Ms)}, p99 ${fmtMs(dispatchIdle.p99Ms)} ms`,
        `event loop busy elsewhere (timer lateness): during catch-up p99 ${ms(busy.loopDelay.percentile(99))}, ` +
          `max ${ms(busy.loopDelay.max)} ms; idle p99 ${ms(idle.loopDelay.percentile(99))}, max ${ms(idle.loopDelay.max)} ms`,
        `failed pushes (retried): ${timer.failures.length}${timer.failures[0] ? `, first: ${timer.failures[0]}` : ''}`,
        `ops_per_s here is sales completed per second (the schedule is ${SALES_PER_S}/s)`,
      ],
    };
  } finally {
    await checkpointer?.stop();
    core?.close();
    await office.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
