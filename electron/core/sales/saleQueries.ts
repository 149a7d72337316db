import type Database from 'better-sqlite3-multiple-ciphers';
import type { Currency } from '../../../shared/money';
import type { TaxMode } from '../../../shared/rules/tax';
import type {
  Receipt,
  Sale,
  SaleKind,
  SaleLine,
  SalePayment,
  TerminalInfo,
} from '../../../shared/domain';
import type { LineKind } from '../../../shared/rules/checkout';
import { prepared } from '../db/statements';
import { memberSummaryById } from '../members/memberQueries';
import { readProgram } from '../program/programStore';
import { campaignOf } from '../coupons/coupons';
import { couponsIssuedBySale, usesOfSale } from '../coupons/couponStore';
import { storedValueOfSale } from '../giftCards/giftCards';
import { giftCardReceiptKind, receiptTier } from './saleReceipt';

interface SaleRow {
  id: string;
  number: string;
  kind: SaleKind;
  refund_of: string | null;
  refunded_by: string | null;
  member_id: string | null;
  currency: string;
  subtotal_minor: number;
  discount_minor: number;
  total_minor: number;
  tax_mode: TaxMode;
  tax_minor: number;
  points_redeemed: number;
  redeem_value_minor: number;
  gift_card_minor: number;
  paid_minor: number;
  earn_base_minor: number;
  points_earned: number;
  points_pending: number;
  points_shortfall_minor: number;
  balance_after: number | null;
  pending_after: number | null;
  debt_after: number | null;
  refunded_units: number;
  units: number;
  tier_before: string | null;
  tier_after: string | null;
  reason: string | null;
  offer_campaign_name: string | null;
  offer_percent: number | null;
  created_at: string;
  staff_name: string;
  tender: string | null;
  cash_received_minor: number | null;
}

/** `refunded_by`: the latest refund of this sale, if any (partial refunds may be several). */
const saleSelect = `
  SELECT s.*, st.name AS staff_name, ss.tender, ss.cash_received_minor,
         (SELECT r.id FROM sale r WHERE r.refund_of = s.id ORDER BY r.sale_no DESC LIMIT 1)
           AS refunded_by,
         (SELECT coalesce(-sum(rl.quantity), 0) FROM sale r
            JOIN sale_line rl ON rl.sale_id = r.id WHERE r.refund_of = s.id) AS refunded_units,
         (SELECT coalesce(sum(l.quantity), 0) FROM sale_line l WHERE l.sale_id = s.id) AS units
  FROM sale s JOIN staff st ON st.id = s.staff_id LEFT JOIN shift_sale ss ON ss.sale_id = s.id`;

interface LineRow {
  line_no: number;
  description: string;
  quantity: number;
  unit_price_minor: number;
  amount_minor: number;
  sku: string | null;
  category: string | null;
  kind: LineKind;
  discount_minor: number;
  net_minor: number;
  points_earned: number;
  gift_card_code: string | null;
  refunds_line_no: number | null;
  refunded_quantity: number;
  tax_rate_bp: number;
  tax_minor: number;
}

export function linesOf(db: Database.Database, saleId: string): SaleLine[] {
  const rows = prepared(
    db,
    `SELECT l.*,
       (SELECT coalesce(-sum(rl.quantity), 0) FROM sale r
          JOIN sale_line rl ON rl.sale_id = r.id AND rl.refunds_line_no = l.line_no
        WHERE r.refund_of = l.sale_id) AS refunded_quantity
     FROM sale_line l WHERE l.sale_id = ? ORDER BY l.line_no`,
  ).all(saleId) as LineRow[];
  return rows.map((row) => ({
    lineNo: row.line_no,
    description: row.description,
    quantity: row.quantity,
    unitPriceMinor: row.unit_price_minor,
    amountMinor: row.amount_minor,
    sku: row.sku,
    category: row.category,
    kind: row.kind,
    discountMinor: row.discount_minor,
    netMinor: row.net_minor,
    pointsEarned: row.points_earned,
    giftCardCode: row.gift_card_code,
    refundsLineNo: row.refunds_line_no,
    refundedQuantity: row.refunded_quantity,
    taxRateBasisPoints: row.tax_rate_bp,
    taxMinor: row.tax_minor,
  }));
}

function toSale(db: Database.Database, row: SaleRow, withLines: boolean): Sale {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    refundOfSaleId: row.refund_of,
    refundedBySaleId: row.refunded_by,
    refundState:
      row.refunded_units === 0 ? 'none' : row.refunded_units >= row.units ? 'full' : 'partial',
    currency: row.currency as Currency,
    subtotalMinor: row.subtotal_minor,
    discountMinor: row.discount_minor,
    totalMinor: row.total_minor,
    taxMode: row.tax_mode,
    taxMinor: row.tax_minor,
    pointsRedeemed: row.points_redeemed,
    redeemValueMinor: row.redeem_value_minor,
    giftCardMinor: row.gift_card_minor,
    paidMinor: row.paid_minor,
    pointsEarned: row.points_earned,
    pointsPending: row.points_pending,
    pointsShortfallMinor: row.points_shortfall_minor,
    member: row.member_id ? memberSummaryById(db, row.member_id) : null,
    cashierName: row.staff_name,
    createdAt: row.created_at,
    lines: withLines ? linesOf(db, row.id) : [],
    reason: row.reason,
    payment: paymentOfRow(row),
  };
}

/** The tender as rung up in the shift; null for a sale from before shifts existed. */
function paymentOfRow(row: SaleRow): SalePayment | null {
  if (row.tender === null) return null;
  const received = row.cash_received_minor;
  return {
    tender: row.tender === 'card' ? 'card' : 'cash',
    cashReceivedMinor: received,
    changeMinor: received === null ? null : received - row.paid_minor,
  };
}

/** Whether a sale or refund with this id is on file: a primary-key probe, no joins. */
export function saleExists(db: Database.Database, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM sale WHERE id = ?').get(id) !== undefined;
}

export function saleRowById(db: Database.Database, id: string): SaleRow | null {
  return (prepared(db, `${saleSelect} WHERE s.id = ?`).get(id) as SaleRow | undefined) ?? null;
}

export function saleById(db: Database.Database, id: string): Sale | null {
  const row = saleRowById(db, id);
  return row ? toSale(db, row, true) : null;
}

export function receiptFor(
  db: Database.Database,
  terminal: TerminalInfo,
  id: string,
): Receipt | null {
  const row = saleRowById(db, id);
  if (!row) return null;
  const program = readProgram(db);
  return {
    sale: toSale(db, row, true),
    storeName: terminal.storeName,
    terminalName: terminal.terminalName,
    balanceAfter: row.balance_after,
    pendingAfter: row.pending_after,
    debtAfter: row.debt_after,
    couponsIssued: couponsIssuedBySale(db, id).map((coupon) => ({
      code: coupon.code,
      campaignName: campaignOf(program, coupon.campaign_id)?.name ?? coupon.campaign_id,
      validTo: coupon.valid_to,
    })),
    couponsRedeemed: usesOfSale(db, id).map((use) => ({
      code: use.code,
      campaignName: campaignOf(program, use.campaign_id)?.name ?? use.campaign_id,
      discountMinor: use.discount_minor,
    })),
    giftCards: storedValueOfSale(db, id).flatMap((entry) => {
      const kind = giftCardReceiptKind(entry.kind);
      return kind
        ? [
            {
              code: entry.code,
              kind,
              amountMinor: entry.amount_minor,
              balanceMinor: entry.balance_minor,
            },
          ]
        : [];
    }),
    ...receiptTier(program, row.tier_before, row.tier_after),
    campaignOffer:
      row.offer_campaign_name !== null && row.offer_percent !== null
        ? { campaignName: row.offer_campaign_name, percent: row.offer_percent, to: null }
        : null,
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
