import type Database from 'better-sqlite3-multiple-ciphers';
import { uuidv7 } from '../../../shared/ids';
import { prepared } from '../db/statements';
import { forgetTerminal, updateCurrentStaff } from '../terminal/terminalStore';

type EndReason = 'signed_out' | 'switched' | 'deactivated';

/** The open session's staff id, or null while the terminal is locked. */
export function signedInStaffId(db: Database.Database): string | null {
  const row = prepared(db, 'SELECT staff_id FROM staff_session WHERE ended_at IS NULL').get() as
    { staff_id: string } | undefined;
  return row?.staff_id ?? null;
}

/** Ends the open session, if any. */
export function endSession(db: Database.Database, at: string, reason: EndReason): string | null {
  const row = prepared(
    db,
    'UPDATE staff_session SET ended_at = ?, end_reason = ? WHERE ended_at IS NULL RETURNING staff_id',
  ).get(at, reason) as { staff_id: string } | undefined;
  forgetTerminal(db);
  return row?.staff_id ?? null;
}

/** Opens a session for this staff member, ending whoever's was open (a cashier switch). */
export function startSession(
  db: Database.Database,
  staffId: string,
  terminalId: string,
  at: string,
): void {
  endSession(db, at, 'switched');
  prepared(
    db,
    'INSERT INTO staff_session (id, staff_id, terminal_id, signed_in_at) VALUES (?, ?, ?, ?)',
  ).run(uuidv7(Date.parse(at)), staffId, terminalId, at);
  updateCurrentStaff(db, staffId);
}
