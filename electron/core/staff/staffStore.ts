import type Database from 'better-sqlite3-multiple-ciphers';
import type { StaffRole } from '../../../shared/domain';
import type { StaffMember } from '../../../shared/staff';
import { prepared } from '../db/statements';
import { pinTagFor, verifyLegacyPin } from './pin';
import { DomainError } from '../../../shared/result';
import { clearPinFailures, requirePinEntryOpen } from './pinGuard';

interface StaffRow {
  id: string;
  name: string;
  role: string;
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
    'INSERT INTO staff (id, name, role, pin_tag, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(
    staff.id,
    staff.name,
    staff.role,
    staff.pin ? pinTagFor(db, staff.pin) : null,
    staff.createdAt,
  );
}

export function listStaff(db: Database.Database, includeDeactivated: boolean): StaffMember[] {
  const rows = prepared(
    db,
    `SELECT id, name, role, created_at, deactivated_at FROM staff
     WHERE ? OR deactivated_at IS NULL
     ORDER BY deactivated_at IS NOT NULL, name COLLATE NOCASE, created_at`,
  ).all(includeDeactivated ? 1 : 0) as StaffRow[];
  return rows.map(toMember);
}

export function staffById(db: Database.Database, staffId: string): StaffMember | null {
  const row = prepared(
    db,
    'SELECT id, name, role, created_at, deactivated_at FROM staff WHERE id = ?',
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

/**
 * The active staff member whose PIN this is: one probe of the tag index. Only a ledger still
 * holding scrypt hashes from before the pepper (migration 11) checks those, when no tag matched;
 * the match's hash becomes a tag, so each person costs the slow check once.
 */
export function staffByPin(
  db: Database.Database,
  pin: string,
  only?: string | undefined,
): StaffMember | null {
  const tag = pinTagFor(db, pin);
  const row =
    (prepared(
      db,
      `SELECT id, name, role, created_at, deactivated_at FROM staff
       WHERE pin_tag = ? AND deactivated_at IS NULL`,
    ).get(tag) as StaffRow | undefined) ?? legacyPinOwner(db, pin, tag);
  if (!row || (only !== undefined && row.id !== only)) return null;
  return toMember(row);
}

function legacyPinOwner(db: Database.Database, pin: string, tag: string): StaffRow | undefined {
  const legacy = prepared(
    db,
    `SELECT id, name, role, created_at, deactivated_at, pin_hash FROM staff
     WHERE pin_tag IS NULL AND pin_hash IS NOT NULL AND deactivated_at IS NULL ORDER BY created_at`,
  ).all() as (StaffRow & { pin_hash: string })[];
  const owner = legacy.find((row) => verifyLegacyPin(pin, row.pin_hash));
  if (!owner) return undefined;
  prepared(db, 'UPDATE staff SET pin_tag = ?, pin_hash = NULL WHERE id = ?').run(tag, owner.id);
  return owner;
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
  prepared(
    db,
    'UPDATE staff SET pin_tag = ?, pin_hash = NULL, pin_changed_at = ? WHERE id = ?',
  ).run(pinTagFor(db, pin), at, staffId);
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
  const staff = staffByPin(db, pin);
  return staff?.role === 'manager' ? staff.id : null;
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
 * The manager PIN the dispatcher verified for the operation running now: the handler that asks
 * again gets the same answer without a second lookup, and a wrong PIN is counted once. Set by
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
