import type Database from 'better-sqlite3-multiple-ciphers';
import type { PointsEntry, PointsEntryKind } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import {
  replayLots,
  summarisePoints,
  type LotEntry,
  type LotState,
  type PointsSummary,
} from '../../../shared/rules/pointsLots';
import { prepared } from '../db/statements';
import { addToBalance } from '../members/memberMutations';
import type { Stamp } from '../context';

export interface NewPointsEntry {
  /** Only a restore passes one: the id the entry was first written with (recovery/replaySale.ts). */
  id?: string;
  memberId: string;
  kind: PointsEntryKind;
  points: number;
  saleId: string | null;
  reversesId: string | null;
  lotId?: string | null;
  /** On a reverse_redeem: the lot the redemption spent these points from (see migration 9). */
  returnsLotId?: string | null;
  availableAt?: string | null;
  expiresAt?: string | null;
  reason?: string | null;
}

export interface WrittenEntry {
  id: string;
  memberId: string;
  kind: PointsEntryKind;
  points: number;
  saleId: string | null;
  reversesId: string | null;
  lotId: string | null;
  availableAt: string | null;
  expiresAt: string | null;
}

/**
 * The only way points move: append an entry and move the cached balance with it, in the
 * caller's transaction. Returns the entry and the ledger balance after it.
 */
export function appendPointsEntry(
  db: Database.Database,
  stamp: Stamp,
  entry: NewPointsEntry,
): { entry: WrittenEntry; balance: number } {
  const id = entry.id ?? uuidv7();
  const written: WrittenEntry = {
    id,
    memberId: entry.memberId,
    kind: entry.kind,
    points: entry.points,
    saleId: entry.saleId,
    reversesId: entry.reversesId,
    lotId: entry.lotId ?? null,
    availableAt: entry.availableAt ?? null,
    expiresAt: entry.expiresAt ?? null,
  };
  prepared(
    db,
    `INSERT INTO points_entry (id, member_id, kind, points, sale_id, reverses_id, lot_id,
       returns_lot_id, available_at, expires_at, reason, terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    written.memberId,
    written.kind,
    written.points,
    written.saleId,
    written.reversesId,
    written.lotId,
    entry.returnsLotId ?? null,
    written.availableAt,
    written.expiresAt,
    entry.reason ?? null,
    stamp.terminalId,
    stamp.staffId,
    stamp.createdAt,
    stamp.hlc,
  );
  const balance = addToBalance(db, entry.memberId, entry.points);
  return { entry: written, balance };
}

interface EntryRow {
  id: string;
  member_id: string;
  kind: PointsEntryKind;
  points: number;
  sale_id: string | null;
  reverses_id: string | null;
  lot_id: string | null;
  available_at: string | null;
  expires_at: string | null;
  created_at: string;
}

function toWritten(row: EntryRow): WrittenEntry {
  return {
    id: row.id,
    memberId: row.member_id,
    kind: row.kind,
    points: row.points,
    saleId: row.sale_id,
    reversesId: row.reverses_id,
    lotId: row.lot_id,
    availableAt: row.available_at,
    expiresAt: row.expires_at,
  };
}

export function entriesForSale(db: Database.Database, saleId: string): WrittenEntry[] {
  const rows = prepared(
    db,
    `SELECT id, member_id, kind, points, sale_id, reverses_id, lot_id, available_at, expires_at,
            created_at
     FROM points_entry WHERE sale_id = ? ORDER BY entry_no`,
  ).all(saleId) as EntryRow[];
  return rows.map(toWritten);
}

export function entriesReversing(
  db: Database.Database,
  entryId: string,
): (WrittenEntry & { returnsLotId: string | null })[] {
  const rows = prepared(
    db,
    `SELECT id, member_id, kind, points, sale_id, reverses_id, lot_id, returns_lot_id,
            available_at, expires_at, created_at
     FROM points_entry WHERE reverses_id = ? ORDER BY entry_no`,
  ).all(entryId) as (EntryRow & { returns_lot_id: string | null })[];
  return rows.map((row) => ({ ...toWritten(row), returnsLotId: row.returns_lot_id }));
}

/**
 * Points given back to other lots in place of `lotId`: returned redemptions of that lot's points
 * that went to the lots which had paid for its reversal, by the lot they went to.
 */
export function returnedInPlaceOf(db: Database.Database, lotId: string): Map<string, number> {
  const rows = prepared(
    db,
    `SELECT lot_id, sum(points) AS points FROM points_entry
     WHERE returns_lot_id = ? AND lot_id <> returns_lot_id GROUP BY lot_id`,
  ).all(lotId) as { lot_id: string; points: number }[];
  return new Map(rows.map((row) => [row.lot_id, row.points]));
}

/**
 * A member's whole ledger in order, as the lot replay needs it: only columns points_entry_member
 * carries, so this reads the index alone, not one table page per entry.
 */
export function memberLotEntries(db: Database.Database, memberId: string): LotEntry[] {
  const rows = prepared(
    db,
    `SELECT id, kind, points, reverses_id, lot_id, available_at, expires_at, created_at
     FROM points_entry WHERE member_id = ? ORDER BY entry_no`,
  ).all(memberId) as Omit<EntryRow, 'member_id' | 'sale_id'>[];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    points: row.points,
    createdAt: row.created_at,
    availableAt: row.available_at,
    expiresAt: row.expires_at,
    reversesId: row.reverses_id,
    lotId: row.lot_id,
  }));
}

export function memberPoints(
  db: Database.Database,
  memberId: string,
  nowIso: string,
): { state: LotState; summary: PointsSummary } {
  const state = replayLots(memberLotEntries(db, memberId));
  return { state, summary: summarisePoints(state, nowIso) };
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
    `SELECT e.id, e.kind, e.points, e.sale_id, e.reverses_id, e.created_at, e.available_at,
            e.expires_at, e.reason, s.number AS sale_number, st.name AS staff_name
     FROM points_entry e
     LEFT JOIN sale s ON s.id = e.sale_id
     JOIN staff st ON st.id = e.staff_id
     WHERE e.member_id = ?
     ORDER BY e.entry_no DESC
     LIMIT ?`,
  ).all(memberId, limit) as (EntryRow & {
    reason: string | null;
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
    availableAt: row.available_at,
    expiresAt: row.expires_at,
    reason: row.reason,
    staffName: row.staff_name,
  }));
}
