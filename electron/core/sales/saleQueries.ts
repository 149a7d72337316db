import type Database from 'better-sqlite3';
import type { Currency } from '../../../shared/money';
import type { Receipt, Sale, SaleKind, SaleLine, TerminalInfo } from '../../../shared/domain';
import { prepared } from '../db/statements';
import { memberSummaryById } from '../members/memberQueries';

interface SaleRow {
  id: string;
  number: string;
  kind: SaleKind;
  refund_of: string | null;
  refunded_by: string | null;
  member_id: string | null;
  currency: string;
  total_minor: number;
  points_redeemed: number;
  redeem_value_minor: number;
  paid_minor: number;
  points_earned: number;
  balance_after: number | null;
  reason: string | null;
  created_at: string;
  staff_name: string;
}

const saleSelect = `
  SELECT s.*, st.name AS staff_name,
         (SELECT r.id FROM sale r WHERE r.refund_of = s.id) AS refunded_by
  FROM sale s JOIN staff st ON st.id = s.staff_id`;

function linesOf(db: Database.Database, saleId: string): SaleLine[] {
  const rows = prepared(
    db,
    `SELECT line_no, description, quantity, unit_price_minor, amount_minor
     FROM sale_line WHERE sale_id = ? ORDER BY line_no`,
  ).all(saleId) as {
    line_no: number;
    description: string;
    quantity: number;
    unit_price_minor: number;
    amount_minor: number;
  }[];
  return rows.map((row) => ({
    lineNo: row.line_no,
    description: row.description,
    quantity: row.quantity,
    unitPriceMinor: row.unit_price_minor,
    amountMinor: row.amount_minor,
  }));
}

function toSale(db: Database.Database, row: SaleRow, withLines: boolean): Sale {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    refundOfSaleId: row.refund_of,
    refundedBySaleId: row.refunded_by,
    currency: row.currency as Currency,
    totalMinor: row.total_minor,
    pointsRedeemed: row.points_redeemed,
    redeemValueMinor: row.redeem_value_minor,
    paidMinor: row.paid_minor,
    pointsEarned: row.points_earned,
    member: row.member_id ? memberSummaryById(db, row.member_id) : null,
    cashierName: row.staff_name,
    createdAt: row.created_at,
    lines: withLines ? linesOf(db, row.id) : [],
    reason: row.reason,
  };
}

export function saleById(db: Database.Database, id: string): Sale | null {
  const row = prepared(db, `${saleSelect} WHERE s.id = ?`).get(id) as SaleRow | undefined;
  return row ? toSale(db, row, true) : null;
}

export function receiptFor(
  db: Database.Database,
  terminal: TerminalInfo,
  id: string,
): Receipt | null {
  const row = prepared(db, `${saleSelect} WHERE s.id = ?`).get(id) as SaleRow | undefined;
  if (!row) return null;
  return {
    sale: toSale(db, row, true),
    storeName: terminal.storeName,
    terminalName: terminal.terminalName,
    balanceAfter: row.balance_after,
  };
}

/**
 * Newest first. `query` is a sale number as printed ("42791-000003"), or just its sequence
 * ("3", "000003") for a sale rung up on this terminal; both are exact lookups on the unique index.
 */
export function recentSales(
  db: Database.Database,
  terminalNumber: number,
  query: string | undefined,
  limit: number,
): Sale[] {
  if (!query) {
    const rows = prepared(db, `${saleSelect} ORDER BY s.sale_no DESC LIMIT ?`).all(
      limit,
    ) as SaleRow[];
    return rows.map((row) => toSale(db, row, false));
  }
  const trimmed = query.trim();
  const number = /^\d{1,6}$/.test(trimmed)
    ? `${terminalNumber}-${trimmed.padStart(6, '0')}`
    : trimmed;
  const row = prepared(db, `${saleSelect} WHERE s.number = ?`).get(number) as SaleRow | undefined;
  return row ? [toSale(db, row, false)] : [];
}
