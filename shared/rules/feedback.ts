import { z } from 'zod';
import { wilson, zFor, CONFIDENCE, type Interval } from '../experiment/intervals';

/**
 * Customer feedback at the counter (issue 13 §2): one closing question, NPS ("How likely are you
 * to recommend us?", 0–10) or CSAT ("How was your visit today?", 1–5), then optional reason tags
 * and a short comment. The terminal, the customer display and head office all read scores,
 * detractors and figures through this module, so a 6 is a detractor everywhere.
 */
export const feedbackScales = ['nps', 'csat'] as const;
export type FeedbackScale = (typeof feedbackScales)[number];

export const scaleRange: Record<FeedbackScale, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
};

export function scoreFits(scale: FeedbackScale, score: number): boolean {
  const { min, max } = scaleRange[scale];
  return Number.isInteger(score) && score >= min && score <= max;
}

/** The scores a customer can tap, lowest first. */
export function scoresOf(scale: FeedbackScale): number[] {
  const { min, max } = scaleRange[scale];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * The reason tags a program may offer; the catalogs name each in the three languages, so the
 * display shows them in the customer's language. Stored and synced as these keys.
 */
export const feedbackReasonTags = [
  'speed',
  'staff',
  'price',
  'product',
  'cleanliness',
  'checkout',
  'rewards',
  'availability',
] as const;
export type FeedbackReasonTag = (typeof feedbackReasonTags)[number];

export const COMMENT_MAX = 500;

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

/** NPS: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export function npsGroup(score: number): NpsGroup {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** A customer who needs a follow-up from the store manager: NPS 0–6, CSAT 1–2. */
export function isDetractor(scale: FeedbackScale, score: number): boolean {
  return scale === 'nps' ? score <= 6 : score <= 2;
}

/** CSAT counts 4 and 5 as satisfied. */
export function isSatisfied(score: number): boolean {
  return score >= 4;
}

/** What the program says about asking: on the program, with a default for older programs. */
export const feedbackSettingsSchema = z.strictObject({
  /** false: nobody is asked (the display and the cashier's button stay quiet). */
  enabled: z.boolean(),
  scale: z.enum(feedbackScales),
  /** Share of sales asked, in percent. */
  samplingPercent: z.number().int().min(0).max(100),
  membersOnly: z.boolean(),
  /** A member asked is not asked again within this many days; 0 = no limit. */
  notTwiceWithinDays: z.number().int().min(0).max(365),
  reasonTags: z
    .array(z.enum(feedbackReasonTags))
    .max(feedbackReasonTags.length)
    .refine((tags) => new Set(tags).size === tags.length, 'each tag once'),
  /** A detractor's follow-up is due this many hours after the answer. */
  followUpHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});
export type FeedbackSettings = z.infer<typeof feedbackSettingsSchema>;

export const defaultFeedbackSettings: FeedbackSettings = {
  enabled: true,
  scale: 'nps',
  samplingPercent: 100,
  membersOnly: false,
  notTwiceWithinDays: 30,
  reasonTags: ['speed', 'staff', 'price', 'product', 'cleanliness', 'rewards'],
  followUpHours: 48,
};

/**
 * Whether a sale falls in the sample: a hash of its id, so the same sale gets the same answer on
 * every call and every node, and the share asked matches the rate without a random source.
 */
export function inSample(saleId: string, samplingPercent: number): boolean {
  if (samplingPercent >= 100) return true;
  if (samplingPercent <= 0) return false;
  // FNV-1a over the id: cheap, stable, and spreads UUIDv7's random tail evenly.
  let hash = 0x811c9dc5;
  for (let i = 0; i < saleId.length; i++) {
    hash ^= saleId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100 < samplingPercent;
}

const DAY_MS = 86_400_000;

export interface AskFacts {
  saleId: string;
  memberId: string | null;
  /** When this member last answered (ISO), or null. */
  memberLastAnsweredAt: string | null;
  /** Whether this sale already has a response. */
  saleAnswered: boolean;
  now: Date;
}

/** The sampling and not-twice rules; asking is a suggestion and never holds up a sale. */
export function shouldAsk(settings: FeedbackSettings, facts: AskFacts): boolean {
  if (!settings.enabled || facts.saleAnswered) return false;
  if (settings.membersOnly && facts.memberId === null) return false;
  if (
    facts.memberId !== null &&
    facts.memberLastAnsweredAt !== null &&
    settings.notTwiceWithinDays > 0 &&
    facts.now.getTime() - Date.parse(facts.memberLastAnsweredAt) <
      settings.notTwiceWithinDays * DAY_MS
  ) {
    return false;
  }
  return inSample(facts.saleId, settings.samplingPercent);
}

export function followUpDueAt(
  answeredAt: string,
  settings: Pick<FeedbackSettings, 'followUpHours'>,
) {
  return new Date(Date.parse(answeredAt) + settings.followUpHours * 3_600_000).toISOString();
}

export interface NpsFigures {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100..100, promoters % − detractors %. */
  nps: number;
  /**
   * 95 % interval for NPS in points. NPS = 100·(p₊ − p₋); its variance per response is
   * (p₊ + p₋ − (p₊ − p₋)²), so the interval is NPS ± z·100·√((p₊ + p₋ − (p₊ − p₋)²)/n), clipped
   * to [−100, 100]. n = 0 → the whole range.
   */
  interval: Interval;
}

export function npsFigures(scores: Iterable<number>, confidence = CONFIDENCE): NpsFigures {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of scores) {
    const group = npsGroup(score);
    if (group === 'promoter') promoters++;
    else if (group === 'passive') passives++;
    else detractors++;
  }
  return npsFromCounts({ promoters, passives, detractors }, confidence);
}

export function npsFromCounts(
  counts: { promoters: number; passives: number; detractors: number },
  confidence = CONFIDENCE,
): NpsFigures {
  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  if (n === 0) {
    return { ...counts, responses: 0, nps: 0, interval: { low: -100, high: 100 } };
  }
  const pp = promoters / n;
  const pd = detractors / n;
  const nps = 100 * (pp - pd);
  const variance = pp + pd - (pp - pd) ** 2;
  const half = zFor(confidence) * 100 * Math.sqrt(variance / n);
  return {
    ...counts,
    responses: n,
    nps,
    interval: { low: Math.max(-100, nps - half), high: Math.min(100, nps + half) },
  };
}

export interface CsatFigures {
  responses: number;
  satisfied: number;
  /** Satisfied (4–5) as a percent of responses. */
  percent: number;
  /** Wilson 95 % interval, in percent. */
  interval: Interval;
}

export function csatFigures(scores: Iterable<number>, confidence = CONFIDENCE): CsatFigures {
  let responses = 0;
  let satisfied = 0;
  for (const score of scores) {
    responses++;
    if (isSatisfied(score)) satisfied++;
  }
  return csatFromCounts(responses, satisfied, confidence);
}

export function csatFromCounts(
  responses: number,
  satisfied: number,
  confidence = CONFIDENCE,
): CsatFigures {
  const w = wilson(satisfied, responses, confidence);
  return {
    responses,
    satisfied,
    percent: responses === 0 ? 0 : (100 * satisfied) / responses,
    interval: { low: 100 * w.low, high: 100 * w.high },
  };
}

/** Figures per cashier are shown only from this many responses, so nobody is judged on three. */
export const MIN_RESPONSES_PER_CASHIER = 20;
