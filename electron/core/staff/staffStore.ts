import type Database from 'better-sqlite3';
import type { StaffRole } from '../../../shared/domain';
import type { StaffMember } from '../../../shared/staff';
import { prepared } from '../db/statements';
import { hashPin, verifyPin } from './pin';
import { DomainError } from '../../../shared/result';
import { clearPinFailures, requirePinEntryOpen } from './pinGuard';

interface StaffRow {
  id: string;
  name: string;
  role: string;
  pin_hash: string | null;
  created_at: string;
  deactivated_at: string | null;
}

const toMember = (row: StaffRow): StaffMember => ({
  id: row.id,
  name: row.name,
  role: row.role === 'manager' ? 'manager' : 'cashier',
  active: row.deactivated_at === null,
  createdAt: row.created_at,
  deactivatedAt: row.deactivated_at,
});

export function insertStaff(
  db: Database.Database,
  staff: { id: string; name: string; role: StaffRole; pin: string | null; createdAt: string },
): void {
  prepared(
    db,
    'INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(staff.id, staff.name, staff.role, staff.pin ? hashPin(staff.pin) : null, staff.createdAt);
}

export function listStaff(db: Database.Database, includeDeactivated: boolean): StaffMember[] {
  const rows = prepared(
    db,
    `SELECT id, name, role, pin_hash, created_at, deactivated_at FROM staff
     WHERE ? OR deactivated_at IS NULL
     ORDER BY deactivated_at IS NOT NULL, name COLLATE NOCASE, created_at`,
  ).all(includeDeactivated ? 1 : 0) as StaffRow[];
  return rows.map(toMember);
}

export function staffById(db: Database.Database, staffId: string): StaffMember | null {
  const row = prepared(
    db,
    'SELECT id, name, role, pin_hash, created_at, deactivated_at FROM staff WHERE id = ?',
  ).get(staffId) as StaffRow | undefined;
  return row ? toMember(row) : null;
}

export function requireActiveStaff(db: Database.Database, staffId: string): StaffMember {
  const staff = staffById(db, staffId);
  if (!staff || !staff.active)
    throw new DomainError('staff_not_found', 'No active staff member has that id.', {
      field: 'staffId',
    });
  return staff;
}

function activeWithPins(db: Database.Database): StaffRow[] {
  return prepared(
    db,
    `SELECT id, name, role, pin_hash, created_at, deactivated_at FROM staff
     WHERE deactivated_at IS NULL AND pin_hash IS NOT NULL ORDER BY created_at`,
  ).all() as StaffRow[];
}

/**
 * The active staff member whose PIN this is. Each hash is salted, so every candidate is checked
 * (scrypt, tens of ms each); naming the person first checks only theirs.
 */
export function staffByPin(
  db: Database.Database,
  pin: string,
  only?: string | undefined,
): StaffMember | null {
  const rows = activeWithPins(db).filter((row) => only === undefined || row.id === only);
  const row = rows.find((r) => r.pin_hash !== null && verifyPin(pin, r.pin_hash));
  return row ? toMember(row) : null;
}

/** A PIN identifies its owner on this terminal, so no two active staff may share one. */
export function requirePinFree(db: Database.Database, pin: string, exceptId: string | null): void {
  const owner = staffByPin(db, pin);
  if (owner && owner.id !== exceptId) {
    throw new DomainError('pin_taken', 'Another staff member already uses that PIN.', {
      field: 'pin',
    });
  }
}

export function updatePin(db: Database.Database, staffId: string, pin: string, at: string): void {
  prepared(db, 'UPDATE staff SET pin_hash = ?, pin_changed_at = ? WHERE id = ?').run(
    hashPin(pin),
    at,
    staffId,
  );
}

export function deactivateStaff(
  db: Database.Database,
  staffId: string,
  by: string,
  at: string,
): void {
  prepared(
    db,
    'UPDATE staff SET deactivated_at = ?, deactivated_by = ? WHERE id = ? AND deactivated_at IS NULL',
  ).run(at, by, staffId);
}

export function activeManagerCount(db: Database.Database): number {
  return (
    prepared(
      db,
      "SELECT count(*) AS n FROM staff WHERE role = 'manager' AND deactivated_at IS NULL",
    ).get() as { n: number }
  ).n;
}

/** The active manager whose PIN this is, or null. */
export function managerByPin(db: Database.Database, pin: string): string | null {
  const rows = activeWithPins(db).filter((row) => row.role === 'manager');
  return rows.find((row) => row.pin_hash !== null && verifyPin(pin, row.pin_hash))?.id ?? null;
}

/**
 * The approving manager's id, or a wrong_pin refusal. Refused outright while PIN entry is locked
 * after too many wrong PINs; the dispatcher counts each wrong one (see pinGuard). `now` is the
 * core's clock (ctx.now()) and has no default: the wall clock here would let a test or a
 * simulated clock see a lockout that the rest of the core does not.
 */
export function requireManagerPin(db: Database.Database, pin: string, now: number): string {
  const approved = approvedThisCall.get(db);
  if (approved && approved.pin === pin) return approved.managerId;
  requirePinEntryOpen(db, now);
  const managerId = managerByPin(db, pin);
  if (!managerId)
    throw new DomainError('wrong_pin', 'That is not a manager PIN.', { field: 'managerPin' });
  clearPinFailures(db);
  return managerId;
}

/**
 * The manager PIN the dispatcher verified for the operation running now: a PIN hash is slow on
 * purpose, so the handler that asks again gets the answer without a second hash. Set by
 * approveWithPin, cleared by forgetApproval when the operation ends (dispatch does both).
 */
const approvedThisCall = new WeakMap<Database.Database, { pin: string; managerId: string }>();

export function approveWithPin(db: Database.Database, pin: string, now: number): string {
  const managerId = requireManagerPin(db, pin, now);
  approvedThisCall.set(db, { pin, managerId });
  return managerId;
}

export function forgetApproval(db: Database.Database): void {
  approvedThisCall.delete(db);
}
