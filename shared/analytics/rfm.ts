import { z } from 'zod';

/**
 * RFM: recency, frequency and monetary value, each scored 1–5 over the members who bought in the
 * period, and a segment from the R and F scores.
 *
 * - Recency: whole days from the member's last purchase to the period end
 *   (floor((end − last) ÷ 24 h)); fewer days score higher.
 * - Frequency: purchases (sales, not refunds) in the period; more score higher.
 * - Monetary: net spend in the period (sales less refunds, minor units); more score higher.
 *
 * Scores are rank quintiles: score = 1 + floor(5 × (rank − 1) ÷ N), where rank is SQL's rank()
 * from the worst value up (ties share the lowest rank) and N the members scored. Equal values
 * always get the same score, whatever the member ids, which ntile() does not promise; with no
 * ties it splits the members into fifths. Head office computes exactly this in SQL with window
 * functions; the terminal with `scoreMembers` below; tests hold both to hand-worked figures.
 */

export const rfmSegments = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof rfmSegments)[number];

export const score = z.literal([1, 2, 3, 4, 5]);
export type Score = z.infer<typeof score>;

/**
 * The segment map over (R, F), the usual 5 × 5 grid:
 *
 *        F=1             F=2       F=3             F=4        F=5
 *   R=5  new             potential potential       champions  champions
 *   R=4  promising       potential potential       loyal      loyal
 *   R=3  about_to_sleep  about_to_sleep need_attention loyal  loyal
 *   R=2  hibernating     hibernating at_risk       at_risk    cant_lose
 *   R=1  lost            lost      at_risk         at_risk    cant_lose
 */
export function segmentOf(r: number, f: number): RfmSegment {
  if (r >= 5 && f >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r >= 4 && f >= 2) return 'potential_loyalist';
  if (r >= 5) return 'new';
  if (r === 4) return 'promising';
  if (r === 3 && f === 3) return 'need_attention';
  if (r === 3) return 'about_to_sleep';
  if (f >= 5) return 'cant_lose';
  if (f >= 3) return 'at_risk';
  if (r === 2) return 'hibernating';
  return 'lost';
}

/** The same map as SQL, so head office decides segments inside its one statement. */
export const SEGMENT_SQL = `CASE
  WHEN r >= 5 AND f >= 4 THEN 'champions'
  WHEN r >= 3 AND f >= 4 THEN 'loyal'
  WHEN r >= 4 AND f >= 2 THEN 'potential_loyalist'
  WHEN r >= 5 THEN 'new'
  WHEN r = 4 THEN 'promising'
  WHEN r = 3 AND f = 3 THEN 'need_attention'
  WHEN r = 3 THEN 'about_to_sleep'
  WHEN f >= 5 THEN 'cant_lose'
  WHEN f >= 3 THEN 'at_risk'
  WHEN r = 2 THEN 'hibernating'
  ELSE 'lost' END`;

export interface MemberActivity {
  memberId: string;
  /** Purchases in the period (≥ 1 for a scored member). */
  purchases: number;
  netSpendMinor: number;
  /** Days from the last purchase to the period end. */
  recencyDays: number;
}

export interface ScoredMember extends MemberActivity {
  r: Score;
  f: Score;
  m: Score;
  segment: RfmSegment;
}

/** 1 + floor(5 × (rank − 1) ÷ n) for each value, rank counted from the worst value up. */
function rankQuintiles(values: readonly number[], worseFirst: (a: number, b: number) => number) {
  const order = [...values].sort(worseFirst);
  const firstRank = new Map<number, number>();
  order.forEach((value, index) => {
    if (!firstRank.has(value)) firstRank.set(value, index + 1);
  });
  const n = values.length;
  return values.map(
    (value) => (1 + Math.floor((5 * ((firstRank.get(value) ?? 1) - 1)) / n)) as Score,
  );
}

export function recencyDays(lastPurchaseIso: string, endIso: string): number {
  return Math.floor((Date.parse(endIso) - Date.parse(lastPurchaseIso)) / 86_400_000);
}

/** Scores the members who bought in the period (purchases ≥ 1); others are left out. */
export function scoreMembers(members: readonly MemberActivity[]): ScoredMember[] {
  const buyers = members.filter((m) => m.purchases >= 1);
  const r = rankQuintiles(
    buyers.map((m) => m.recencyDays),
    (a, b) => b - a,
  );
  const f = rankQuintiles(
    buyers.map((m) => m.purchases),
    (a, b) => a - b,
  );
  const m = rankQuintiles(
    buyers.map((b) => b.netSpendMinor),
    (a, b) => a - b,
  );
  return buyers.map((member, i) => {
    const scores = { r: r[i] as Score, f: f[i] as Score, m: m[i] as Score };
    return { ...member, ...scores, segment: segmentOf(scores.r, scores.f) };
  });
}

/** Members per segment, in the map's order, zeros included so a chart keeps its shape. */
export function segmentCounts(
  scored: readonly { segment: RfmSegment }[],
): { segment: RfmSegment; count: number }[] {
  const counts = new Map<RfmSegment, number>(rfmSegments.map((s) => [s, 0]));
  for (const member of scored) counts.set(member.segment, (counts.get(member.segment) ?? 0) + 1);
  return rfmSegments.map((segment) => ({ segment, count: counts.get(segment) ?? 0 }));
}
