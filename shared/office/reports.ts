import { z } from 'zod';
import type { CommonFigures } from '../figures/figures';
import type { Liability } from '../figures/liability';

/**
 * The consolidated report as head office answers it (GET /admin/reports) and the office UI
 * reads it: declared once here so the two cannot drift. Its figures are the till's common
 * figures (shared/figures), defined once for both; the schema below is checked against that
 * type, so the two cannot drift either.
 */
const int = z.number().int();
const countAmount = z.strictObject({ count: int, amountMinor: int });

export const reportFigures = z.strictObject({
  sales: countAmount,
  refunds: countAmount,
  netSalesMinor: int,
  memberSalesCount: int,
  memberNetSalesMinor: int,
  memberShareBasisPoints: int.nullable(),
  giftCardsSoldMinor: int,
  pointsPaidMinor: int,
  giftCardPaidMinor: int,
  coupons: z.strictObject({ redeemed: int, returned: int, discountMinor: int }),
  points: z.strictObject({
    issued: int,
    clawedBack: int,
    redeemed: int,
    returned: int,
    expired: int,
    adjusted: int,
  }),
  newMembers: int,
}) satisfies z.ZodType<CommonFigures>;
export type ReportFigures = CommonFigures;

export const storeReport = z.strictObject({
  storeId: z.string(),
  storeName: z.string(),
  timeZone: z.string(),
  /** Whether the zone came from the store's terminals (false: UTC, because none said). */
  timeZoneKnown: z.boolean(),
  currency: z.string().nullable(),
  figures: reportFigures,
});
export type StoreReport = z.infer<typeof storeReport>;

export const currencyTotal = z.strictObject({
  currency: z.string().nullable(),
  stores: int,
  figures: reportFigures,
});
export type CurrencyTotal = z.infer<typeof currencyTotal>;

export const liability = z.strictObject({
  points: int,
  redemption: z.strictObject({ points: int, valueMinor: int }),
  valueMinor: int,
  asOf: z.iso.datetime(),
  timeZone: z.string(),
}) satisfies z.ZodType<Liability>;

export const consolidatedReport = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  stores: z.array(storeReport),
  totals: z.array(currencyTotal),
  /** Chain-wide, as at the end of the last day at the store whose day ends last, on its clock. */
  liability,
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
