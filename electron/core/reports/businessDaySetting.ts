import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';
import { audit } from '../audit/auditLog';

/** The store's day boundary in minutes after local midnight (0 until a manager sets it). */
export function readDayBoundary(db: Database.Database): number {
  const row = prepared(
    db,
    'SELECT boundary_minutes FROM business_day_setting WHERE id = 1',
  ).get() as { boundary_minutes: number } | undefined;
  return row?.boundary_minutes ?? 0;
}

/** Changes the boundary inside the caller's transaction, with the manager who approved it audited. */
export function writeDayBoundary(
  db: Database.Database,
  stamp: Stamp,
  minutes: number,
  managerId: string,
): void {
  const before = readDayBoundary(db);
  prepared(
    db,
    'UPDATE business_day_setting SET boundary_minutes = ?, updated_at = ?, updated_by = ? WHERE id = 1',
  ).run(minutes, stamp.createdAt, managerId);
  audit(db, stamp, {
    action: 'business_day.boundary',
    subjectType: 'store',
    subjectId: stamp.storeId,
    approvedBy: managerId,
    before: { boundaryMinutes: before },
    after: { boundaryMinutes: minutes },
    reason: null,
  });
}
