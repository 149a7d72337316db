import { z } from 'zod';
import { id } from '../api/fields';
import { feedbackReasonTags } from '../rules/feedback';

/**
 * Head office's voice-of-the-customer dashboard (issue 13 §4) for a period (inclusive calendar
 * days, UTC) and optionally one store: NPS with its split and 95 % interval, CSAT %, response
 * rate, complaints per 1,000 sales, median times to first response and resolution, breach rate,
 * service-recovery cost, top reason tags, and per-cashier figures only from 20 responses.
 */
export const voiceDashboardQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    storeId: id.optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'ends before it starts' });

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
});
export type VoiceDashboard = z.infer<typeof voiceDashboard>;
