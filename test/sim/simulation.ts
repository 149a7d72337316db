import { pendingCount } from '../../electron/core/sync/pushOutbox';
import { readCursor, readSyncState } from '../../electron/core/sync/syncStore';
import type { SyncRunResult } from '../../electron/core/sync/syncWorker';
import { streams } from '../../shared/sync/protocol';
import { checkInvariants, type InvariantCounts } from './invariants';
import type { FaultKind } from './network';
import { Cashiers, OpLog, officeStepsComplaint } from './operations';
import { WORLD_START_MS, createWorld, type SimTerminal, type World } from './world';

export interface SimOptions {
  terminals: number;
  ops: number;
  seed: number;
  faults: ReadonlySet<FaultKind>;
  /** Head-office nodes on one database; each push and pull goes to one at random (default 1). */
  nodes?: number;
  /** Progress lines (stderr in the command). */
  progress?: (line: string) => void;
}

/** The one JSON line the command prints last. */
export interface SimSummary extends InvariantCounts {
  converged: boolean;
  ops: number;
  /** Operations head office rejected, each kept as a rejected_operation exception. */
  rejected: number;
  /** Complaints logged and their events (logged, stepped at tills and at head office). */
  complaints: number;
  complaint_events: number;
  seconds: number;
}

export interface SimReport {
  summary: SimSummary;
  /** Sync rounds after the faults stopped until a round changed nothing. */
  convergenceRounds: number;
  viewMismatches: number;
  pendingTerminals: number;
  /** Operation results, faults injected, head-office facts: the same seed gives the same figures. */
  figures: Record<string, unknown>;
  problems: string[];
  unexpected: string[];
}

const MAX_CONVERGENCE_ROUNDS = 12;
/** Per step, with the `poison` fault: a poisoned operation slips into a till's outbox. */
const POISON_RATE = 0.01;
const SYNCS_PER_STEP = 0.6;
const FLAGSHIP_SHARE = 0.3;
/** While a terminal's request is in flight, how likely its cashier commits something meanwhile. */
const CASHIER_DURING_SYNC = 0.08;
/** Per step: head office's complaint desk steps a complaint it holds. */
const OFFICE_COMPLAINT_RATE = 0.04;

async function syncTerminal(terminal: SimTerminal): Promise<SyncRunResult> {
  terminal.largestBacklog = Math.max(terminal.largestBacklog, pendingCount(terminal.core.db));
  const result = await terminal.worker.runOnce();
  terminal.syncResults[result] += 1;
  return result;
}

/** What a sync round can move: each terminal's mark, backlog and stream cursors. */
function fingerprint(world: World): string {
  return JSON.stringify(
    world.terminals.map(({ core: { db } }) => [
      readSyncState(db).high_water_mark,
      pendingCount(db),
      ...streams.map((stream) => readCursor(db, stream)),
    ]),
  );
}

/**
 * After the faults stop: everything in flight lands, then every terminal pushes and pulls, round
 * after round, until a whole round changes nothing anywhere.
 */
async function converge(world: World): Promise<{ rounds: number; stable: boolean }> {
  world.network.stopFaults();
  await world.network.flush();
  for (let round = 1; round <= MAX_CONVERGENCE_ROUNDS; round++) {
    const before = fingerprint(world);
    let allSynced = true;
    for (const terminal of world.terminals) {
      if ((await syncTerminal(terminal)) !== 'synced') allSynced = false;
    }
    if (allSynced && fingerprint(world) === before) return { rounds: round, stable: true };
  }
  return { rounds: MAX_CONVERGENCE_ROUNDS, stable: false };
}

export async function runSimulation(options: SimOptions): Promise<SimReport> {
  const started = performance.now();
  const progress = options.progress ?? (() => undefined);
  progress(
    `simulation: ${options.terminals} terminals, ${options.ops} operations, seed ${options.seed}, faults ${options.faults.size > 0 ? [...options.faults].join(',') : 'none'}`,
  );
  const world = await createWorld(options);
  try {
    const rng = world.rng.fork('operations');
    const timing = world.rng.fork('timing');
    const log = new OpLog();
    const cashiers = new Cashiers(world, rng, log);
    const desk = world.rng.fork('complaint-desk');
    // About one terminal in two steps syncs: each till pushes and pulls every other sale or so.
    const syncChance = Math.min(0.25, SYNCS_PER_STEP / options.terminals);

    // Every till learns the program and the offline policy before the shop opens.
    for (const terminal of world.terminals) await syncTerminal(terminal);
    world.network.startFaults();
    world.network.onRequest = (index) => {
      if (log.executed >= options.ops || !timing.chance(CASHIER_DURING_SYNC)) return;
      const terminal = world.terminals[index];
      if (terminal)
        cashiers.run(terminal, rng.weighted({ sale: 3, redeem: 2, profile_edit: 2, enroll: 1 }));
    };

    let step = 0;
    while (log.executed < options.ops) {
      step += 1;
      world.clock.advance(timing.int(5_000, 90_000));
      await world.network.tick(step, options.ops);
      // The first store's first till is the flagship: it rings up a third of everything.
      cashiers.run(rng.chance(FLAGSHIP_SHARE) ? world.terminals[0]! : rng.pick(world.terminals));
      // The first poison lands early, so even a short run has one.
      if (options.faults.has('poison') && (step === 20 || timing.chance(POISON_RATE))) {
        cashiers.poison(rng.pick(world.terminals));
      }
      if (desk.chance(OFFICE_COMPLAINT_RATE)) await officeStepsComplaint(world, desk, log);
      for (const terminal of world.terminals) {
        if (timing.chance(syncChance)) await syncTerminal(terminal);
      }
      if (step % 500 === 0) {
        progress(
          `  step ${step}: ${log.executed} operations, ${world.members.length} members, ${world.network.partitionedNow()} terminals cut off, ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    }
    world.network.onRequest = null;
    progress(`faults stop after ${log.executed} operations; converging`);
    const { rounds, stable } = await converge(world);
    progress(`${stable ? 'stable' : 'NOT stable'} after ${rounds} sync rounds; checking`);
    const report = await checkInvariants(world, log);
    const unexpected = [...log.unexpected, ...world.network.serverFailures];
    const refusedTerminals = world.terminals.filter((t) => t.syncResults.refused > 0).length;
    const converged =
      stable &&
      report.viewMismatches === 0 &&
      report.pendingTerminals === 0 &&
      refusedTerminals === 0;
    const syncResults: Record<string, number> = {};
    for (const terminal of world.terminals) {
      for (const [result, n] of Object.entries(terminal.syncResults)) {
        syncResults[result] = (syncResults[result] ?? 0) + n;
      }
    }
    return {
      summary: {
        converged,
        ops: log.executed,
        ...report.counts,
        rejected: report.rejected,
        complaints: report.complaints,
        complaint_events: report.complaintEvents,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      },
      convergenceRounds: rounds,
      viewMismatches: report.viewMismatches,
      pendingTerminals: report.pendingTerminals,
      figures: {
        steps: step,
        virtual_days: Math.round((world.clock.ms - WORLD_START_MS) / 86_400_000),
        operations: log.byKind,
        sync_runs: syncResults,
        largest_backlog: Math.max(...world.terminals.map((t) => t.largestBacklog)),
        network: world.network.counts,
        requests_per_node: world.network.perNode,
        head_office: report.facts,
        digest: report.digest,
      },
      problems: report.problems,
      unexpected,
    };
  } finally {
    await world.close();
  }
}
