import type { Database, Queryable } from '../db/database';
import type { ServiceClock } from '../platform/clock';
import { createLogger } from '../platform/logger';
import type { ServiceRandom } from '../platform/randomness';

const log = createLogger('jobs');

/**
 * Head office's job queue, on its own database (the `job` table, migration 0011): work that must
 * happen once across every head-office node, however many run, and survive a node's restart.
 * A node claims a due job with `FOR UPDATE SKIP LOCKED` (nodes never wait on each other's
 * claims) and holds it under a lease; it marks it done when the work is done. A node that dies
 * holding a lease leaves the job to be claimed again once the lease is over: a job's work must
 * therefore finish well within its lease, and should be safe to run again after a crash
 * (graphile-worker and pg-boss promise the same, at least once, for the same reason).
 */

export interface Job {
  id: number;
  kind: string;
  key: string;
  payload: unknown;
  /** This attempt's number, from 1. */
  attempts: number;
}

export interface Enqueue {
  /** One job per key, ever: enqueueing a key again changes nothing. Default: a fresh key. */
  key?: string;
  payload?: unknown;
  /** Not before this time, in ms (default now). */
  runAt?: number;
  maxAttempts?: number;
}

/** A job that recurs: one run per slot of `everyMs`, counted from the epoch (UTC). */
export interface Schedule {
  kind: string;
  everyMs: number;
  payload?: unknown;
}

/**
 * Thrown by a job's work to say "not yet": the job goes back to the queue due at `runAt`, without
 * counting as a failed attempt (a message waiting out quiet hours).
 */
export class JobDeferred extends Error {
  constructor(readonly runAt: number) {
    super(`deferred until ${new Date(runAt).toISOString()}`);
    this.name = 'JobDeferred';
  }
}

/** After the nth failure, wait 30 s × 2^(n−1), at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** The key of a schedule's run in the slot holding `nowMs`: every node derives the same one. */
export function slotKey(schedule: Schedule, nowMs: number): { key: string; slotMs: number } {
  const slotMs = Math.floor(nowMs / schedule.everyMs) * schedule.everyMs;
  return { key: `${schedule.kind}@${new Date(slotMs).toISOString()}`, slotMs };
}

interface JobRow {
  id: number;
  kind: string;
  key: string;
  payload: unknown;
  attempts: number;
}

export function jobQueue(db: Database, clock: ServiceClock, random: ServiceRandom) {
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    /**
     * Adds a job; `created` is false when its key was enqueued before (by any node). Pass `tx` to
     * add it in the caller's transaction, with the rows the job will work on.
     */
    async enqueue(
      kind: string,
      job: Enqueue = {},
      tx: Queryable = db,
    ): Promise<{ id: number; created: boolean }> {
      const now = clock.now();
      const key = job.key ?? `${kind}#${random.uuidv7(now)}`;
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO job (kind, key, payload, run_at, max_attempts, created_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6)
         ON CONFLICT (key) DO NOTHING
         RETURNING id`,
        [
          kind,
          key,
          JSON.stringify(job.payload ?? {}),
          at(job.runAt ?? now),
          job.maxAttempts ?? 5,
          at(now),
        ],
      );
      if (rows[0]) return { id: rows[0].id, created: true };
      // Made by another node, perhaps a moment ago: a statement of its own sees it committed.
      const { rows: found } = await tx.query<{ id: number }>('SELECT id FROM job WHERE key = $1', [
        key,
      ]);
      if (!found[0]) throw new Error(`job ${key} neither made nor found`);
      return { id: found[0].id, created: false };
    },

    /** The run of `schedule` in the current slot, made once whichever nodes ask. */
    async ensureScheduled(schedule: Schedule): Promise<void> {
      const { key, slotMs } = slotKey(schedule, clock.now());
      await this.enqueue(schedule.kind, {
        key,
        payload: schedule.payload ?? {},
        runAt: slotMs,
      });
    },

    /**
     * Claims the job due first among `kinds` for `nodeId`, for `leaseMs`: one not done, not
     * leased to a node whose lease still runs, with attempts left. Null when there is none.
     */
    async claim(nodeId: string, kinds: readonly string[], leaseMs: number): Promise<Job | null> {
      const now = clock.now();
      const { rows } = await db.query<JobRow>(
        `UPDATE job SET locked_by = $2, locked_until = $3, attempts = attempts + 1
         WHERE id = (
           SELECT id FROM job
           WHERE done_at IS NULL AND run_at <= $1 AND kind = ANY($4::text[])
             AND (locked_until IS NULL OR locked_until < $1) AND attempts < max_attempts
           ORDER BY run_at, id
           LIMIT 1
           FOR UPDATE SKIP LOCKED
         )
         RETURNING id, kind, key, payload, attempts`,
        [at(now), nodeId, at(now + leaseMs), [...kinds]],
      );
      return rows[0] ?? null;
    },

    /** Done. False if the lease was lost meanwhile (another node may be running it again). */
    async complete(job: Job, nodeId: string): Promise<boolean> {
      const { rows } = await db.query<{ id: number }>(
        `UPDATE job SET done_at = $3, locked_by = NULL, locked_until = NULL, last_error = NULL
         WHERE id = $1 AND locked_by = $2 AND done_at IS NULL RETURNING id`,
        [job.id, nodeId, at(clock.now())],
      );
      return rows.length === 1;
    },

    /** Forgets jobs done more than `olderThanMs` ago (a failed one stays, for someone to read). */
    async purgeDone(olderThanMs: number): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        `WITH gone AS (DELETE FROM job WHERE done_at < $1 RETURNING 1)
         SELECT count(*)::int8 AS n FROM gone`,
        [at(clock.now() - olderThanMs)],
      );
      return rows[0]?.n ?? 0;
    },

    /** Not yet: released, due at `runAt`, and this claim not counted as an attempt. */
    async defer(job: Job, nodeId: string, runAt: number): Promise<void> {
      await db.query(
        `UPDATE job SET locked_by = NULL, locked_until = NULL, run_at = $3,
           attempts = greatest(attempts - 1, 0)
         WHERE id = $1 AND locked_by = $2 AND done_at IS NULL`,
        [job.id, nodeId, at(runAt)],
      );
    },

    /** Failed: released, to be tried again after a delay while it has attempts left. */
    async fail(job: Job, nodeId: string, message: string): Promise<void> {
      const now = clock.now();
      await db.query(
        `UPDATE job SET locked_by = NULL, locked_until = NULL, last_error = $3, run_at = $4
         WHERE id = $1 AND locked_by = $2 AND done_at IS NULL`,
        [job.id, nodeId, message.slice(0, 500), at(now + retryDelayMs(job.attempts))],
      );
    },
  };
}

export type JobQueue = ReturnType<typeof jobQueue>;

export interface WorkerOptions {
  /** This node's name in `locked_by`: unique per process. */
  nodeId: string;
  handlers: Readonly<Record<string, (job: Job) => Promise<void>>>;
  schedules?: readonly Schedule[];
  /** How long a claim holds (default 5 minutes). */
  leaseMs?: number;
  /** Between passes when started (default 5 s). */
  pollMs?: number;
}

/**
 * A node's worker: each pass makes the current run of every schedule (once across nodes), then
 * claims and runs due jobs of the kinds it has handlers for until none is left. `runDue` is one
 * pass (tests call it); `start` repeats passes every `pollMs` until `stop`.
 */
export function jobWorker(queue: JobQueue, options: WorkerOptions) {
  const kinds = Object.keys(options.handlers);
  const leaseMs = options.leaseMs ?? 300_000;
  let timer: NodeJS.Timeout | null = null;
  let pass: Promise<unknown> | null = null;
  let stopped = false;

  async function runDue(): Promise<Job[]> {
    for (const schedule of options.schedules ?? []) await queue.ensureScheduled(schedule);
    const ran: Job[] = [];
    for (;;) {
      const job = await queue.claim(options.nodeId, kinds, leaseMs);
      if (!job) return ran;
      const handler = options.handlers[job.kind];
      try {
        if (!handler) throw new Error(`no handler for ${job.kind}`);
        await handler(job);
        if (!(await queue.complete(job, options.nodeId))) {
          log.warn(`job ${job.id} (${job.kind}) outlived its lease; another node may run it again`);
        }
        ran.push(job);
      } catch (error) {
        if (error instanceof JobDeferred) {
          await queue.defer(job, options.nodeId, error.runAt);
          continue;
        }
        // The message only: a job's payload never holds personal data, but an error might.
        const message = error instanceof Error ? error.message : String(error);
        log.warn(`job ${job.id} (${job.kind}) failed on attempt ${job.attempts}`);
        await queue.fail(job, options.nodeId, message);
      }
    }
  }

  const loop = () => {
    if (stopped) return;
    pass = runDue()
      .catch((error: unknown) => log.error('job pass failed', error))
      .finally(() => {
        pass = null;
        if (!stopped) {
          timer = setTimeout(loop, options.pollMs ?? 5_000);
          timer.unref();
        }
      });
  };

  return {
    runDue,
    start(): void {
      stopped = false;
      if (!timer && !pass) loop();
    },
    /** Stops polling and waits for the pass under way. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await pass;
    },
  };
}

export type JobWorker = ReturnType<typeof jobWorker>;
