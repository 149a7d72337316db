import { z } from 'zod';
import { ratioFigure } from '../analytics/figures';
import { isTimeZone } from '../analytics/period';
import { MONTH_PATTERN, monthsBetween } from '../figures/months';

/**
 * /admin/metrics/*: retention cohorts, churn and repeat rate, historical and expected LTV
 * (issue 15 §2). Aggregates only: no member is named. Definitions are shared/figures's
 * (retention.ts, bgnbd.ts); README.md's "Metrics" section writes them out.
 */

/** Longest span one request covers: two years of months. */
export const MAX_METRIC_MONTHS = 24;

const month = z.string().regex(MONTH_PATTERN, { message: 'must be a month (YYYY-MM)' });

const monthFields = {
  from: month,
  to: month,
  /** Whose calendar months these are (IANA zone); default UTC. */
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, { message: 'must be an IANA time zone, e.g. Asia/Hong_Kong' })
    .default('UTC'),
};

function checkMonths(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const span = monthsBetween(q.from, q.to) + 1;
  if (span < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (span > MAX_METRIC_MONTHS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `must be at most ${MAX_METRIC_MONTHS} months after from`,
    });
}

export const metricsQuery = z.strictObject(monthFields).superRefine(checkMonths);
export type MetricsQuery = z.output<typeof metricsQuery>;

export const ltvQuery = z
  .strictObject({
    ...monthFields,
    /** The held-back period the model is checked on: the last this many days before as-of. */
    heldBackDays: z.coerce.number().int().min(28).max(365).default(182),
  })
  .superRefine(checkMonths);
export type LtvQuery = z.output<typeof ltvQuery>;

const monthText = z.string().regex(MONTH_PATTERN);

export const cohortsReport = z.strictObject({
  from: monthText,
  to: monthText,
  currency: z.string().nullable(),
  /** One per month from..to with first purchases in it; later months only up to `to`. */
  cohorts: z.array(
    z.strictObject({
      cohort: monthText,
      members: z.number().int(),
      /** Index k: k months after the cohort's month. */
      retention: z.array(ratioFigure),
      ltvMinor: z.array(z.number().int()),
    }),
  ),
});
export type CohortsReport = z.infer<typeof cohortsReport>;

export const monthRatesView = z.strictObject({
  month: monthText,
  churn: ratioFigure,
  repeat: ratioFigure,
});

export const churnReport = z.strictObject({
  months: z.array(monthText),
  chain: z.array(monthRatesView),
  stores: z.array(
    z.strictObject({ storeId: z.string(), storeName: z.string(), months: z.array(monthRatesView) }),
  ),
  tiers: z.array(
    z.strictObject({ tierId: z.string(), tierName: z.string(), months: z.array(monthRatesView) }),
  ),
});
export type ChurnReport = z.infer<typeof churnReport>;

const expectedValue = z.strictObject({
  members: z.number().int(),
  /** Expected purchase days in the next 12 months, per member. */
  expectedPurchases: z.number(),
  /** Expected spend in the next 12 months, per member, rounded to minor units. */
  expectedValueMinor: z.number().int(),
});

export const ltvReport = z.strictObject({
  /** The end of the calibration: the end of `to`, or now if that is sooner. */
  asOf: z.string(),
  currency: z.string().nullable(),
  /** Null when too few members have bought to fit it. */
  model: z
    .strictObject({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() })
    .nullable(),
  all: expectedValue,
  cohorts: z.array(expectedValue.extend({ cohort: monthText })),
  /** The same model fitted before as-of − heldBackDays, against what members then did. */
  validation: z
    .strictObject({
      cutoff: z.string(),
      heldBackDays: z.number().int(),
      members: z.number().int(),
      predictedPurchases: z.number(),
      actualPurchases: z.number().int(),
      meanAbsoluteError: z.number(),
      aggregateError: z.number().nullable(),
      predictedValueMinor: z.number().int(),
      actualValueMinor: z.number().int(),
    })
    .nullable(),
});
export type LtvReport = z.infer<typeof ltvReport>;
