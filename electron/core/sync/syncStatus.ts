import type Database from 'better-sqlite3-multiple-ciphers';
import type { ConnectionStatus } from '../../../shared/domain';
import type { CoreContext } from '../context';
import { prepared } from '../db/statements';
import { pendingCount } from './pushOutbox';
import { readSyncState } from './syncStore';
import { readProgramWithVersion } from '../program/programStore';

/** Beyond this the terminal's clock is not trusted with offline redemption. */
export const MAX_CLOCK_OFFSET_MS = 5 * 60_000;

export function connectionStatus(ctx: CoreContext): ConnectionStatus {
  const state = readSyncState(ctx.db);
  const pending = pendingCount(ctx.db);
  return {
    online: ctx.connectivity.online,
    pendingChanges: pending,
    enrolled: state.enrolled_at !== null,
    serverUrl: state.server_url,
    lastSuccessAt: state.last_success_at,
    lastError: state.last_error,
    lastErrorCode: state.last_error_code,
    lastErrorAt: state.last_error_at,
    catchUpProgress:
      pending > 0 && state.catch_up_total > pending
        ? Math.max(0, Math.min(1, 1 - pending / state.catch_up_total))
        : null,
    clockOffsetMs: state.server_offset_ms,
    clockWarning: Math.abs(state.server_offset_ms) > MAX_CLOCK_OFFSET_MS,
    programVersion: readProgramWithVersion(ctx.db).version,
    refusedChanges: (
      prepared(
        ctx.db,
        "SELECT count(*) AS n FROM sync_compensation WHERE kind = 'rejected'",
      ).get() as {
        n: number;
      }
    ).n,
  };
}

export function setCatchUpTotal(db: Database.Database, total: number): void {
  db.prepare('UPDATE sync_state SET catch_up_total = ? WHERE id = 1').run(total);
}
