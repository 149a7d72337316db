import type Database from 'better-sqlite3-multiple-ciphers';
import type { StreamName } from '../../../shared/sync/protocol';
import { prepared } from '../db/statements';
import type { SyncErrorCode } from '../../../shared/domain';

export interface SyncStateRow {
  server_url: string | null;
  enrolled_at: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_code: SyncErrorCode | null;
  last_error_at: string | null;
  high_water_mark: number;
  server_offset_ms: number;
  catch_up_total: number;
  offline_policy: string | null;
  config_version: number;
  remote_terminal_id: string | null;
  remote_store_id: string | null;
}

export function readSyncState(db: Database.Database): SyncStateRow {
  return prepared(db, 'SELECT * FROM sync_state WHERE id = 1').get() as SyncStateRow;
}

export function recordAttempt(db: Database.Database, at: string): void {
  prepared(db, 'UPDATE sync_state SET last_attempt_at = ? WHERE id = 1').run(at);
}

export function recordSuccess(db: Database.Database, at: string, serverOffsetMs: number): void {
  prepared(
    db,
    `UPDATE sync_state SET last_success_at = ?, last_error = NULL, last_error_at = NULL,
       last_error_code = NULL, server_offset_ms = ? WHERE id = 1`,
  ).run(at, serverOffsetMs);
}

export function recordError(
  db: Database.Database,
  at: string,
  message: string,
  code: SyncErrorCode,
): void {
  prepared(
    db,
    'UPDATE sync_state SET last_error = ?, last_error_code = ?, last_error_at = ? WHERE id = 1',
  ).run(message.slice(0, 500), code, at);
}

export function readCursor(db: Database.Database, stream: StreamName): number {
  const row = prepared(db, 'SELECT cursor FROM sync_cursor WHERE stream = ?').get(stream) as
    { cursor: number } | undefined;
  return row?.cursor ?? 0;
}

export function writeCursor(db: Database.Database, stream: StreamName, cursor: number): void {
  prepared(
    db,
    `INSERT INTO sync_cursor (stream, cursor) VALUES (?, ?)
     ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor`,
  ).run(stream, cursor);
}
