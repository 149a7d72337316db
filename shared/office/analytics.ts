import { z } from 'zod';
import { id } from '../api/fields';
import { checkPeriod, isTimeZone, periodFields } from '../analytics/period';
import { rfmSegments } from '../analytics/rfm';

/**
 * The query strings of /admin/analytics/*: every value arrives as text and is parsed here, with
 * unknown parameters refused, before any SQL runs.
 */
const base = {
  ...periodFields,
  /** One store's sales (where the purchase happened); absent = the whole chain. */
  storeId: id.optional(),
  /** Members holding this tier at the period end; absent = every tier. */
  tierId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'must be a tier id' })
    .optional(),
  /** Whose calendar days the period means (IANA zone); default UTC. */
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, { message: 'must be an IANA time zone, e.g. Asia/Hong_Kong' })
    .default('UTC'),
};

export const analyticsQuery = z.strictObject(base).superRefine(checkPeriod);
export type AnalyticsQuery = z.output<typeof analyticsQuery>;

/**
 * The period of /admin/analytics/rfm and /segment-members. Unlike the overview, `from` may be
 * left out: "all history up to `to`", what an analyst means by "our segments today". Then, for
 * the chain, the period holds every member sale and RFM reads the member activity summary
 * instead of a million members' sales. `to` defaults to today where the admin sits. An explicit
 * period keeps the overview's rules (ordered, at most MAX_PERIOD_DAYS); a `from` without `to`
 * is checked once today is known (server/analytics/rfmPeriod.ts).
 */
export const rfmPeriodFields = {
  from: periodFields.from.optional(),
  to: periodFields.to.optional(),
};

/** Both given: the overview's own check, so the same refusals name the same fields. */
export function checkRfmPeriod(
  period: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (period.from !== undefined && period.to !== undefined) {
    checkPeriod({ from: period.from, to: period.to }, ctx);
  }
}

/** /rfm: the base, except that from (and to) may be left out. */
export const rfmQuery = z.strictObject({ ...base, ...rfmPeriodFields }).superRefine(checkRfmPeriod);
export type RfmQuery = z.output<typeof rfmQuery>;

export const segmentMembersQuery = z
  .strictObject({
    ...base,
    ...rfmPeriodFields,
    segment: z.enum(rfmSegments),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .superRefine(checkRfmPeriod);
export type SegmentMembersQuery = z.output<typeof segmentMembersQuery>;
