/**
 * Sales arriving on a fixed schedule, as requests from the cashier's screen do, on the same event
 * loop as whatever else the terminal is doing. Each sale's latency runs from when it was due to
 * its commit, so time spent waiting for the loop counts: it is what the cashier would see.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import type { TerminalCore } from '../../electron/core/core';
import { Rng, seededUuidv7 } from './data';
import { productNames } from './names';
import { elapsedMs, Sample, type Summary } from './stats';

export interface Phase {
  /** Arrival-to-commit latency of each sale, and when it arrived (ms from the phase's start). */
  arrival: Sample;
  latencies: number[];
  arrivedAt: number[];
  dispatch: Sample;
  /** How late timers fired: the longest stretches the event loop was busy with something else. */
  loopDelay: IntervalHistogram;
  count: number;
  ms: number;
  /** process.hrtime.bigint() when the phase began: `arrivedAt` counts from here. */
  startedNs: bigint;
}

export type SaleInput = {
  saleId: string;
  memberId: string | null;
  lines: unknown[];
  redeemPoints: 0;
};

/** Endless seeded baskets: mostly members (90%), one to three lines. */
export function saleInputs(core: TerminalCore, seed: number): () => SaleInput {
  const members = (core.db.prepare('SELECT id FROM member').all() as { id: string }[]).map(
    (m) => m.id,
  );
  const rng = new Rng(seed, 11);
  let clock = Date.now();
  return () => ({
    saleId: seededUuidv7(rng, clock++),
    memberId: rng.chance(0.9) ? rng.pick(members) : null,
    lines: Array.from({ length: rng.range(1, 4) }, () => ({
      description: rng.pick(productNames),
      quantity: rng.range(1, 3),
      unitPriceMinor: rng.range(5, 500) * 100,
    })),
    redeemPoints: 0,
  });
}

/** Sales at `perSecond` until `done()` (or `max` sales). */
export async function salesOnSchedule(
  core: TerminalCore,
  next: () => SaleInput,
  perSecond: number,
  done: () => boolean,
  max: number,
): Promise<Phase> {
  const interval = 1000 / perSecond;
  const arrival = new Sample(4096);
  const dispatch = new Sample(4096);
  const arrivedAt: number[] = [];
  const latencies: number[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const started = process.hrtime.bigint();
  let count = 0;
  while (!done() && count < max) {
    const dueMs = count * interval;
    const wait = dueMs - elapsedMs(started);
    if (wait > 0) await sleep(wait);
    else await yieldToLoop();
    const input = next();
    const before = process.hrtime.bigint();
    const result = core.dispatch('sale.record', input);
    const after = process.hrtime.bigint();
    if (!result.ok) throw new Error(`sale.record failed: ${result.error.message}`);
    dispatch.add(Number(after - before) / 1e6);
    const latency = Number(after - started) / 1e6 - dueMs;
    arrival.add(latency);
    latencies.push(latency);
    arrivedAt.push(dueMs);
    count += 1;
  }
  loopDelay.disable();
  return {
    arrival,
    latencies,
    arrivedAt,
    dispatch,
    loopDelay,
    count,
    ms: elapsedMs(started),
    startedNs: started,
  };
}

export function summaryOf(phase: Phase): Summary {
  const s = phase.arrival.summary();
  const rate = (phase.count * 1000) / phase.ms;
  return { ...s, totalMs: phase.ms, opsPerS: rate, meanOpsPerS: rate };
}
