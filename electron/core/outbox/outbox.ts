import type Database from 'better-sqlite3';
import { prepared } from '../db/statements';
import { uuidv7 } from '../../../shared/ids';
import type { Stamp } from '../context';

/** What head office must learn, recorded in the same transaction as the change itself. */
export type OutboxOpType =
  | 'member.enrolled'
  | 'member.updated'
  | 'member.tierChanged'
  | 'sale.recorded'
  | 'sale.refunded'
  | 'coupon.issued'
  | 'points.adjusted'
  | 'points.expired'
  | 'program.updated'
  | 'terminal.configured'
  | 'shift.opened'
  | 'shift.closed';

/** Appends one operation with the next gapless sequence number; returns that number. */
export function appendOutbox(
  db: Database.Database,
  stamp: Stamp,
  opType: OutboxOpType,
  payload: unknown,
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
