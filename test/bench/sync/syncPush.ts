/**
 * sync_push: a terminal's 100,000 pending operations drained to head office on the PostgreSQL
 * server by the terminal's own SyncWorker (batches of PUSH_BATCH over HTTP, gzipped, to the real
 * fastify server in its own process), against bare node-postgres writing the same rows in the
 * same number of transactions (bareInsert.ts), in the same run.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openCore, type TerminalCore } from '../../../electron/core/core';
import { lastOutboxSeq, pendingCount } from '../../../electron/core/sync/pushOutbox';
import { PUSH_BATCH, SyncWorker } from '../../../electron/core/sync/syncWorker';
import { httpTransport, type SyncTransport } from '../../../electron/core/sync/transport';
import { CACHE_DIR } from '../data';
import { elapsedMs, fmtMs, Sample, type BenchResult, type Summary } from '../stats';
import { bareBatchInsert } from './bareInsert';
import { enrollCore, PG_URL, startHeadOffice } from './headOffice';
import { copyDataset, outboxDataset } from './outboxData';

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Times each push and notes when head office's mark reaches `target`. */
export function pushTimer(inner: SyncTransport, target: number, started: bigint) {
  const batches = new Sample(1024);
  let drainedMs = Number.NaN;
  let pushes = 0;
  const failures: string[] = [];
  const transport: SyncTransport = {
    async post(route, body, credential) {
      if (route !== '/sync/push') return inner.post(route, body, credential);
      const start = process.hrtime.bigint();
      let answer: Awaited<ReturnType<SyncTransport['post']>>;
      try {
        answer = await inner.post(route, body, credential);
      } catch (error) {
        failures.push(String(error));
        throw error;
      }
      batches.add(elapsedMs(start));
      pushes += 1;
      if (answer.status < 200 || answer.status >= 300) {
        failures.push(`HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
      const mark = (answer.body as { highWaterMark?: unknown } | null)?.highWaterMark;
      if (Number.isNaN(drainedMs) && typeof mark === 'number' && mark >= target) {
        drainedMs = elapsedMs(started);
      }
      return answer;
    },
  };
  return {
    transport,
    batches,
    get drainedMs() {
      return drainedMs;
    },
    get pushes() {
      return pushes;
    },
    /** Pushes that failed (the worker retries them): thrown errors and non-2xx answers. */
    failures,
  };
}

function summaryOf(count: number, ms: number, latencies: Sample): Summary {
  const s = latencies.summary();
  const rate = (count * 1000) / ms;
  return { ...s, count, totalMs: ms, opsPerS: rate, meanOpsPerS: rate };
}

export async function benchSyncPush(options: {
  seed: number;
  members: number;
}): Promise<BenchResult> {
  const dataset = outboxDataset(options.seed);
  const work = path.join(CACHE_DIR, `run-sync-push-${process.pid}`);
  copyDataset(dataset, work);
  const office = await startHeadOffice('push');
  let core: TerminalCore | null = null;
  try {
    core = openCore({ dataDir: work });
    const { credentials, terminalId } = await enrollCore(core, office);
    const pending = pendingCount(core.db);
    const target = lastOutboxSeq(core.db);
    progress(`sync_push: draining ${pending.toLocaleString('en')} operations to ${office.schema}`);

    const started = process.hrtime.bigint();
    const timer = pushTimer(httpTransport(office.url), target, started);
    const worker = new SyncWorker(core.ctx, { transport: timer.transport, credentials });
    let result = await worker.runOnce();
    // A failed push (a timeout on a loaded machine) is retried as the worker would; noted below.
    for (let retry = 0; retry < 5 && (result !== 'synced' || pendingCount(core.db) > 0); retry++) {
      result = await worker.runOnce();
    }
    const runMs = elapsedMs(started);
    const left = pendingCount(core.db);
    const { rows } = await office.db.query<{ hwm: number; ops: number }>(
      `SELECT t.high_water_mark AS hwm,
         (SELECT count(*) FROM sync_op WHERE terminal_id = t.id)::int8 AS ops
       FROM terminal t WHERE t.id = $1`,
      [terminalId],
    );
    const held = rows[0];
    if (result !== 'synced' || left !== 0 || held?.hwm !== target || held.ops !== target) {
      throw new Error(
        `drain incomplete: ${result}, ${left} pending, head office mark ${held?.hwm} with ${held?.ops} ops for ${target}`,
      );
    }

    progress('sync_push: bare pg baseline');
    const bare = await bareBatchInsert(PG_URL, office.schema, terminalId);
    const ours = summaryOf(pending, timer.drainedMs, timer.batches);
    const baseline = summaryOf(pending, bare.totalMs, bare.batches);
    const ratio = ours.opsPerS / baseline.opsPerS;
    return {
      name: 'sync_push',
      ours,
      baseline,
      target: 'ratio >= 0.33',
      met: ratio >= 0.33,
      notes: [
        `${pending.toLocaleString('en')} operations (${dataset.meta.sales.toLocaleString('en')} sales, ` +
          `${dataset.meta.members.toLocaleString('en')} enrollments) in ${timer.pushes} pushes of ` +
          `${PUSH_BATCH}: drained in ${(timer.drainedMs / 1000).toFixed(1)} s; the pulls after ` +
          `took the run to ${(runMs / 1000).toFixed(1)} s`,
        `p50/p99: one push round trip (ours) or one batch transaction (baseline): ` +
          `baseline p50 ${fmtMs(baseline.p50Ms)} ms, p99 ${fmtMs(baseline.p99Ms)} ms`,
        `baseline: the ${bare.rows.toLocaleString('en')} rows head office wrote, rewritten with bare ` +
          `pg into an empty schema, one transaction per push in ${(bare.totalMs / 1000).toFixed(1)} s`,
        `failed pushes (retried by the worker): ${timer.failures.length}${timer.failures[0] ? `, first: ${timer.failures[0]}` : ''}`,
        `PostgreSQL ${PG_URL.replace(/\/\/[^@]*@/, '//')}, schema ${office.schema} (dropped after)`,
      ],
    };
  } finally {
    core?.close();
    await office.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
