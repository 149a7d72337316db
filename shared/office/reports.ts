/**
 * The consolidated report as head office answers it (GET /office/reports) and the office UI
 * reads it: declared once here so the two cannot drift.
 */
export interface ReportFigures {
  salesCount: number;
  salesMinor: number;
  refundsCount: number;
  /** Money given back, as a positive amount. */
  refundsMinor: number;
  /** Coupon discounts given, less those given back by refunds. */
  couponDiscountsMinor: number;
  /** What members paid with points. */
  pointsPaidMinor: number;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  /** Manual adjustments, head-office write-offs and charge-backs (signed). */
  pointsAdjusted: number;
  newMembers: number;
  memberSalesCount: number;
  /** Sales with a member, in basis points of all sales (integer: 1234 = 12.34 %). */
  memberShareBasisPoints: number;
}

export interface StoreReport extends ReportFigures {
  storeId: string;
  storeName: string;
  timeZone: string;
  /** Whether the zone came from the store's terminals (false: UTC, because none said). */
  timeZoneKnown: boolean;
  currency: string | null;
}

export interface CurrencyTotal extends ReportFigures {
  currency: string | null;
  stores: number;
}

export interface ConsolidatedReport {
  from: string;
  to: string;
  stores: StoreReport[];
  totals: CurrencyTotal[];
  liability: { points: number; valueMinor: number; asOf: string };
}
