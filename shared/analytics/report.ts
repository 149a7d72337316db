import type { AverageTicket, CampaignRedemption, Ratio, TopShare } from './figures';
import type { RfmSegment, Score } from './rfm';

/**
 * What the analytics screens show, the same shape at the terminal (one store) and at head office
 * (the chain, or one store). Money is integer minor units, points integers, shares in basis points.
 */
export interface TierLevel {
  id: string;
  name: string;
}

export interface TierMove {
  fromTier: string | null;
  toTier: string;
  /** Up or down by the program's order of tiers. */
  direction: 'up' | 'down';
  count: number;
}

export interface LiabilityDay {
  /** "YYYY-MM-DD" in the shop's (or the chosen) time zone. */
  date: string;
  /** Points liability's points at the end of that day (shared/figures/liability.ts). */
  points: number;
  valueMinor: number;
}

export interface TopMember {
  memberId: string;
  name: string;
  cardNumber: string;
  netSpendMinor: number;
  purchases: number;
  lastPurchaseAt: string;
}

export interface AnalyticsOverview {
  period: { from: string; to: string; startIso: string; endIso: string };
  /** The filter the figures were computed with; null = every tier. */
  tierId: string | null;
  /** Money figures' currency: the terminal's, or at head office the period's sales' (most used). */
  currency: string | null;
  tiers: TierLevel[];
  repeatPurchase: Ratio;
  averageTicket: { members: AverageTicket; nonMembers: AverageTicket };
  /** Members with at least one purchase in the 30, 90 and 365 days up to the period end. */
  activeMembers: { days30: number; days90: number; days365: number };
  rfm: { scored: number; segments: { segment: RfmSegment; count: number }[] };
  tierDistribution: { tierId: string; count: number }[];
  tierMovement: { upgrades: number; downgrades: number; moves: TierMove[] };
  liability: { redemption: { points: number; valueMinor: number }; days: LiabilityDay[] };
  coupons: CampaignRedemption[];
  topMembers: TopMember[];
  topShare: TopShare;
}

/** One member of a segment, for the drill-down list. */
export interface SegmentMember {
  memberId: string;
  name: string;
  cardNumber: string;
  r: Score;
  f: Score;
  m: Score;
  purchases: number;
  netSpendMinor: number;
  recencyDays: number;
}

/** How many top members the overview lists. */
export const TOP_MEMBERS = 10;
