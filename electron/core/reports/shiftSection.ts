import type Database from 'better-sqlite3';
import type { ShiftSection } from '../../../shared/reports/report';

/**
 * The cash drawer section of the X report: the shift open on this terminal. Null until the
 * terminal has shifts; the X report then covers the business day so far.
 */
export function currentShiftSection(db: Database.Database): ShiftSection | null {
  void db;
  return null;
}
