import type Database from 'better-sqlite3';
import type { StaffRole } from '../../../shared/domain';
import { prepared } from '../db/statements';
import { hashPin, verifyPin } from './pin';
import { DomainError } from '../../../shared/result';

export function insertStaff(
  db: Database.Database,
  staff: { id: string; name: string; role: StaffRole; pin: string | null; createdAt: string },
): void {
  prepared(
    db,
    'INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(staff.id, staff.name, staff.role, staff.pin ? hashPin(staff.pin) : null, staff.createdAt);
}

/** The manager whose PIN this is, or null. */
export function managerByPin(db: Database.Database, pin: string): string | null {
  const rows = prepared(
    db,
    "SELECT id, pin_hash FROM staff WHERE role = 'manager' AND pin_hash IS NOT NULL",
  ).all() as { id: string; pin_hash: string }[];
  return rows.find((row) => verifyPin(pin, row.pin_hash))?.id ?? null;
}

/** The approving manager's id, or a wrong_pin refusal. */
export function requireManagerPin(db: Database.Database, pin: string): string {
  const managerId = managerByPin(db, pin);
  if (!managerId)
    throw new DomainError('wrong_pin', 'That is not a manager PIN.', { field: 'managerPin' });
  return managerId;
}
