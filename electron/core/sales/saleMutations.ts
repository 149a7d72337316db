import type Database from 'better-sqlite3-multiple-ciphers';
import type { SaleKind, SaleLine } from '../../../shared/domain';
import type { MemberOffer } from '../../../shared/rules/campaignOffer';
import type { TaxMode } from '../../../shared/rules/tax';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';

export interface NewSale {
  id: string;
  number: string;
  kind: SaleKind;
  refundOf: string | null;
  memberId: string | null;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  taxMode: TaxMode;
  taxMinor: number;
  pointsRedeemed: number;
  redeemValueMinor: number;
  giftCardMinor: number;
  paidMinor: number;
  earnBaseMinor: number;
  pointsEarned: number;
  pointsPending: number;
  pointsShortfallMinor: number;
  /** On a refund: earned points it could not take back, kept as money instead (≤ 0). */
  pointsShortfall?: number;
  balanceAfter: number | null;
  pendingAfter: number | null;
  debtAfter: number | null;
  tierBefore: string | null;
  tierAfter: string | null;
  reason: string | null;
  offline: boolean;
  /** The campaign multiplier the sale earned with (shared/rules/campaignOffer.ts). */
  offer?: MemberOffer | null;
  lines: Omit<SaleLine, 'refundedQuantity'>[];
}

export function insertSale(db: Database.Database, stamp: Stamp, sale: NewSale): void {
  prepared(
    db,
    `INSERT INTO sale (id, number, kind, refund_of, member_id, currency, subtotal_minor,
       discount_minor, total_minor, points_redeemed, redeem_value_minor, gift_card_minor,
       paid_minor, earn_base_minor, points_earned, points_pending, points_shortfall_minor,
       points_shortfall, balance_after, pending_after, debt_after, tier_before, tier_after, reason,
       offline, store_id, terminal_id, staff_id, created_at, hlc, offer_campaign_id,
       offer_variant_id, offer_campaign_name, offer_percent, tax_mode, tax_minor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
       ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sale.id,
    sale.number,
    sale.kind,
    sale.refundOf,
    sale.memberId,
    sale.currency,
    sale.subtotalMinor,
    sale.discountMinor,
    sale.totalMinor,
    sale.pointsRedeemed,
    sale.redeemValueMinor,
    sale.giftCardMinor,
    sale.paidMinor,
    sale.earnBaseMinor,
    sale.pointsEarned,
    sale.pointsPending,
    sale.pointsShortfallMinor,
    sale.pointsShortfall ?? 0,
    sale.balanceAfter,
    sale.pendingAfter,
    sale.debtAfter,
    sale.tierBefore,
    sale.tierAfter,
    sale.reason,
    sale.offline ? 1 : 0,
    stamp.storeId,
    stamp.terminalId,
    stamp.staffId,
    stamp.createdAt,
    stamp.hlc,
    sale.offer?.campaignId ?? null,
    sale.offer?.variantId ?? null,
    sale.offer?.campaignName ?? null,
    sale.offer?.percent ?? null,
    sale.taxMode,
    sale.taxMinor,
  );
  const insertLine = prepared(
    db,
    `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor,
       amount_minor, sku, category, kind, discount_minor, net_minor, points_earned,
       gift_card_code, refunds_line_no, tax_rate_bp, tax_minor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const line of sale.lines) {
    insertLine.run(
      sale.id,
      line.lineNo,
      line.description,
      line.quantity,
      line.unitPriceMinor,
      line.amountMinor,
      line.sku,
      line.category,
      line.kind,
      line.discountMinor,
      line.netMinor,
      line.pointsEarned,
      line.giftCardCode,
      line.refundsLineNo,
      line.taxRateBasisPoints,
      line.taxMinor,
    );
  }
}
