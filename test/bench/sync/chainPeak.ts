/**
 * chain_peak: a chain at its busiest hour, as an open loop. N terminals (default 2,000) each make
 * a sale every 10 s (the first at a random moment in the first 10 s) and push it as it happens,
 * for 60 s, to head office on the PostgreSQL server (one or more head-office processes on one
 * schema, each push to one at random). A terminal has one push in flight, as its SyncWorker does:
 * a sale made while one is out goes with the next. A sale's latency runs from the moment it was
 * due to the answer that acknowledged it, so a driver or a server that falls behind shows.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncOperation } from '../../../shared/sync/protocol';
import { Rng } from '../data';
import { elapsedMs, fmtMs, Sample, type BenchResult } from '../stats';
import {
  enrollChain,
  ErrorCounts,
  loadTemplates,
  Nodes,
  pushBatch,
  sale,
  TERMINAL_BATCH,
  type ChainTerminal,
} from './chainTerminals';
import { startHeadOffice } from './headOffice';

export interface ChainPeakOptions {
  seed: number;
  /** Terminals (default 2,000). */
  terminals?: number;
  /** Seconds of load (default 60). */
  seconds?: number;
  /** Seconds between one terminal's sales (default 10). */
  intervalS?: number;
  /** Head-office processes on the one database (default 1). */
  nodes?: number;
}

const MEMBERS_PER_TERMINAL = 5;
/** After the load stops, how long outboxes may take to drain before what is left counts as errors. */
const DRAIN_GRACE_MS = 30_000;
const RETRY_MS = 1_000;

export async function benchChainPeak(options: ChainPeakOptions): Promise<BenchResult> {
  const count = options.terminals ?? 2_000;
  const durationMs = (options.seconds ?? 60) * 1000;
  const intervalMs = (options.intervalS ?? 10) * 1000;
  const templates = loadTemplates(options.seed);
  const office = await startHeadOffice('peak', { nodes: options.nodes ?? 1 });
  try {
    const nodes = new Nodes(office.urls, new Rng(options.seed, 9));
    const terminals = await enrollChain(office, nodes, {
      count,
      members: MEMBERS_PER_TERMINAL,
      seed: options.seed,
      templates,
    });
    process.stderr.write(
      `[bench] chain_peak: ${count} terminals on ${office.urls.length} head-office node(s), a sale every ${intervalMs / 1000} s each, for ${durationMs / 1000} s\n`,
    );

    const latencies = new Sample(Math.ceil((count * durationMs) / intervalMs) + 16);
    const errors = new ErrorCounts();
    let pushes = 0;
    let sales = 0;
    let compensated = 0;
    let maxInFlight = 0;
    let inFlight = 0;
    const started = process.hrtime.bigint();
    const startedAt = Date.now();
    const phase = new Rng(options.seed, 11);

    const drive = async (t: ChainTerminal) => {
      const outbox: { op: SyncOperation; due: bigint }[] = [];
      let pushing: Promise<void> | null = null;
      const flush = async () => {
        while (outbox.length > 0) {
          const batch = outbox.slice(0, TERMINAL_BATCH);
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const result = await pushBatch(
            nodes,
            t,
            batch.map((item) => item.op),
          );
          inFlight -= 1;
          if (!result.ok) {
            errors.add(result.error);
            if (elapsedMs(started) > durationMs + DRAIN_GRACE_MS) return;
            await sleep(RETRY_MS);
            continue;
          }
          pushes += 1;
          compensated += result.compensated;
          outbox.splice(0, batch.length);
          const now = process.hrtime.bigint();
          for (const item of batch) latencies.add(Number(now - item.due) / 1e6);
        }
      };
      let dueMs = phase.float() * intervalMs;
      while (dueMs < durationMs) {
        const wait = dueMs - elapsedMs(started);
        if (wait > 0) await sleep(wait);
        const due = started + BigInt(Math.round(dueMs * 1e6));
        outbox.push({ op: sale(t, templates, startedAt + Math.round(dueMs)), due });
        sales += 1;
        pushing ??= flush().finally(() => {
          pushing = null;
        });
        dueMs += intervalMs;
      }
      while (pushing) await pushing;
      outbox.forEach(() => errors.add('never acknowledged'));
    };
    await Promise.all(terminals.map(drive));
    const ms = elapsedMs(started);
    latencies.addRound(latencies.count, Math.max(ms, durationMs));
    const s = latencies.summary();
    const pushesPerS = (pushes * 1000) / durationMs;
    const ours = {
      ...s,
      opsPerS: (latencies.count * 1000) / durationMs,
      meanOpsPerS: (latencies.count * 1000) / durationMs,
    };
    return {
      name: 'chain_peak',
      ours,
      target: 'p99 <= 250 ms, zero errors',
      met: errors.total === 0 && s.p99Ms <= 250,
      json: {
        terminals: count,
        nodes: office.urls.length,
        pushes_per_s: pushesPerS,
        p50_ms: s.p50Ms,
        p99_ms: s.p99Ms,
        max_ms: s.maxMs,
        errors: errors.total,
      },
      notes: [
        `${count} terminals × ${MEMBERS_PER_TERMINAL} members on ${office.urls.length} head-office node(s) (requests per node: ${nodes.perNode.join(', ')})`,
        `${sales.toLocaleString('en')} sales in ${(durationMs / 1000).toFixed(0)} s (${((sales * 1000) / durationMs).toFixed(1)}/s offered), ` +
          `${pushes.toLocaleString('en')} pushes (${pushesPerS.toFixed(1)}/s), ${compensated} compensated, at most ${maxInFlight} in flight; drained ${((ms - durationMs) / 1000).toFixed(1)} s after the load stopped`,
        `sale to acknowledgement: p50 ${fmtMs(s.p50Ms)} ms, p99 ${fmtMs(s.p99Ms)} ms, max ${fmtMs(s.maxMs)} ms`,
        `errors: ${errors.toString()}`,
      ],
    };
  } finally {
    await office.stop();
  }
}
