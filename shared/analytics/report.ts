import { z } from 'zod';
import {
  averageTicketFigure,
  campaignRedemptionFigure,
  ratioFigure,
  topShareFigure,
} from './figures';
import { rfmSegments, score } from './rfm';

/**
 * What the analytics screens show, the same shape at the terminal (one store) and at head office
 * (the chain, or one store). Money is integer minor units, points integers, shares in basis points.
 */
export const tierLevel = z.strictObject({ id: z.string(), name: z.string() });
export type TierLevel = z.infer<typeof tierLevel>;

export const tierMove = z.strictObject({
  fromTier: z.string().nullable(),
  toTier: z.string(),
  /** Up or down by the program's order of tiers. */
  direction: z.enum(['up', 'down']),
  count: z.number().int(),
});
export type TierMove = z.infer<typeof tierMove>;

export const liabilityDay = z.strictObject({
  /** "YYYY-MM-DD" in the shop's (or the chosen) time zone. */
  date: z.string(),
  /** Points liability's points at the end of that day (shared/figures/liability.ts). */
  points: z.number().int(),
  valueMinor: z.number().int(),
});
export type LiabilityDay = z.infer<typeof liabilityDay>;

export const topMember = z.strictObject({
  memberId: z.string(),
  name: z.string(),
  cardNumber: z.string(),
  netSpendMinor: z.number().int(),
  purchases: z.number().int(),
  lastPurchaseAt: z.string(),
});
export type TopMember = z.infer<typeof topMember>;

/** Members per RFM segment, zeros included. */
export const rfmFigures = z.strictObject({
  scored: z.number().int(),
  segments: z.array(z.strictObject({ segment: z.enum(rfmSegments), count: z.number().int() })),
});
export type RfmFigures = z.infer<typeof rfmFigures>;

export const analyticsOverview = z.strictObject({
  period: z.strictObject({
    from: z.string(),
    to: z.string(),
    startIso: z.string(),
    endIso: z.string(),
  }),
  /** The filter the figures were computed with; null = every tier. */
  tierId: z.string().nullable(),
  /** Money figures' currency: the terminal's, or at head office the period's sales' (most used). */
  currency: z.string().nullable(),
  tiers: z.array(tierLevel),
  repeatPurchase: ratioFigure,
  averageTicket: z.strictObject({ members: averageTicketFigure, nonMembers: averageTicketFigure }),
  /** Members with at least one purchase in the 30, 90 and 365 days up to the period end. */
  activeMembers: z.strictObject({
    days30: z.number().int(),
    days90: z.number().int(),
    days365: z.number().int(),
  }),
  rfm: rfmFigures,
  tierDistribution: z.array(z.strictObject({ tierId: z.string(), count: z.number().int() })),
  tierMovement: z.strictObject({
    upgrades: z.number().int(),
    downgrades: z.number().int(),
    moves: z.array(tierMove),
  }),
  liability: z.strictObject({
    redemption: z.strictObject({ points: z.number().int(), valueMinor: z.number().int() }),
    days: z.array(liabilityDay),
  }),
  coupons: z.array(campaignRedemptionFigure),
  topMembers: z.array(topMember),
  topShare: topShareFigure,
});
export type AnalyticsOverview = z.infer<typeof analyticsOverview>;

/** One member of a segment, for the drill-down list. */
export const segmentMember = z.strictObject({
  memberId: z.string(),
  name: z.string(),
  cardNumber: z.string(),
  r: score,
  f: score,
  m: score,
  purchases: z.number().int(),
  netSpendMinor: z.number().int(),
  recencyDays: z.number().int(),
});
export type SegmentMember = z.infer<typeof segmentMember>;

/** A page of one segment's members, highest M score first, and how many the segment holds. */
export const segmentMembersPage = z.strictObject({
  members: z.array(segmentMember),
  total: z.number().int(),
});

/** How many top members the overview lists. */
export const TOP_MEMBERS = 10;
