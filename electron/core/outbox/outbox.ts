import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/statements';
import { uuidv7 } from '../../../shared/ids';
import type { Stamp } from '../context';
import type { OperationInput, OperationType } from '../../../shared/sync/operations';

/**
 * Appends one operation with the next gapless sequence number; returns that number. What head
 * office must learn is recorded in the same transaction as the change itself, typed by the one
 * list of operations (shared/sync/operations.ts) that head office parses with.
 */
export function appendOutbox<K extends OperationType>(
  db: Database.Database,
  stamp: Stamp,
  opType: K,
  payload: OperationInput<K>,
): number {
  const row = prepared(
    db,
    `INSERT INTO outbox (seq, op_id, op_type, payload, terminal_id, staff_id, hlc, created_at)
     VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM outbox), ?, ?, ?, ?, ?, ?, ?)
     RETURNING seq`,
  ).get(
    uuidv7(),
    opType,
    JSON.stringify(payload),
    stamp.terminalId,
    stamp.staffId,
    stamp.hlc,
    stamp.createdAt,
  ) as { seq: number };
  return row.seq;
}

export function countPending(db: Database.Database): number {
  const row = prepared(db, 'SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as {
    n: number;
  };
  return row.n;
}
