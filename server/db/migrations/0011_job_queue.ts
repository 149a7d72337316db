import type { Migration } from '../migration';

/**
 * Head office's job queue (server/jobs/): scheduled and queued work that must run once across
 * every head-office node on this database, never on one node's timers.
 *
 * - `key` is unique: a scheduled job's run is named by its slot (`sessions.purge@2026-12-07T02:00:00.000Z`),
 *   so every node may enqueue the next run and only one row is made.
 * - A node claims a due job with `FOR UPDATE SKIP LOCKED` and takes a lease (`locked_by`,
 *   `locked_until`): no other node claims it while the lease runs, and a node that dies holding
 *   one leaves a job that is claimed again once the lease is over.
 * - A job that fails is tried again later (`run_at` moves on) until `max_attempts`; one that
 *   has used them up stays, with its last error, for someone to read.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'job queue',
  up: `
    CREATE TABLE job (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      key text NOT NULL UNIQUE,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      run_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
      locked_by text,
      locked_until timestamptz,
      last_error text,
      done_at timestamptz,
      created_at timestamptz NOT NULL,
      CHECK ((locked_by IS NULL) = (locked_until IS NULL))
    );
    -- What a node looks for: jobs not done, by when they are due.
    CREATE INDEX job_due ON job (run_at, id) WHERE done_at IS NULL;
  `,
};
