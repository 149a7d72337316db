import { z } from 'zod';
import { checkPeriod, isTimeZone, periodFields } from '../../shared/analytics/period';
import { rfmSegments } from '../../shared/analytics/rfm';
import { uuidSchema } from '../platform/parse';
import { checkRfmPeriod, rfmPeriodFields } from './rfmPeriod';

/**
 * The query strings of /admin/analytics/*: every value arrives as text and is parsed here, with
 * unknown parameters refused, before any SQL runs.
 */
const base = {
  ...periodFields,
  /** One store's sales (where the purchase happened); absent = the whole chain. */
  storeId: uuidSchema.optional(),
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

/** /rfm: the base, except that from (and to) may be left out: see rfmPeriod.ts. */
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
