import type { Currency } from './money';
import type { PhoneCountry } from './phone';
import type { Locale } from './locale';
import type { CouponKind } from './program';
import type { LineKind } from './rules/checkout';
import type { TaxMode } from './rules/tax';
import type { LotEntryKind } from './rules/pointsLots';
import type { AuditField, MoneyTender } from './staff';

export type StaffRole = 'cashier' | 'manager';

export interface Staff {
  id: string;
  name: string;
  role: StaffRole;
}

export interface TerminalInfo {
  storeId: string;
  storeName: string;
  terminalId: string;
  terminalName: string;
  terminalNumber: number;
  currency: Currency;
  timeZone: string;
  locale: Locale;
  phoneCountry: PhoneCountry;
  /** The staff member signed in on this terminal, or the last one when it is locked. */
  cashier: Staff;
  /** False while the terminal is locked: nothing can be written until someone signs in. */
  signedIn: boolean;
}

export interface MemberSummary {
  id: string;
  cardNumber: string;
  name: string;
  phone: string;
  /** Ledger balance: the sum of every entry (may include pending points and debt). */
  pointsBalance: number;
}

export interface Member extends MemberSummary {
  /** Null for a member learned from head office before it shared their code. */
  referralCode: string | null;
  referredBy: string | null;
  email: string | null;
  birthday: string | null;
  marketingConsent: boolean;
  consentAt: string | null;
  consentTerminalId: string | null;
  /** The language the shop speaks to them in: the shop's own until they choose another. */
  preferredLanguage: Locale;
  enrolledAt: string;
  enrolledStoreName: string;
  enrolledTerminalId: string;
}

/** What a points entry is: the kinds the lots rule folds (shared/rules/pointsLots.ts). */
export type PointsEntryKind = LotEntryKind;

export interface PointsEntry {
  id: string;
  kind: PointsEntryKind;
  points: number;
  saleId: string | null;
  saleNumber: string | null;
  reversesEntryId: string | null;
  createdAt: string;
  /** Earned points are pending until this instant (return window); null = at once. */
  availableAt: string | null;
  expiresAt: string | null;
  reason: string | null;
  staffName: string;
}

export interface SaleLine {
  lineNo: number;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
  sku: string | null;
  category: string | null;
  kind: LineKind;
  discountMinor: number;
  netMinor: number;
  pointsEarned: number;
  /** Gift card sold or topped up on this line. */
  giftCardCode: string | null;
  /** On a refund line: the line of the original sale it returns. */
  refundsLineNo: number | null;
  /** On a sale line: how many units have been refunded so far. */
  refundedQuantity: number;
  /** Tax rate in basis points, and the line's tax (negative on a refund line): rules/tax.ts. */
  taxRateBasisPoints: number;
  taxMinor: number;
}

export type SaleKind = 'sale' | 'refund';

export interface Sale {
  id: string;
  /** Short human number printed on the receipt, e.g. "12345-000042". */
  number: string;
  kind: SaleKind;
  refundOfSaleId: string | null;
  refundedBySaleId: string | null;
  /** For a sale: whether none, some or all of its units have been refunded. */
  refundState: 'none' | 'partial' | 'full';
  currency: Currency;
  subtotalMinor: number;
  discountMinor: number;
  /** Subtotal − discount, plus tax when the store adds tax at the till. */
  totalMinor: number;
  /** How the store taxed the sale, and its tax (in or on top of the total, by mode). */
  taxMode: TaxMode;
  taxMinor: number;
  pointsRedeemed: number;
  redeemValueMinor: number;
  giftCardMinor: number;
  /** Paid (or refunded) with money: total less what points and gift cards paid. */
  paidMinor: number;
  pointsEarned: number;
  /** Of pointsEarned, how many wait out the return window. */
  pointsPending: number;
  /** On a refund under the "reduce cash" policy: money kept back for points already spent. */
  pointsShortfallMinor: number;
  member: MemberSummary | null;
  cashierName: string;
  createdAt: string;
  lines: SaleLine[];
  reason: string | null;
  /**
   * How the money part was paid, or for a refund how it went back (the sale's tender). Null for
   * a sale rung up before shifts existed.
   */
  payment: SalePayment | null;
}

/** The tender of a sale's money; with cash, what the customer handed over and the change. */
export interface SalePayment {
  tender: MoneyTender;
  /** Typed by the cashier at the counter (optional); null when not typed, and for card. */
  cashReceivedMinor: number | null;
  /** cashReceivedMinor − paidMinor; null when no amount received was typed. */
  changeMinor: number | null;
}

export interface SalePreview {
  lines: SaleLine[];
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  taxMode: TaxMode;
  taxMinor: number;
  couponDiscounts: { code: string; campaignName: string; discountMinor: number }[];
  redeemValueMinor: number;
  giftCardMinor: number;
  paidMinor: number;
  pointsEarned: number;
  pointsRedeemed: number;
  maxRedeemablePoints: number;
  redeemStep: number;
  minimumRedeemPoints: number;
  /** Available (spendable) points after this sale; pending points are not included. */
  balanceAfter: number | null;
  tierPercent: number;
  promotionPercent: number;
  /** A campaign's points multiplier this member has today (200 = double points), or null. */
  campaignOffer: CampaignOfferView | null;
  /** While offline: the most points this sale may use and why (head office's risk policy). */
  offlineLimit: {
    max: number;
    reason: 'per_sale' | 'per_member' | 'offline_too_long' | 'clock';
  } | null;
}

export interface IssuedCoupon {
  code: string;
  campaignName: string;
  validTo: string | null;
}

export interface Receipt {
  sale: Sale;
  storeName: string;
  terminalName: string;
  /** Member's spendable balance right after this sale, for the receipt footer. */
  balanceAfter: number | null;
  pendingAfter: number | null;
  /** Points the member owes after this sale (a refund of points already spent). */
  debtAfter: number | null;
  couponsIssued: IssuedCoupon[];
  couponsRedeemed: { code: string; campaignName: string; discountMinor: number }[];
  giftCards: {
    code: string;
    kind: 'sold' | 'topped_up' | 'paid';
    amountMinor: number;
    balanceMinor: number;
  }[];
  /** Set when this sale moved the member up a tier. */
  tierUpgrade: { from: string; to: string } | null;
  tierName: string | null;
  /** The campaign multiplier the sale earned with, printed on the receipt. */
  campaignOffer: CampaignOfferView | null;
}

/** A campaign multiplier as the cashier and the receipt show it. */
export interface CampaignOfferView {
  campaignName: string;
  /** 200 = double points. */
  percent: number;
  /** Its last day (shop-local date); null on a receipt. */
  to: string | null;
}

export interface TierView {
  id: string;
  name: string;
  earnPercent: number;
  perks: string;
}

export type CouponState =
  'usable' | 'used' | 'expired' | 'not_yet_valid' | 'limit_reached' | 'voided';

export interface CouponView {
  id: string;
  code: string;
  campaignId: string;
  campaignName: string;
  kind: CouponKind;
  /** Human summary inputs: percent off, amount off, free item, buy X get Y. */
  percentOff: number | null;
  amountOffMinor: number | null;
  appliesTo: string | null;
  buyQuantity: number | null;
  getQuantity: number | null;
  minimumBasketMinor: number;
  memberId: string | null;
  validFrom: string | null;
  validTo: string | null;
  onlineOnly: boolean;
  state: CouponState;
  source: 'manual' | 'welcome' | 'birthday' | 'next_order';
  issuedAt: string;
}

export interface MemberLoyalty {
  memberId: string;
  tier: TierView;
  tierSince: string | null;
  nextTier: TierView | null;
  /** Still needed to reach nextTier, in minor units (spend) or points. */
  remainingToNext: number;
  qualification: 'spend' | 'points';
  qualifyingValue: number;
  available: number;
  pending: number;
  debt: number;
  /** Upcoming expiries, soonest first. */
  expiring: { date: string; points: number }[];
  coupons: CouponView[];
}

export interface GiftCardView {
  code: string;
  currency: Currency;
  balanceMinor: number;
  expiresAt: string | null;
  active: boolean;
}

export interface AdjustmentResult {
  memberId: string;
  points: number;
  balanceBefore: number;
  balanceAfter: number;
}

/** What kind of trouble the last sync had: unreachable, credential refused, request rejected, head office failing, or an answer that could not be read. */
export type SyncErrorCode =
  'unreachable' | 'refused' | 'rejected' | 'server_trouble' | 'unreadable';

export interface ConnectionStatus {
  online: boolean;
  pendingChanges: number;
  /** Whether this terminal has been enrolled with a head office. */
  enrolled: boolean;
  serverUrl: string | null;
  lastSuccessAt: string | null;
  /** The last failure in words, until the next success. */
  lastError: string | null;
  lastErrorCode: SyncErrorCode | null;
  lastErrorAt: string | null;
  /** 0..1 while a long catch-up is being sent; null when nothing is waiting. */
  catchUpProgress: number | null;
  /** Head office's clock minus this terminal's, in ms. */
  clockOffsetMs: number;
  /** True when the clock is too far off: offline redemption waits for a sync. */
  clockWarning: boolean;
  /**
   * The loyalty program's version, which moves on every change (a manager's save here or head
   * office's new configuration): an open sale is priced again when it moves.
   */
  programVersion: number;
  /**
   * Changes head office could not apply and refused (kept there as exceptions for a manager):
   * the outbox moved on past them.
   */
  refusedChanges: number;
}

/** Who owns a terminal's loyalty program (program.ownership). */
export interface ProgramOwnership {
  /** The terminal's own manager, or head office (the program screen then says so). */
  owner: 'terminal' | 'head_office';
  /** Head office lets store managers change a program it manages. */
  storeOverrides: boolean;
  /**
   * Head office's program, waiting for the manager to adopt it or to send this terminal's as a
   * proposal; what differs is said as the audit log says a change. Null: nothing to decide.
   */
  offer: {
    version: number;
    updatedAt: string;
    ours: AuditField[] | null;
    headOffice: AuditField[] | null;
  } | null;
  /** The version of this terminal's program sent to head office as a proposal; null if none. */
  proposedVersion: number | null;
}

/** What enrolling with head office changed (sync.enroll). */
export interface EnrollmentResult {
  /** The store's name at head office. */
  storeName: string;
  /** The shop's name on receipts: enrolling never changes it. */
  shopName: string;
  terminalNumber: number;
  /** How new card numbers began before enrolling and begin now, as printed ("2 12345"). */
  cardPrefixBefore: string;
  cardPrefixAfter: string;
}
