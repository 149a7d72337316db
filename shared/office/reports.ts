import { z } from 'zod';

/**
 * The consolidated report as head office answers it (GET /admin/reports) and the office UI
 * reads it: declared once here so the two cannot drift.
 */
export const reportFigures = z.strictObject({
  salesCount: z.number().int(),
  salesMinor: z.number().int(),
  refundsCount: z.number().int(),
  /** Money given back, as a positive amount. */
  refundsMinor: z.number().int(),
  /** Coupon discounts given, less those given back by refunds. */
  couponDiscountsMinor: z.number().int(),
  /** What members paid with points. */
  pointsPaidMinor: z.number().int(),
  pointsIssued: z.number().int(),
  pointsRedeemed: z.number().int(),
  pointsExpired: z.number().int(),
  /** Manual adjustments, head-office write-offs and charge-backs (signed). */
  pointsAdjusted: z.number().int(),
  newMembers: z.number().int(),
  memberSalesCount: z.number().int(),
  /** Sales with a member, in basis points of all sales (integer: 1234 = 12.34 %). */
  memberShareBasisPoints: z.number().int(),
});
export type ReportFigures = z.infer<typeof reportFigures>;

export const storeReport = reportFigures.extend({
  storeId: z.string(),
  storeName: z.string(),
  timeZone: z.string(),
  /** Whether the zone came from the store's terminals (false: UTC, because none said). */
  timeZoneKnown: z.boolean(),
  currency: z.string().nullable(),
});
export type StoreReport = z.infer<typeof storeReport>;

export const currencyTotal = reportFigures.extend({
  currency: z.string().nullable(),
  stores: z.number().int(),
});
export type CurrencyTotal = z.infer<typeof currencyTotal>;

export const consolidatedReport = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  stores: z.array(storeReport),
  totals: z.array(currencyTotal),
  liability: z.strictObject({
    points: z.number().int(),
    valueMinor: z.number().int(),
    asOf: z.iso.datetime(),
  }),
});
export type ConsolidatedReport = z.infer<typeof consolidatedReport>;

const isoDay = z.iso.date();
/** Business days from and to, inclusive, at most 366 days; `format=csv` answers a CSV file. */
export const reportQuery = z
  .object({ from: isoDay, to: isoDay, format: z.enum(['json', 'csv']).default('json') })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'at most 366 days',
    path: ['to'],
  });
