import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/statements';
import { giftCardsSoldSql } from '../../../shared/figures/figures';

/**
 * The report's reads: one grouped pass per ledger table over a time range, each through that
 * table's created-at index (migration 0005). Rows come back grouped by cashier and by minute
 * (UTC); the caller folds them into totals, cashiers and shop-time hours, so those three always
 * add up to the same figures.
 *
 * A slot is "DDTHH:MM" of the UTC stamp: a business day spans at most 25 hours, so the day of
 * the month tells the two calendar days apart, and a minute lies inside one hour of any shop's
 * clock. A short text key keeps the grouping cheap; it runs over every row of the day.
 */
const slot = (column: string) => `substr(${column}, 9, 8)`;

export interface SaleGroup {
  staff_id: string;
  slot: string;
  kind: 'sale' | 'refund';
  member: number;
  offline: number;
  n: number;
  discount: number;
  total: number;
  redeem_value: number;
  gift_card: number;
  shortfall: number;
  /** Gift-card value sold on these rows (shared/figures: not goods). */
  gift_cards_sold: number;
  /** The rows' tax (rules/tax.ts), by the mode each was rung up under; a refund's negative. */
  tax_included: number;
  tax_added: number;
}

// Subtotal and paid are not summed: the sale table's CHECKs make subtotal = total + discount and
// paid = total − redeem value − gift card − shortfall on every row, so their sums follow exactly.
// Each row's gift cards sold come from its stored-value entries through stored_value_sale.
export const salesSql = `
  SELECT staff_id, ${slot('created_at')} AS slot, kind, member_id IS NOT NULL AS member, offline,
         count(*) AS n, sum(discount_minor) AS discount, sum(total_minor) AS total,
         sum(redeem_value_minor) AS redeem_value, sum(gift_card_minor) AS gift_card,
         sum(points_shortfall_minor) AS shortfall,
         sum(${giftCardsSoldSql('sale')}) AS gift_cards_sold,
         sum(CASE tax_mode WHEN 'inclusive' THEN tax_minor ELSE 0 END) AS tax_included,
         sum(CASE tax_mode WHEN 'exclusive' THEN tax_minor ELSE 0 END) AS tax_added
  FROM sale WHERE created_at >= ? AND created_at < ?
  GROUP BY staff_id, slot, kind, member, offline`;

export function saleGroups(db: Database.Database, from: string, to: string): SaleGroup[] {
  return prepared(db, salesSql).all(from, to) as SaleGroup[];
}

export interface TenderGroup {
  tender: 'cash' | 'card';
  paid: number;
}

// The money of each sale and refund by the tender its shift row records; a sale from before
// shifts existed has none and counts as cash, as its refund does (see shift/shiftSales.ts).
export const tenderSql = `
  SELECT coalesce(ss.tender, 'cash') AS tender, sum(s.paid_minor) AS paid
  FROM sale s LEFT JOIN shift_sale ss ON ss.sale_id = s.id
  WHERE s.created_at >= ? AND s.created_at < ?
  GROUP BY 1`;

export function tenderGroups(db: Database.Database, from: string, to: string): TenderGroup[] {
  return prepared(db, tenderSql).all(from, to) as TenderGroup[];
}

export interface TaxRateGroup {
  mode: 'inclusive' | 'exclusive';
  rate: number;
  tax: number;
}

// The tax of the range's sale lines by the mode of their sale and their own rate; a refund line
// carries its sale's rate and mode. Lines come by each sale's primary key, so the day is read
// through sale_created once, as for every other figure.
export const taxByRateSql = `
  SELECT s.tax_mode AS mode, l.tax_rate_bp AS rate, sum(l.tax_minor) AS tax
  FROM sale s JOIN sale_line l ON l.sale_id = s.id
  WHERE s.created_at >= ? AND s.created_at < ? AND s.tax_mode <> 'none'
  GROUP BY s.tax_mode, l.tax_rate_bp`;

export function taxRateGroups(db: Database.Database, from: string, to: string): TaxRateGroup[] {
  return prepared(db, taxByRateSql).all(from, to) as TaxRateGroup[];
}

export const salesAfterSql = `
  SELECT count(*) AS n FROM sale WHERE created_at >= ? AND created_at < ?`;

/** How many sales and refunds were rung up in [from, to). */
export function saleCountBetween(db: Database.Database, from: string, to: string): number {
  return (prepared(db, salesAfterSql).get(from, to) as { n: number }).n;
}

export interface PointsGroup {
  staff_id: string;
  slot: string;
  kind: string;
  plus: number;
  points: number;
}

export const pointsSql = `
  SELECT staff_id, ${slot('created_at')} AS slot, kind, points > 0 AS plus, sum(points) AS points
  FROM points_entry WHERE created_at >= ? AND created_at < ?
  GROUP BY staff_id, slot, kind, plus`;

export function pointsGroups(db: Database.Database, from: string, to: string): PointsGroup[] {
  return prepared(db, pointsSql).all(from, to) as PointsGroup[];
}

export interface CouponUseGroup {
  staff_id: string;
  slot: string;
  kind: 'redeemed' | 'returned';
  n: number;
  discount: number;
}

export const couponUseSql = `
  SELECT staff_id, ${slot('created_at')} AS slot, kind, count(*) AS n,
         sum(discount_minor) AS discount
  FROM coupon_use WHERE created_at >= ? AND created_at < ?
  GROUP BY staff_id, slot, kind`;

export function couponUseGroups(db: Database.Database, from: string, to: string): CouponUseGroup[] {
  return prepared(db, couponUseSql).all(from, to) as CouponUseGroup[];
}

export interface CountGroup {
  staff_id: string | null;
  slot: string;
  n: number;
}

// Coupons issued here; those learned from head office carry no staff of this terminal.
export const couponIssuedSql = `
  SELECT staff_id, ${slot('created_at')} AS slot, count(*) AS n
  FROM coupon WHERE created_at >= ? AND created_at < ? AND staff_id IS NOT NULL
  GROUP BY staff_id, slot`;

export function couponIssuedGroups(db: Database.Database, from: string, to: string): CountGroup[] {
  return prepared(db, couponIssuedSql).all(from, to) as CountGroup[];
}

export interface StoredValueGroup {
  staff_id: string;
  slot: string;
  kind: string;
  n: number;
  amount: number;
}

export const storedValueSql = `
  SELECT staff_id, ${slot('created_at')} AS slot, kind, count(*) AS n, sum(amount_minor) AS amount
  FROM stored_value_entry WHERE created_at >= ? AND created_at < ?
  GROUP BY staff_id, slot, kind`;

export function storedValueGroups(
  db: Database.Database,
  from: string,
  to: string,
): StoredValueGroup[] {
  return prepared(db, storedValueSql).all(from, to) as StoredValueGroup[];
}

// Members enrolled at this terminal; those learned from head office were enrolled elsewhere.
export const newMembersSql = `
  SELECT enrolled_by AS staff_id, ${slot('enrolled_at')} AS slot, count(*) AS n
  FROM member WHERE enrolled_at >= ? AND enrolled_at < ? AND origin = 'local'
  GROUP BY enrolled_by, slot`;

export function newMemberGroups(db: Database.Database, from: string, to: string): CountGroup[] {
  return prepared(db, newMembersSql).all(from, to) as CountGroup[];
}

export function staffNames(db: Database.Database): Map<string, string> {
  const rows = prepared(db, 'SELECT id, name FROM staff').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Points liability's points (shared/figures/liability.ts) at a cut-off: what each member holds
 * on this till (the cached balance: head office's figure as last pulled plus this till's own
 * entries since, pending points included) less this till's entries made from the cut-off on,
 * counted at zero when negative. A merged member's entries count for the member it was merged
 * into. Reads the members once, as the balance has always been read, and only the entries since
 * the cut-off through points_entry_created, so a Z stays fast on a ledger of years.
 */
export const heldPointsSql = `
  SELECT coalesce(sum(max(m.points_balance - coalesce(d.since, 0), 0)), 0) AS points
  FROM member m LEFT JOIN (
    SELECT coalesce(w.merged_into, e.member_id) AS who, sum(e.points) AS since
    FROM points_entry e JOIN member w ON w.id = e.member_id
    WHERE e.created_at >= ?
    GROUP BY 1) d ON d.who = m.id
  WHERE m.merged_into IS NULL`;

export function heldPointsBefore(db: Database.Database, cutoffIso: string): number {
  return (prepared(db, heldPointsSql).get(cutoffIso) as { points: number }).points;
}

export interface ExceptionRow {
  seq: number;
  kind: string;
  message: string;
  exception_id: string | null;
  received_at: string;
}

export const EXCEPTIONS_LISTED = 50;

/** Compensations head office reported on this terminal's operations, newest first. */
export function openExceptions(db: Database.Database): { rows: ExceptionRow[]; total: number } {
  const rows = prepared(
    db,
    `SELECT seq, kind, message, exception_id, received_at FROM sync_compensation
     ORDER BY seq DESC LIMIT ?`,
  ).all(EXCEPTIONS_LISTED) as ExceptionRow[];
  const total = prepared(db, 'SELECT count(*) AS n FROM sync_compensation').get() as { n: number };
  return { rows, total: total.n };
}
