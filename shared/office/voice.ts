import { z } from 'zod';
import { id } from '../api/fields';
import { feedbackReasonTags } from '../rules/feedback';
import { complaintCategories } from '../rules/complaint';
import { recoveryGroups } from '../figures/serviceRecovery';
import { locales } from '../locale';

/**
 * Head office's voice-of-the-customer dashboard (issue 13 §4) for a period (inclusive calendar
 * days, UTC) and optionally one store: NPS with its split and 95 % interval, CSAT %, response
 * rate, complaints per 1,000 sales, median times to first response and resolution, breach rate,
 * service-recovery cost, top reason tags, and per-cashier figures only from 20 responses.
 * A cashier narrows the answers, sales and the complaints they logged; a category narrows the
 * complaints (answers have no category). format=csv or format=pdf (in `lang`) download it.
 */
const periodFilters = {
  from: z.iso.date(),
  to: z.iso.date(),
  storeId: id.optional(),
  staffId: id.optional(),
  category: z.enum(complaintCategories).optional(),
};
const inOrder = (q: { from: string; to: string }) => q.from <= q.to;
const MAX_DAYS = 731;
const withinMaxDays = (q: { from: string; to: string }) =>
  Date.parse(q.to) - Date.parse(q.from) <= MAX_DAYS * 86_400_000;

export const voiceDashboardQuery = z
  .object({
    ...periodFilters,
    format: z.enum(['json', 'csv', 'pdf']).optional(),
    lang: z.enum(locales).optional(),
  })
  .refine(inOrder, { path: ['to'], message: 'ends before it starts' })
  .refine(withinMaxDays, { path: ['to'], message: `at most ${MAX_DAYS} days` });
export type VoiceDashboardQuery = z.infer<typeof voiceDashboardQuery>;

/** NPS and CSAT per week (weeks start on Monday, UTC) or per calendar month across the period. */
export const voiceTrendQuery = z
  .object({
    from: periodFilters.from,
    to: periodFilters.to,
    storeId: periodFilters.storeId,
    staffId: periodFilters.staffId,
    bucket: z.enum(['week', 'month']).default('week'),
  })
  .refine(inOrder, { path: ['to'], message: 'ends before it starts' })
  .refine(withinMaxDays, { path: ['to'], message: `at most ${MAX_DAYS} days` });
export type VoiceTrendQuery = z.input<typeof voiceTrendQuery>;

const interval = z.strictObject({ low: z.number(), high: z.number() });

const npsFigures = z.strictObject({
  responses: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  nps: z.number(),
  interval,
});
const csatFigures = z.strictObject({
  responses: z.number().int(),
  satisfied: z.number().int(),
  percent: z.number(),
  interval,
});

export const repurchaseFigure = z.strictObject({
  group: z.enum(recoveryGroups),
  members: z.number().int(),
  repurchased: z.number().int(),
  ratePercent: z.number().nullable(),
});

export const voiceTrend = z.strictObject({
  bucket: z.enum(['week', 'month']),
  points: z.array(
    z.strictObject({
      /** The bucket's first day (a Monday, or the 1st), possibly before the period's start. */
      start: z.string(),
      npsResponses: z.number().int(),
      nps: z.number().nullable(),
      csatResponses: z.number().int(),
      csatPercent: z.number().nullable(),
    }),
  ),
});
export type VoiceTrend = z.infer<typeof voiceTrend>;

export const voiceDashboard = z.strictObject({
  from: z.string(),
  to: z.string(),
  sales: z.number().int(),
  responses: z.number().int(),
  /** Responses per sale, in percent (null without sales). */
  responseRatePercent: z.number().nullable(),
  nps: npsFigures,
  csat: csatFigures,
  topReasons: z.array(z.strictObject({ tag: z.enum(feedbackReasonTags), count: z.number().int() })),
  complaints: z.strictObject({
    count: z.number().int(),
    perThousandSales: z.number().nullable(),
    medianHoursToFirstResponse: z.number().nullable(),
    medianHoursToResolution: z.number().nullable(),
    breachRatePercent: z.number().nullable(),
    goodwillPoints: z.number().int(),
    recoveryCostMinor: z.number().int(),
  }),
  /** Per cashier: figures only at MIN_RESPONSES_PER_CASHIER responses or more, else null. */
  cashiers: z.array(
    z.strictObject({
      staffId: z.string().nullable(),
      responses: z.number().int(),
      shown: z.boolean(),
      nps: z.number().nullable(),
      csatPercent: z.number().nullable(),
    }),
  ),
  /** Repurchase within 90 days: resolved, not resolved, no complaint (shared/figures/serviceRecovery.ts). */
  recovery: z.array(repurchaseFigure),
});
export type VoiceDashboard = z.infer<typeof voiceDashboard>;
