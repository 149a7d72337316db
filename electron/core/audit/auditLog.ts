import type Database from 'better-sqlite3-multiple-ciphers';
import { uuidv7 } from '../../../shared/ids';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';

/** Append-only record of who did what, when, on which terminal, with before and after. */
export function audit(
  db: Database.Database,
  stamp: Stamp,
  entry: {
    action: string;
    subjectType: string;
    subjectId: string;
    approvedBy: string | null;
    before: unknown;
    after: unknown;
    reason: string | null;
  },
): void {
  prepared(
    db,
    `INSERT INTO audit_log (id, action, subject_type, subject_id, staff_id, approved_by,
       terminal_id, before, after, reason, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    uuidv7(),
    entry.action,
    entry.subjectType,
    entry.subjectId,
    stamp.staffId,
    entry.approvedBy,
    stamp.terminalId,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
    entry.reason,
    stamp.createdAt,
    stamp.hlc,
  );
}
