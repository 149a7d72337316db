import { z } from 'zod';

/**
 * RFM: recency, frequency and monetary value, each scored 1–5 over the members who bought in the
 * period, and a segment from the R and F scores.
 *
 * - Recency: whole days from the member's last purchase to the period end
 *   (floor((end − last) ÷ 24 h)); fewer days score higher.
 * - Frequency: purchases (sales, not refunds) in the period; more score higher.
 * - Monetary: net spend in the period: the member's net sales (shared/figures: goods, sales less
 *   refunds, gift cards sold left out), minor units; more score higher.
 *
 * Scores are fifths among the N members scored, and equal values always share a score (SQL's
 * rank(): ties share the first rank of their group), whatever the member ids:
 *
 * - Recency counts from the best value, k the rank from the most recent:
 *     R = 5 − floor(5 × (k − 1) ÷ N)
 *   The best value always scores 5: a member who bought today scores R = 5, however many share it
 *   or however few members there are. Fewer than five spread only as far as their fifths reach:
 *   one scores 5; two 5 and 3; four 5, 4, 3 and 2. A shop's worst of two is not "lost" for being
 *   second.
 * - Frequency and monetary count from the worst value, k the rank from the fewest purchases (the
 *   least spend):
 *     F, M = 1 + floor(5 × (k − 1) ÷ N)
 *   The worst value always scores 1: members who bought once score F = 1 however many of them
 *   there are (the usual long tail of one-visit members are "new" or "hibernating", never lifted
 *   to the middle by their own numbers). One member scores 1; two 1 and 3; four 1, 2, 3 and 4;
 *   five or more with distinct values 1 to 5.
 *
 * The terminal computes it with `scoreMembers` below; head office in SQL, from `rfmScoreSql`;
 * tests hold both to hand-worked figures.
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

/** 5 − floor(5 × (k − 1) ÷ n): the recency score of the member ranked k from the best of n. */
export function rfmScore(rankFromBest: number, n: number): Score {
  return (5 - Math.floor((5 * (rankFromBest - 1)) / n)) as Score;
}

/** 1 + floor(5 × (k − 1) ÷ n): the F or M score of the member ranked k from the worst of n. */
export function rfmScoreFromWorst(rankFromWorst: number, n: number): Score {
  return (1 + Math.floor((5 * (rankFromWorst - 1)) / n)) as Score;
}

/**
 * The same scores in SQL (SQLite and PostgreSQL alike). Both are cast to whole numbers, so the
 * division is an integer one and, both being positive, floors: a running sum() in PostgreSQL is
 * numeric, and numeric division would round instead.
 */
export function rfmScoreSql(rank: string, n: string): string {
  return `(5 - (5 * (CAST(${rank} AS BIGINT) - 1)) / CAST(${n} AS BIGINT))`;
}

export function rfmScoreFromWorstSql(rank: string, n: string): string {
  return `(1 + (5 * (CAST(${rank} AS BIGINT) - 1)) / CAST(${n} AS BIGINT))`;
}

/** Each value's first rank (ties share it), `first` ordering the values rank 1 comes from. */
function firstRanks(values: readonly number[], first: (a: number, b: number) => number) {
  const order = [...values].sort(first);
  const firstRank = new Map<number, number>();
  order.forEach((value, index) => {
    if (!firstRank.has(value)) firstRank.set(value, index + 1);
  });
  return values.map((value) => firstRank.get(value) ?? 1);
}

export function recencyDays(lastPurchaseIso: string, endIso: string): number {
  return Math.floor((Date.parse(endIso) - Date.parse(lastPurchaseIso)) / 86_400_000);
}

/** Scores the members who bought in the period (purchases ≥ 1); others are left out. */
export function scoreMembers(members: readonly MemberActivity[]): ScoredMember[] {
  const buyers = members.filter((m) => m.purchases >= 1);
  const n = buyers.length;
  // Recency from the fewest days since the last purchase; frequency and spend from the least.
  const r = firstRanks(
    buyers.map((m) => m.recencyDays),
    (a, b) => a - b,
  ).map((k) => rfmScore(k, n));
  const f = firstRanks(
    buyers.map((m) => m.purchases),
    (a, b) => a - b,
  ).map((k) => rfmScoreFromWorst(k, n));
  const m = firstRanks(
    buyers.map((b) => b.netSpendMinor),
    (a, b) => a - b,
  ).map((k) => rfmScoreFromWorst(k, n));
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
