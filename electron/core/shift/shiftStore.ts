import type Database from 'better-sqlite3-multiple-ciphers';
import type { Currency } from '../../../shared/money';
import type { MoneyTender, ShiftView } from '../../../shared/staff';
import { DomainError } from '../../../shared/result';
import { committedCache } from '../db/committedCache';
import { prepared } from '../db/statements';

export interface ShiftRow {
  id: string;
  store_id: string;
  terminal_id: string;
  currency: string;
  opened_by: string;
  opened_by_name: string;
  opened_at: string;
  float_minor: number;
  closed_by: string | null;
  closed_by_name: string | null;
  approved_by: string | null;
  closed_at: string | null;
  counted_minor: number | null;
  expected_minor: number | null;
  difference_minor: number | null;
  note: string | null;
}

const selectShift = `
  SELECT sh.*, o.name AS opened_by_name, c.name AS closed_by_name
  FROM shift sh JOIN staff o ON o.id = sh.opened_by LEFT JOIN staff c ON c.id = sh.closed_by`;

export function shiftView(row: ShiftRow): ShiftView {
  return {
    id: row.id,
    currency: row.currency as Currency,
    openedAt: row.opened_at,
    openedByName: row.opened_by_name,
    floatMinor: row.float_minor,
    closedAt: row.closed_at,
    closedByName: row.closed_by_name,
    countedMinor: row.counted_minor,
    expectedMinor: row.expected_minor,
    differenceMinor: row.difference_minor,
    note: row.note,
  };
}

/** The shift open on this terminal (the index allows one), or null. */
export function openShiftRow(db: Database.Database, terminalId: string): ShiftRow | null {
  return (
    (prepared(db, `${selectShift} WHERE sh.terminal_id = ? AND sh.closed_at IS NULL`).get(
      terminalId,
    ) as ShiftRow | undefined) ?? null
  );
}

export function shiftRowById(db: Database.Database, shiftId: string): ShiftRow | null {
  return (
    (prepared(db, `${selectShift} WHERE sh.id = ?`).get(shiftId) as ShiftRow | undefined) ?? null
  );
}

/**
 * The id of the shift open on this terminal, cached because every sale and refund is rung up in
 * it. Opening and closing a shift (insertShift, closeShiftRow) are the only writes that change
 * it; the cache only ever holds committed state.
 */
const openShift = committedCache<{ terminalId: string; shiftId: string } | null>();

export function openShiftId(db: Database.Database, terminalId: string): string | null {
  const load = () => {
    const row = openShiftRow(db, terminalId);
    return row ? { terminalId, shiftId: row.id } : null;
  };
  let open = openShift.get(db, load);
  if (open && open.terminalId !== terminalId) open = load();
  return open?.shiftId ?? null;
}

export function requireOpenShiftId(db: Database.Database, terminalId: string): string {
  const id = openShiftId(db, terminalId);
  if (!id) throw noShiftOpen();
  return id;
}

function noShiftOpen(): DomainError {
  return new DomainError(
    'shift_not_open',
    'No shift is open on this terminal: open one with the cash float first.',
  );
}

export function insertShift(
  db: Database.Database,
  shift: {
    id: string;
    storeId: string;
    terminalId: string;
    currency: string;
    openedBy: string;
    openedAt: string;
    floatMinor: number;
    hlc: string;
  },
): void {
  prepared(
    db,
    `INSERT INTO shift (id, store_id, terminal_id, currency, opened_by, opened_at, float_minor, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    shift.id,
    shift.storeId,
    shift.terminalId,
    shift.currency,
    shift.openedBy,
    shift.openedAt,
    shift.floatMinor,
    shift.hlc,
  );
  openShift.forget(db);
}

export function closeShiftRow(
  db: Database.Database,
  close: {
    id: string;
    closedBy: string;
    approvedBy: string | null;
    closedAt: string;
    countedMinor: number;
    expectedMinor: number;
    note: string | null;
  },
): void {
  prepared(
    db,
    `UPDATE shift SET closed_by = ?, approved_by = ?, closed_at = ?, counted_minor = ?,
       expected_minor = ?, difference_minor = ? - ?, note = ?
     WHERE id = ? AND closed_at IS NULL`,
  ).run(
    close.closedBy,
    close.approvedBy,
    close.closedAt,
    close.countedMinor,
    close.expectedMinor,
    close.countedMinor,
    close.expectedMinor,
    close.note,
    close.id,
  );
  openShift.forget(db);
}

export function insertShiftSale(
  db: Database.Database,
  saleId: string,
  shiftId: string,
  tender: MoneyTender,
  cashReceivedMinor: number | null,
): void {
  prepared(
    db,
    'INSERT INTO shift_sale (sale_id, shift_id, tender, cash_received_minor) VALUES (?, ?, ?, ?)',
  ).run(saleId, shiftId, tender, cashReceivedMinor);
}

export function tenderOfSale(db: Database.Database, saleId: string): MoneyTender | null {
  const row = prepared(db, 'SELECT tender FROM shift_sale WHERE sale_id = ?').get(saleId) as
    { tender: string } | undefined;
  if (!row) return null;
  return row.tender === 'card' ? 'card' : 'cash';
}
