import type Database from 'better-sqlite3-multiple-ciphers';
import type { PushResponse, SyncOperation } from '../../../shared/sync/protocol';
import { prepared } from '../db/statements';
import { readSyncState } from './syncStore';

interface OutboxRow {
  seq: number;
  op_id: string;
  op_type: string;
  payload: string;
  staff_id: string;
  hlc: string;
  created_at: string;
}

/** The next operations head office has not acknowledged, in seq order. */
export function nextPushBatch(db: Database.Database, limit: number): SyncOperation[] {
  const { high_water_mark: hwm } = readSyncState(db);
  const rows = prepared(
    db,
    `SELECT seq, op_id, op_type, payload, staff_id, hlc, created_at FROM outbox
     WHERE seq > ? ORDER BY seq LIMIT ?`,
  ).all(hwm, limit) as OutboxRow[];
  return rows.map((row) => ({
    seq: row.seq,
    opId: row.op_id,
    type: row.op_type,
    hlc: row.hlc,
    createdAt: row.created_at,
    staffId: row.staff_id,
    payload: JSON.parse(row.payload) as unknown,
  }));
}

/**
 * Operations not yet acknowledged by head office. The outbox's seqs run from 1 without a gap and
 * rows are never deleted (its triggers refuse both), so this is the last seq less the mark: no
 * counting through a week's backlog on the event loop the sale path shares.
 */
export function pendingCount(db: Database.Database): number {
  return Math.max(0, lastOutboxSeq(db) - readSyncState(db).high_water_mark);
}

/** The outbox's last seq (0 when empty): what a push run has to reach. */
export function lastOutboxSeq(db: Database.Database): number {
  const row = prepared(db, 'SELECT coalesce(max(seq), 0) AS n FROM outbox').get() as { n: number };
  return row.n;
}

/**
 * Applies head office's answer in one transaction: the high-water mark it reports becomes ours
 * (it is the authority on what it holds, even after a restore), acknowledged rows are stamped,
 * and every compensation is kept for the manager to see.
 */
export function applyPushResponse(
  db: Database.Database,
  response: PushResponse,
  nowIso: string,
): void {
  db.transaction(() => {
    const hwm =
      response.gapExpectedSeq !== null
        ? Math.min(response.highWaterMark, response.gapExpectedSeq - 1)
        : response.highWaterMark;
    prepared(db, 'UPDATE sync_state SET high_water_mark = ? WHERE id = 1').run(hwm);
    prepared(db, 'UPDATE outbox SET acked_at = ? WHERE seq <= ? AND acked_at IS NULL').run(
      nowIso,
      hwm,
    );
    const keep = prepared(
      db,
      `INSERT INTO sync_compensation (seq, kind, message, exception_id, received_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING`,
    );
    for (const outcome of response.outcomes) {
      if (outcome.compensation && outcome.seq <= hwm) {
        keep.run(
          outcome.seq,
          outcome.compensation.kind,
          outcome.compensation.message,
          outcome.compensation.exceptionId,
          nowIso,
        );
      }
    }
  })();
}
