/**
 * erasure_propagation (issue 14 §4): the time from a second admin's approval of an erasure until
 * every terminal of a chain has scrubbed the member, each terminal pulling on its own schedule
 * at the terminal's pull interval (SyncWorker's idle time between rounds, 5 s), its phase
 * random, as tills that started at different times.
 *
 * Head office is the real server process on the PostgreSQL server (headOffice.ts). A few
 * terminals are real cores on SQLite files: their SyncWorker's `runOnce` pushes and pulls every
 * stream, and scrubbed means the round that applied the erasure (and compacted the ledger)
 * returned with the member's row emptied. The rest are lightweight tills speaking the protocol
 * over HTTP: each pulls the erasures stream only, and scrubbed means the pull that returned the
 * member. The baseline is bare `pg` doing the same schedule: as many pollers, the same phases
 * and interval, each reading a one-table stream after its cursor, timed from the INSERT commit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openCore, type TerminalCore } from '../../../electron/core/core';
import { SYNC_IDLE_MS, SyncWorker } from '../../../electron/core/sync/syncWorker';
import { httpTransport } from '../../../electron/core/sync/transport';
import { enrollResponse, pullResponse } from '../../../shared/sync/protocol';
import { Rng } from '../data';
import { Sample, type BenchResult } from '../stats';
import { enrollCore, PG_URL, startHeadOffice } from './headOffice';

export interface ErasurePropagationOptions {
  seed: number;
  /** Terminals in the chain (default 200). */
  terminals?: number;
  /** Of them, real cores on SQLite files (default 5). */
  realCores?: number;
  /** Each terminal's wait between pulls (default the SyncWorker's, 5 s). */
  intervalMs?: number;
}

/** Longest a run waits for the last terminal: a few intervals, then the stragglers are errors. */
const PATIENCE_INTERVALS = 6;

interface Poller {
  /** Resolves with the ms after `t0` at which this terminal had scrubbed, or null if it never did. */
  run(t0: number, phaseMs: number, deadline: number): Promise<number | null>;
}

function percentileOf(values: number[], p: number): number {
  const sample = new Sample(values.length + 1);
  for (const v of values) sample.add(v);
  return p === 50 ? sample.summary().p50Ms : sample.summary().p99Ms;
}

/** Waits `ms`, then runs `round` every `interval` until it says done or the deadline passes. */
async function onSchedule(
  t0: number,
  phaseMs: number,
  intervalMs: number,
  deadline: number,
  round: () => Promise<boolean>,
): Promise<number | null> {
  await sleep(phaseMs);
  while (performance.now() < deadline) {
    if (await round()) return performance.now() - t0;
    await sleep(intervalMs);
  }
  return null;
}

export async function benchErasurePropagation(
  options: ErasurePropagationOptions,
): Promise<BenchResult> {
  const count = options.terminals ?? 200;
  const realCount = Math.min(count, options.realCores ?? 5);
  const intervalMs = options.intervalMs ?? SYNC_IDLE_MS;
  const rng = new Rng(options.seed, 14);
  const office = await startHeadOffice('erasure');
  const dirs: string[] = [];
  const cores: TerminalCore[] = [];
  let errors = 0;
  try {
    // Real cores: set up, enrolled, the first enrolls the member everyone will scrub.
    const workers: SyncWorker[] = [];
    for (let i = 0; i < realCount; i++) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-erasure-'));
      dirs.push(dir);
      const core = openCore({ dataDir: dir });
      cores.push(core);
      const setup = core.dispatch('terminal.setup', {
        storeName: `Bench store ${i + 1}`,
        terminalName: `Till ${i + 1}`,
        currency: 'HKD',
        timeZone: 'Asia/Hong_Kong',
        locale: 'en',
        phoneCountry: 'HK',
        managerName: 'Bench Manager',
        managerPin: '2468',
      });
      if (!setup.ok) throw new Error(`terminal.setup: ${setup.error.message}`);
      const { credentials } = await enrollCore(core, office);
      workers.push(new SyncWorker(core.ctx, { transport: httpTransport(office.url), credentials }));
    }
    const first = cores[0];
    if (!first) throw new Error('erasure_propagation needs at least one real core');
    const enrolled = first.dispatch('member.enroll', { name: 'Chan Tai Man', phone: '9123 4567' });
    if (!enrolled.ok) throw new Error(`member.enroll: ${enrolled.error.message}`);
    const memberId = (enrolled.value as { id: string }).id;
    const holds = (core: TerminalCore) =>
      (
        core.db.prepare('SELECT name FROM member WHERE id = ?').get(memberId) as
          { name: string } | undefined
      )?.name === 'Chan Tai Man';
    // Every real core holds the member before the clock starts (pushed by the first, pulled).
    for (let round = 0; round < 5 && !cores.every(holds); round++) {
      for (const worker of workers) await worker.runOnce();
    }
    if (!cores.every(holds)) throw new Error('the member did not reach every real core');

    // Lightweight tills: enrolled in this process, each with its erasures cursor.
    const light: { credential: string; after: number }[] = [];
    for (let i = realCount; i < count; i++) {
      const answer = await office.admin.enroll({
        code: await office.newCode(),
        terminalName: `Bench till ${i + 1}`,
        appVersion: '0.1.0',
      });
      const parsed = answer.ok ? enrollResponse.safeParse(answer.value) : null;
      if (!parsed?.success) throw new Error(`enroll ${i}: could not enroll`);
      light.push({ credential: parsed.data.credential, after: 0 });
    }
    const pullErasures = async (till: { credential: string; after: number }) => {
      const response = await fetch(`${office.url}/sync/pull`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${till.credential}`,
        },
        body: JSON.stringify({
          stream: 'erasures',
          after: till.after,
          limit: 500,
          outboxPending: 0,
        }),
      });
      const page = pullResponse.parse(await response.json());
      till.after = page.cursor;
      return page.items.some((item) => (item.data as { memberId?: string }).memberId === memberId);
    };

    const pollers: Poller[] = [
      ...workers.map((worker, i): Poller => ({
        run: (t0, phase, deadline) =>
          onSchedule(t0, phase, intervalMs, deadline, async () => {
            const outcome = await worker.runOnce();
            if (outcome !== 'synced') errors++;
            return !holds(cores[i] as TerminalCore);
          }),
      })),
      ...light.map((till): Poller => ({
        run: (t0, phase, deadline) =>
          onSchedule(t0, phase, intervalMs, deadline, async () => {
            try {
              return await pullErasures(till);
            } catch {
              errors++;
              return false;
            }
          }),
      })),
    ];
    const phases = pollers.map(() => rng.int(intervalMs));

    // The erasure: logged by one admin, approved by another.
    const request = await office.admin.privacy.createRequest('bench-admin-1', {
      kind: 'erasure',
      memberId,
    });
    if (!request.ok) throw new Error(`createRequest: ${request.error.message}`);
    const approveStart = performance.now();
    const approved = await office.admin.privacy.approveErasure('bench-admin-2', request.value.id);
    if (!approved.ok) throw new Error(`approveErasure: ${approved.error.message}`);
    const t0 = performance.now();
    const approveMs = t0 - approveStart;
    const deadline = t0 + intervalMs * PATIENCE_INTERVALS;
    const times = await Promise.all(pollers.map((p, i) => p.run(t0, phases[i] ?? 0, deadline)));
    const scrubbed = times.filter((t): t is number => t !== null);
    const missing = times.length - scrubbed.length;
    const realTimes = times.slice(0, realCount).filter((t): t is number => t !== null);

    // Baseline: bare pg pollers on the same schedule, timed from the INSERT's commit.
    const bare = new pg.Pool({
      connectionString: PG_URL,
      options: `-c search_path=${office.schema}`,
      max: 10,
    });
    let baselineTimes: (number | null)[];
    try {
      await bare.query('CREATE TABLE bench_erasure (seq bigserial PRIMARY KEY, member_id uuid)');
      await bare.query('INSERT INTO bench_erasure (member_id) VALUES (gen_random_uuid())');
      const cursors = pollers.map(() => 1);
      await bare.query('INSERT INTO bench_erasure (member_id) VALUES ($1)', [memberId]);
      const b0 = performance.now();
      baselineTimes = await Promise.all(
        pollers.map((_, i) =>
          onSchedule(
            b0,
            phases[i] ?? 0,
            intervalMs,
            b0 + intervalMs * PATIENCE_INTERVALS,
            async () => {
              const { rows } = await bare.query<{ seq: string; member_id: string }>(
                'SELECT seq, member_id FROM bench_erasure WHERE seq > $1 ORDER BY seq LIMIT 500',
                [cursors[i]],
              );
              const last = rows[rows.length - 1];
              if (last) cursors[i] = Number(last.seq);
              return rows.some((row) => row.member_id === memberId);
            },
          ),
        ),
      );
    } finally {
      await bare.end();
    }
    const baseline = baselineTimes.filter((t): t is number => t !== null);

    const seconds = scrubbed.length ? Math.max(...scrubbed) / 1000 : Number.NaN;
    const baselineSeconds = baseline.length ? Math.max(...baseline) / 1000 : Number.NaN;
    const round1 = (v: number) => Math.round(v * 10) / 10;
    const json = {
      terminals: count,
      real_cores: realCount,
      pull_interval_ms: intervalMs,
      seconds: Math.round(seconds * 1000) / 1000,
      p50_ms: round1(percentileOf(scrubbed, 50)),
      p99_ms: round1(percentileOf(scrubbed, 99)),
      baseline_seconds: Math.round(baselineSeconds * 1000) / 1000,
      baseline_p50_ms: round1(percentileOf(baseline, 50)),
      baseline_p99_ms: round1(percentileOf(baseline, 99)),
      ratio: Math.round((baselineSeconds / seconds) * 1000) / 1000,
      approve_ms: round1(approveMs),
      real_core_max_ms: realTimes.length ? round1(Math.max(...realTimes)) : Number.NaN,
      missing,
      errors,
    };
    const ours = new Sample(scrubbed.length + 1);
    for (const t of scrubbed) ours.add(t);
    ours.addRound(scrubbed.length, seconds * 1000);
    const theirs = new Sample(baseline.length + 1);
    for (const t of baseline) theirs.add(t);
    theirs.addRound(baseline.length, baselineSeconds * 1000);
    // A terminal learns of it within one interval plus its round; all of them, within ~1.
    const target = seconds <= (intervalMs * 1.5) / 1000 && missing === 0 && errors === 0;
    return {
      name: 'erasure_propagation',
      ours: ours.summary(),
      baseline: theirs.summary(),
      target: `all ${count} scrubbed ≤ 1.5 × the ${intervalMs / 1000} s pull interval, none missing`,
      met: target,
      notes: [
        `${count} terminals (${realCount} real cores on SQLite, the rest pulling the erasures stream over HTTP), pull interval ${intervalMs} ms, random phases`,
        `approval took ${approveMs.toFixed(1)} ms; the last terminal scrubbed ${seconds.toFixed(2)} s after it (bare pg pollers on the same schedule: ${baselineSeconds.toFixed(2)} s)`,
        `real cores' slowest scrub (a full sync round, compaction included): ${json.real_core_max_ms} ms after approval`,
        `missing ${missing}, errors ${errors}`,
      ],
      json,
    };
  } finally {
    for (const core of cores) core.close();
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}.key`, { force: true });
    }
    await office.stop();
  }
}
