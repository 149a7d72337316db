import type Database from 'better-sqlite3';
import type { PointsEntry, PointsEntryKind } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import { prepared } from '../db/statements';
import { addToBalance } from '../members/memberMutations';
import type { Stamp } from '../context';

export interface NewPointsEntry {
  memberId: string;
  kind: PointsEntryKind;
  points: number;
  saleId: string | null;
  reversesId: string | null;
}

export interface WrittenEntry extends NewPointsEntry {
  id: string;
}

/**
 * The only way points move: append an entry and move the cached balance with it, in the
 * caller's transaction. Returns the entry and the balance after it.
 */
export function appendPointsEntry(
  db: Database.Database,
  stamp: Stamp,
  entry: NewPointsEntry,
): { entry: WrittenEntry; balance: number } {
  const id = uuidv7();
  prepared(
    db,
    `INSERT INTO points_entry (id, member_id, kind, points, sale_id, reverses_id, terminal_id,
       staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    entry.memberId,
    entry.kind,
    entry.points,
    entry.saleId,
    entry.reversesId,
    stamp.terminalId,
    stamp.staffId,
    stamp.createdAt,
    stamp.hlc,
  );
  const balance = addToBalance(db, entry.memberId, entry.points);
  return { entry: { ...entry, id }, balance };
}

interface EntryRow {
  id: string;
  member_id: string;
  kind: PointsEntryKind;
  points: number;
  sale_id: string | null;
  reverses_id: string | null;
}

export function entriesForSale(db: Database.Database, saleId: string): WrittenEntry[] {
  const rows = prepared(
    db,
    'SELECT id, member_id, kind, points, sale_id, reverses_id FROM points_entry WHERE sale_id = ? ORDER BY entry_no',
  ).all(saleId) as EntryRow[];
  return rows.map((row) => ({
    id: row.id,
    memberId: row.member_id,
    kind: row.kind,
    points: row.points,
    saleId: row.sale_id,
    reversesId: row.reverses_id,
  }));
}

/** Sum of a member's entries: what the cached balance must always equal. */
export function ledgerBalance(db: Database.Database, memberId: string): number {
  const row = prepared(
    db,
    'SELECT coalesce(sum(points), 0) AS total FROM points_entry WHERE member_id = ?',
  ).get(memberId) as { total: number };
  return row.total;
}

export function memberHistory(
  db: Database.Database,
  memberId: string,
  limit: number,
): PointsEntry[] {
  const rows = prepared(
    db,
    `SELECT e.id, e.kind, e.points, e.sale_id, e.reverses_id, e.created_at,
            s.number AS sale_number, st.name AS staff_name
     FROM points_entry e
     LEFT JOIN sale s ON s.id = e.sale_id
     JOIN staff st ON st.id = e.staff_id
     WHERE e.member_id = ?
     ORDER BY e.entry_no DESC
     LIMIT ?`,
  ).all(memberId, limit) as (EntryRow & {
    created_at: string;
    sale_number: string | null;
    staff_name: string;
  })[];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    points: row.points,
    saleId: row.sale_id,
    saleNumber: row.sale_number,
    reversesEntryId: row.reverses_id,
    createdAt: row.created_at,
    staffName: row.staff_name,
  }));
}
