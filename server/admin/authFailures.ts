import type { Database } from '../db/database';
import type { ServiceClock } from '../platform/clock';
import { hashSecret } from '../platform/secrets';

/**
 * Failed authentication, counted in PostgreSQL (table auth_failure, migration 0012) so that
 * every head-office node on one database sees the same counts: a guesser spread over several
 * nodes is stopped as if there were one. Keys never hold a secret or a name in clear.
 */
export interface FailureLimit {
  /** Failures a key may have within one window; the next is refused, and so on to the window's end. */
  max: number;
  windowMs: number;
}

/** Made-up admin tokens, terminal credentials and session cookies: per address and per credential. */
export const DEFAULT_AUTH_FAILURE_LIMITS = {
  address: { max: 30, windowMs: 60_000 },
  credential: { max: 10, windowMs: 60_000 },
} satisfies Record<string, FailureLimit>;

/** Rows untouched this long are forgotten (a sign-in name's "in a row" ends after a quiet day). */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

export const addressKey = (address: string) => `address:${address}`;
export const credentialKey = (credential: string) => `credential:${hashSecret(credential)}`;
/** A sign-in name, known or not, compared without case. */
export const signInNameKey = (name: string) => `sign-in:${hashSecret(name.trim().toLowerCase())}`;

export function authFailuresService(db: Database, clock: ServiceClock) {
  /**
   * Counts one failure against each key and pauses a key when `pauseFor(failures)` says so
   * (milliseconds from now; 0 for no pause). Counted in SQL: failures at once on two nodes
   * both count. Returns each key's failures in its window.
   */
  async function recordFailure(
    keys: readonly string[],
    windowMs: number,
    pauseFor: (failures: number, windowStartedAt: number) => number,
  ): Promise<number[]> {
    const now = clock.now();
    const at = new Date(now).toISOString();
    return db.transaction(async (tx) => {
      const counts: number[] = [];
      // In one order on every node: two transactions never wait on each other's rows.
      for (const key of [...new Set(keys)].sort()) {
        const { rows } = await tx.query<{ failures: number; window_started_at: Date }>(
          `INSERT INTO auth_failure AS f (key, failures, window_started_at, last_failed_at)
           VALUES ($1, 1, $2, $2)
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN f.window_started_at <= $3 THEN 1 ELSE f.failures + 1 END,
             window_started_at = CASE WHEN f.window_started_at <= $3 THEN $2
               ELSE f.window_started_at END,
             last_failed_at = $2
           RETURNING failures, window_started_at`,
          [key, at, new Date(now - windowMs).toISOString()],
        );
        const failures = rows[0]?.failures ?? 1;
        const pause = pauseFor(failures, rows[0]?.window_started_at.getTime() ?? now);
        if (pause > 0) {
          await tx.query('UPDATE auth_failure SET locked_until = $2 WHERE key = $1', [
            key,
            new Date(now + pause).toISOString(),
          ]);
        }
        counts.push(failures);
      }
      await tx.query(
        `DELETE FROM auth_failure WHERE last_failed_at < $1
           AND (locked_until IS NULL OR locked_until < $2)`,
        [new Date(now - Math.max(FORGET_AFTER_MS, windowMs)).toISOString(), at],
      );
      return counts;
    });
  }

  return {
    recordFailure,

    /** Seconds until every one of `keys` may try again (0: they may now). */
    async retryAfterSeconds(keys: readonly string[]): Promise<number> {
      if (keys.length === 0) return 0;
      const now = clock.now();
      const { rows } = await db.query<{ until: Date | null }>(
        'SELECT max(locked_until) AS until FROM auth_failure WHERE key = ANY($1) AND locked_until > $2',
        [[...keys], new Date(now).toISOString()],
      );
      const until = rows[0]?.until;
      return until ? Math.max(1, Math.ceil((until.getTime() - now) / 1000)) : 0;
    },

    /**
     * One failure against keys under a fixed-window limit: past `max` in a window, the key is
     * refused until the window ends.
     */
    async recordLimited(keys: readonly string[], limit: FailureLimit): Promise<void> {
      await recordFailure(keys, limit.windowMs, (failures, windowStartedAt) =>
        failures > limit.max ? windowStartedAt + limit.windowMs - clock.now() : 0,
      );
    },

    async clear(key: string): Promise<void> {
      await db.query('DELETE FROM auth_failure WHERE key = $1', [key]);
    },

    /** When each key is paused until, for those paused now. */
    async pausedUntil(keys: readonly string[]): Promise<Map<string, Date>> {
      if (keys.length === 0) return new Map();
      const { rows } = await db.query<{ key: string; locked_until: Date }>(
        'SELECT key, locked_until FROM auth_failure WHERE key = ANY($1) AND locked_until > $2',
        [[...keys], new Date(clock.now()).toISOString()],
      );
      return new Map(rows.map((row) => [row.key, row.locked_until]));
    },
  };
}

export type AuthFailures = ReturnType<typeof authFailuresService>;
