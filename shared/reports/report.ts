import type { Currency } from '../money';
import {
  emptyCommonFigures,
  type CommonFigures,
  type CountAmount,
  type PointsFigures,
} from '../figures/figures';
import type { Liability } from '../figures/liability';
import type { TaxMode } from '../rules/tax';

/**
 * An X report (mid-shift: what happened so far) or a Z report (a whole business day, which a
 * manager closes once). Amounts are integer minor units, points integers; every figure is a sum
 * over the ledger's own rows, so the report matches the ledger to the minor unit. The figures
 * head office also shows are defined once in shared/figures.
 */
export type ReportKind = 'x' | 'z';

export type { CountAmount, PointsFigures };

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

/**
 * One block of figures: the day's totals, one cashier's, or one hour's. The common figures
 * (shared/figures) are head office's too; the rest are the till's own.
 */
export interface Figures extends CommonFigures {
  /** Goods before discounts, net of refunds. */
  grossMinor: number;
  /** Discounts on goods, net of refunds (a partial refund gives back its share). */
  discountsMinor: number;
  /** Money taken (cash and cards) less money given back: for goods and for gift cards sold. */
  moneyPaidMinor: number;
  /** Kept back from refunds for points the member had already spent (policy "reduce cash"). */
  refundCutMinor: number;
  /** Sales and refunds recorded while head office could not be reached. */
  offlineCount: number;
  /** Coupons issued at this till. */
  couponsIssued: number;
  giftCards: GiftCardFigures;
  /**
   * Sales tax (shared/rules/tax.ts): the tax of sales less the tax refunds gave back, as the sale
   * rows hold it, so taxIncludedMinor + taxAddedMinor. Every tax figure is 0 in a store without
   * tax, and the report then shows none of them. The till's own: head office shows no tax.
   */
  taxMinor: number;
  /** Of it, tax inside the prices: rows rung up while the store was tax-inclusive. */
  taxIncludedMinor: number;
  /** Of it, tax added at the till: rows rung up while the store was tax-exclusive. */
  taxAddedMinor: number;
}

/**
 * The tax of one rate under one mode, over a report's range (a refund counts under its sale's
 * mode and its line's rate). A day mixes modes only when the manager changed the store's setting
 * during it, so each mode is listed apart: tax included in prices and tax added at the till are
 * never one figure.
 */
export interface TaxAtRate {
  mode: Exclude<TaxMode, 'none'>;
  rateBasisPoints: number;
  taxMinor: number;
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
  /**
   * The totals' tax by mode and rate: included before added, each by rate ascending; a rate
   * whose tax nets to zero is left out. Sums to totals.taxMinor. Empty in a store without tax.
   */
  taxByRate: TaxAtRate[];
  moneyByTender: MoneyByTender;
  byCashier: CashierFigures[];
  /** In business-day order: the boundary hour first. */
  byHour: HourFigures[];
  /** Points liability as at the report's end (shared/figures/liability.ts). */
  liability: Liability;
  offlinePeriods: OfflinePeriod[];
  sync: SyncFigures;
  exceptions: OpenException[];
  /** How many exceptions the terminal holds beyond those listed. */
  moreExceptions: number;
}

export function emptyFigures(): Figures {
  const ca = (): CountAmount => ({ count: 0, amountMinor: 0 });
  return {
    ...emptyCommonFigures(),
    grossMinor: 0,
    discountsMinor: 0,
    moneyPaidMinor: 0,
    refundCutMinor: 0,
    offlineCount: 0,
    couponsIssued: 0,
    giftCards: {
      sold: ca(),
      toppedUp: ca(),
      redeemed: ca(),
      paymentsReturnedMinor: 0,
      cardsRefundedMinor: 0,
      expiredMinor: 0,
    },
    taxMinor: 0,
    taxIncludedMinor: 0,
    taxAddedMinor: 0,
  };
}
