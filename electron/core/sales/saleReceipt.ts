import type Database from 'better-sqlite3-multiple-ciphers';
import type {
  CouponView,
  MemberSummary,
  Receipt,
  SalePayment,
  TerminalInfo,
} from '../../../shared/domain';
import type { Currency } from '../../../shared/money';
import type { Program } from '../../../shared/program';
import { tierById } from '../../../shared/rules/tiers';
import type { Stamp } from '../context';
import { prepared } from '../db/statements';
import { campaignOf } from '../coupons/coupons';
import type { StoredValueKind } from '../giftCards/giftCards';
import type { NewSale } from './saleMutations';

/** How a stored-value entry of a sale reads on its receipt; expiry entries are not printed. */
export function giftCardReceiptKind(kind: StoredValueKind): 'sold' | 'topped_up' | 'paid' | null {
  switch (kind) {
    case 'activate':
    case 'refund_activate':
      return 'sold';
    case 'top_up':
    case 'refund_top_up':
      return 'topped_up';
    case 'pay':
    case 'refund_pay':
      return 'paid';
    case 'expire':
      return null;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** The tier lines of a receipt from the tier before and after the sale. */
export function receiptTier(
  program: Program,
  tierBefore: string | null,
  tierAfter: string | null,
): Pick<Receipt, 'tierUpgrade' | 'tierName'> {
  const levels = program.tiers.levels;
  const tierName = (tierId: string | null) => (tierId ? tierById(tierId, levels).name : null);
  const upgraded = tierBefore !== null && tierAfter !== null && tierBefore !== tierAfter;
  return {
    tierUpgrade: upgraded
      ? { from: tierName(tierBefore) ?? '', to: tierName(tierAfter) ?? '' }
      : null,
    tierName: tierName(tierAfter),
  };
}

function cashierName(db: Database.Database, staffId: string): string {
  const row = prepared(db, 'SELECT name FROM staff WHERE id = ?').get(staffId) as
    { name: string } | undefined;
  return row?.name ?? '';
}

/**
 * The receipt of a sale just written in this transaction, from the values it was written with.
 * Reading it back would take a query per part (sale, lines, member, coupons, gift cards) right
 * after writing them. receiptFor stays the one way to read a stored sale, and a test keeps the
 * two equal for every kind of sale.
 */
export function receiptOfNewSale(
  db: Database.Database,
  terminal: TerminalInfo,
  program: Program,
  stamp: Stamp,
  sale: NewSale,
  parts: {
    /** The member as they stand after the sale. */
    member: MemberSummary | null;
    couponsIssued: CouponView[];
    couponsRedeemed: { code: string; campaignId: string; discountMinor: number }[];
    /** The sale's stored-value entries in the order written, each with the card's balance after. */
    storedValue: {
      code: string;
      kind: StoredValueKind;
      amountMinor: number;
      balanceMinor: number;
    }[];
    /** The tender and cash handed over, as rung up in the shift. */
    payment: SalePayment;
  },
): Receipt {
  const campaignName = (campaignId: string) => campaignOf(program, campaignId)?.name ?? campaignId;
  return {
    sale: {
      id: sale.id,
      number: sale.number,
      kind: sale.kind,
      refundOfSaleId: sale.refundOf,
      refundedBySaleId: null,
      refundState: 'none',
      currency: sale.currency as Currency,
      subtotalMinor: sale.subtotalMinor,
      discountMinor: sale.discountMinor,
      totalMinor: sale.totalMinor,
      taxMode: sale.taxMode,
      taxMinor: sale.taxMinor,
      pointsRedeemed: sale.pointsRedeemed,
      redeemValueMinor: sale.redeemValueMinor,
      giftCardMinor: sale.giftCardMinor,
      paidMinor: sale.paidMinor,
      pointsEarned: sale.pointsEarned,
      pointsPending: sale.pointsPending,
      pointsShortfallMinor: sale.pointsShortfallMinor,
      member: parts.member,
      // The cashier signed in is the one stamped on a sale; the terminal row already names them.
      cashierName:
        terminal.cashier.id === stamp.staffId
          ? terminal.cashier.name
          : cashierName(db, stamp.staffId),
      createdAt: stamp.createdAt,
      lines: sale.lines.map((line) => ({ ...line, refundedQuantity: 0 })),
      reason: sale.reason,
      payment: parts.payment,
    },
    storeName: terminal.storeName,
    terminalName: terminal.terminalName,
    balanceAfter: sale.balanceAfter,
    pendingAfter: sale.pendingAfter,
    debtAfter: sale.debtAfter,
    couponsIssued: parts.couponsIssued.map((coupon) => ({
      code: coupon.code,
      campaignName: campaignName(coupon.campaignId),
      validTo: coupon.validTo,
    })),
    couponsRedeemed: parts.couponsRedeemed.map((use) => ({
      code: use.code,
      campaignName: campaignName(use.campaignId),
      discountMinor: use.discountMinor,
    })),
    giftCards: parts.storedValue.flatMap((entry) => {
      const kind = giftCardReceiptKind(entry.kind);
      return kind
        ? [
            {
              code: entry.code,
              kind,
              amountMinor: entry.amountMinor,
              balanceMinor: entry.balanceMinor,
            },
          ]
        : [];
    }),
    ...receiptTier(program, sale.tierBefore, sale.tierAfter),
    campaignOffer: sale.offer
      ? { campaignName: sale.offer.campaignName, percent: sale.offer.percent, to: null }
      : null,
  };
}
