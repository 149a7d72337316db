import type { Currency } from '../money';

/**
 * An X report (mid-shift: what happened so far) or a Z report (a whole business day, which a
 * manager closes once). Amounts are integer minor units, points integers; every figure is a sum
 * over the ledger's own rows, so the report matches the ledger to the minor unit.
 */
export type ReportKind = 'x' | 'z';

export interface CountAmount {
  count: number;
  amountMinor: number;
}

export interface PointsFigures {
  /** Earned on sales and given as bonuses (referrals). */
  issued: number;
  /** Earned points taken back by refunds. */
  takenBack: number;
  /** Spent as payment. */
  redeemed: number;
  /** Spent points given back by refunds. */
  returned: number;
  expired: number;
  /** Manual adjustments, signed. */
  adjusted: number;
}

export interface CouponFigures {
  issued: number;
  redeemed: number;
  /** Coupons given back by full refunds. */
  returned: number;
  /** Discount taken by coupons, net of returns. */
  discountMinor: number;
}

export interface GiftCardFigures {
  /** Cards sold and activated. */
  sold: CountAmount;
  toppedUp: CountAmount;
  /** Paid with a gift card. */
  redeemed: CountAmount;
  /** Card payments put back on the card by refunds. */
  paymentsReturnedMinor: number;
  /** Value taken off cards whose sale or top-up was refunded. */
  cardsRefundedMinor: number;
  expiredMinor: number;
}

/** One block of figures: the day's totals, one cashier's, or one hour's. */
export interface Figures {
  sales: CountAmount;
  /** Refunds as positive numbers: how many, and how much went back. */
  refunds: CountAmount;
  /** Before discounts, net of refunds. */
  grossMinor: number;
  /** Discounts (coupons), net of refunds. */
  discountsMinor: number;
  /** Sales less refunds, after discounts. */
  netMinor: number;
  /** How the net was paid: points, gift cards, and money (cash and cards). */
  pointsPaidMinor: number;
  giftCardPaidMinor: number;
  moneyPaidMinor: number;
  /** Kept back from refunds for points the member had already spent (policy "reduce cash"). */
  refundCutMinor: number;
  /** Sales (not refunds) with a member attached. */
  memberSales: CountAmount;
  /** Sales and refunds recorded while head office could not be reached. */
  offlineCount: number;
  points: PointsFigures;
  coupons: CouponFigures;
  giftCards: GiftCardFigures;
  newMembers: number;
}

export interface CashierFigures {
  staffId: string;
  name: string;
  figures: Figures;
}

export interface HourFigures {
  /** Hour of the shop's wall clock, 0–23. */
  hour: number;
  figures: Figures;
}

export interface PointsLiability {
  /** Spendable points members hold on this terminal's ledger (pending points and debts excluded). */
  outstandingPoints: number;
  /** The program's conversion rate: `points` points are worth `valueMinor`. */
  ratePoints: number;
  rateValueMinor: number;
  /** outstandingPoints × valueMinor / points, rounded down to the minor unit. */
  liabilityMinor: number;
  asOf: string;
}

export interface OfflinePeriod {
  from: string;
  /** Null while still offline. */
  to: string | null;
  detail: string | null;
}

export interface SyncFigures {
  enrolled: boolean;
  online: boolean;
  pendingChanges: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface OpenException {
  seq: number;
  kind: string;
  message: string;
  exceptionId: string | null;
  receivedAt: string;
}

/** Cash drawer figures of the shift an X report covers (from the shift module, when present). */
export interface ShiftSection {
  shiftId: string;
  cashierName: string;
  openedAt: string;
  closedAt: string | null;
  floatMinor: number;
  /** Cash sales less cash refunds this shift: what the till took in cash. */
  cashNetMinor: number;
  /** Card sales less card refunds this shift: taken by card, never in the drawer. */
  cardNetMinor: number;
  expectedMinor: number;
  countedMinor: number | null;
}

/** The money part of sales less refunds by the tender it went through; the two add to moneyPaid. */
export interface MoneyByTender {
  cashMinor: number;
  cardMinor: number;
}

/**
 * A Z closed before its business day ended. Sales and refunds rung up after the close belong to
 * the next business day's Z, which starts at this close: every sale is in exactly one Z.
 */
export interface EarlyClose {
  /** When the business day would have ended. */
  dayEndsAt: string;
  /** Sales and refunds rung up between the close and that end (counted now, on each reprint). */
  afterClose: number;
}

export interface ClosedInfo {
  /** The Z number, counting up per terminal. */
  number: number;
  closedAt: string;
  closedBy: string;
  /** Set when the day was closed before it ended. */
  early: EarlyClose | null;
}

/** A business day whose Z report has been closed. */
export interface ClosedDay {
  number: number;
  businessDay: string;
  closedAt: string;
  closedBy: string;
}

export interface ReportSettings {
  /** Minutes after local midnight at which the business day starts. */
  boundaryMinutes: number;
  timeZone: string;
  /** The business day it is now. */
  today: string;
}

export interface ReportExport {
  fileName: string;
  mimeType: 'text/csv' | 'application/pdf';
  /** The file's bytes, base64. */
  base64: string;
}

export interface Report {
  kind: ReportKind;
  storeName: string;
  terminalName: string;
  currency: Currency;
  timeZone: string;
  businessDay: string;
  boundaryMinutes: number;
  /** The range the figures cover, ISO UTC, [from, to). */
  from: string;
  to: string;
  generatedAt: string;
  closed: ClosedInfo | null;
  /**
   * Set when the day before was closed early: this report starts at that close, so it counts the
   * sales rung up after it.
   */
  carriedFrom: { number: number; closedAt: string } | null;
  shift: ShiftSection | null;
  totals: Figures;
  moneyByTender: MoneyByTender;
  byCashier: CashierFigures[];
  /** In business-day order: the boundary hour first. */
  byHour: HourFigures[];
  liability: PointsLiability;
  offlinePeriods: OfflinePeriod[];
  sync: SyncFigures;
  exceptions: OpenException[];
  /** How many exceptions the terminal holds beyond those listed. */
  moreExceptions: number;
}

export function emptyFigures(): Figures {
  const ca = (): CountAmount => ({ count: 0, amountMinor: 0 });
  return {
    sales: ca(),
    refunds: ca(),
    grossMinor: 0,
    discountsMinor: 0,
    netMinor: 0,
    pointsPaidMinor: 0,
    giftCardPaidMinor: 0,
    moneyPaidMinor: 0,
    refundCutMinor: 0,
    memberSales: ca(),
    offlineCount: 0,
    points: { issued: 0, takenBack: 0, redeemed: 0, returned: 0, expired: 0, adjusted: 0 },
    coupons: { issued: 0, redeemed: 0, returned: 0, discountMinor: 0 },
    giftCards: {
      sold: ca(),
      toppedUp: ca(),
      redeemed: ca(),
      paymentsReturnedMinor: 0,
      cardsRefundedMinor: 0,
      expiredMinor: 0,
    },
    newMembers: 0,
  };
}

/**
 * The member share of sales in basis points (1/100 of a percent), rounded down: member sales
 * over all sales, by amount. Computed in BigInt so no amount ever passes through a float.
 */
export function memberShareBasisPoints(figures: Figures): number {
  if (figures.sales.amountMinor <= 0) return 0;
  return Number(
    (BigInt(figures.memberSales.amountMinor) * 10_000n) / BigInt(figures.sales.amountMinor),
  );
}
