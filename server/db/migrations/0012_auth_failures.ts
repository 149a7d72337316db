import type { Migration } from '../migration';

/**
 * Failed authentication, counted in the database so every head-office node on one PostgreSQL
 * sees the same counts (server/admin/authFailures.ts): a guesser spread over several nodes is
 * limited as if there were one.
 *
 * - auth_failure: one row per thing that failed to authenticate, by key: an address
 *   ("address:…"), a presented credential ("credential:" and its SHA-256, never the credential)
 *   or a sign-in name ("sign-in:" and the SHA-256 of the name in lower case, known or not).
 *   `failures` counts within the window that began at `window_started_at`; `locked_until` is
 *   when the key may try again.
 * - admin_user's own counters go: a sign-in name is paused through auth_failure whether or not
 *   anyone has that name, so the pause says nothing about who exists.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'failed authentication counted across nodes',
  up: `
    CREATE TABLE auth_failure (
      key text PRIMARY KEY,
      failures integer NOT NULL CHECK (failures > 0),
      window_started_at timestamptz NOT NULL,
      last_failed_at timestamptz NOT NULL,
      locked_until timestamptz
    );
    CREATE INDEX auth_failure_last_failed ON auth_failure (last_failed_at);

    ALTER TABLE admin_user DROP COLUMN failed_sign_ins, DROP COLUMN locked_until;
  `,
};
