import { SEGMENT_SQL, rfmScoreFromWorstSql, rfmScoreSql } from '../../shared/analytics/rfm';
import type { Queryable } from '../db/database';
import { SCORE_BUYERS, SEGMENT_BUYERS, TYPED } from './rfmStatement';

/**
 * RFM over the member activity summary (member_activity, migration 0008): one row per member
 * instead of every sale. It answers the chain-wide view (no store, no tier) of a period that
 * holds every member sale head office has, which is then exactly the summary: the same
 * purchases, net spend and last purchase per member as the period's sales would give. Anything
 * else (a store, a tier, a period that leaves sales out) reads the sales (rfmStatement.ts).
 *
 * Same parameters as rfmStatement.ts ($2, the period end, is the one used here), same scores
 * (rfmScoreSql): 5 − floor(5 × (rank − 1) ÷ N) with rank() from the best value down, ties
 * sharing a score. rank − 1 is the number of buyers with a strictly better value, so a score
 * needs only how many buyers hold each value: R and F come from a histogram (recency takes a few hundred values,
 * purchases a few dozen) and a running sum over it, never from sorting a million members.
 *
 * Merges are resolved here, as the sales statement does (a merged member's sales count for the
 * survivor), not when the merge happens: a push that lands a sale for the newcomer's id while
 * another push merges it cannot see that merge, so a summary folded at merge time could keep a
 * row for the newcomer. Merges are few; their members are re-counted as one.
 */

/**
 * True when every member sale lies in [$1, $2): two probes of the sale_period index (its
 * predicate, `member_id IS NOT NULL`, is repeated here word for word so the planner can use it).
 * The comparison is the sales statement's own (created_at as text against the same bounds).
 */
export const PERIOD_HOLDS_EVERY_SALE = `WITH ${TYPED}
SELECT NOT EXISTS (SELECT 1 FROM sale WHERE member_id IS NOT NULL AND created_at < $1)
  AND NOT EXISTS (SELECT 1 FROM sale WHERE member_id IS NOT NULL AND created_at >= $2)
  AS holds`;

type Params = readonly [string, string, string | null, string | null, string];

/** Whether this query can read the summary: the chain, no tier, a period holding every sale. */
export async function readsActivitySummary(db: Queryable, p: Params): Promise<boolean> {
  if (p[2] !== null || p[3] !== null) return false;
  const { rows } = await db.query<{ holds: boolean }>(PERIOD_HOLDS_EVERY_SALE, p);
  return rows[0]?.holds === true;
}

/**
 * `period_end`: $2 as a timestamptz, once. `involved`: every member id a merge touches, with the
 * member it counts as. A merged member counts as the one it was merged into (one step, as the
 * sales statement resolves it); a survivor counts as itself, once.
 */
const END_AND_MERGES = `period_end AS (SELECT end_at::timestamptz AS at FROM typed),
merged AS (SELECT id, merged_into FROM member WHERE merged_into IS NOT NULL),
involved AS (
  SELECT id AS member_id, merged_into AS survivor FROM merged
  UNION
  SELECT s.merged_into, s.merged_into FROM merged s
  WHERE NOT EXISTS (SELECT 1 FROM merged m WHERE m.id = s.merged_into))`;

/**
 * Whole days from the last purchase to the period end: the interval between two timestamptz
 * comes back as days and a time under 24 h, so its day field is floor(elapsed ÷ 24 h), the
 * sales statement's floor(epoch ÷ 86400), for the positive spans this path has (every sale is
 * before the period end). Reading the field costs far less than numeric epoch arithmetic.
 */
const recency = (lastPurchase: string) => `date_part('day', e.at - ${lastPurchase})::int`;

/**
 * `cell`: buyers per (recency, purchases), the only inputs of the R and F scores. The summary's
 * rows are counted as they are; members in a merge are then taken out and counted again as
 * their survivors. Counts add, so the correction is exact.
 */
const CELLS = `${END_AND_MERGES},
stored_cell AS (
  SELECT ${recency('a.last_purchase_at')} AS recency_days, a.purchases, count(*) AS k
  FROM member_activity a, period_end e
  WHERE a.purchases > 0
  GROUP BY 1, 2),
merge_correction AS (
  SELECT ${recency('a.last_purchase_at')} AS recency_days, a.purchases, -count(*) AS k
  FROM member_activity a JOIN involved i USING (member_id), period_end e
  WHERE a.purchases > 0
  GROUP BY 1, 2
  UNION ALL
  SELECT ${recency('max(a.last_purchase_at)')}, sum(a.purchases)::int, 1
  FROM member_activity a JOIN involved i USING (member_id), period_end e
  GROUP BY i.survivor, e.at
  HAVING sum(a.purchases) > 0),
cell AS (
  SELECT recency_days, purchases, sum(k)::int8 AS k
  FROM (SELECT * FROM stored_cell UNION ALL SELECT * FROM merge_correction) c
  GROUP BY 1, 2
  HAVING sum(k) > 0),
n AS (SELECT coalesce(sum(k), 0)::int8 AS n FROM cell),
r_score AS (
  SELECT recency_days,
    ${rfmScoreSql('1 + sum(k) OVER (ORDER BY recency_days) - k', 'n.n')}::int AS r
  FROM (SELECT recency_days, sum(k)::int8 AS k FROM cell GROUP BY 1) h, n),
f_score AS (
  SELECT purchases, ${rfmScoreFromWorstSql('1 + sum(k) OVER (ORDER BY purchases) - k', 'n.n')}::int AS f
  FROM (SELECT purchases, sum(k)::int8 AS k FROM cell GROUP BY 1) h, n)`;

/** Members per segment, from the summary: the rfm_segments benchmark's statement. */
export const SUMMARY_SEGMENT_COUNTS_SQL = `WITH ${TYPED}, ${CELLS}
SELECT ${SEGMENT_SQL.replace(/\n/g, ' ')} AS segment, sum(k)::int AS count
FROM cell JOIN r_score USING (recency_days) JOIN f_score USING (purchases)
GROUP BY 1`;

/**
 * One member's segment from the summary ($6, the member): their own cell (recency and purchases,
 * merges resolved as SUMMARY_BUYER does) looked up in the histograms' R and F scores. No other
 * buyer is scored, so a member page pays one aggregate over the summary, not a score per buyer.
 * A member merged into another has no segment of their own (they count as the survivor).
 */
export const SUMMARY_MEMBER_SEGMENT_SQL = `WITH ${TYPED}, ${CELLS},
own AS (
  SELECT ${recency('a.last_purchase_at')} AS recency_days, a.purchases
  FROM member_activity a, period_end e
  WHERE a.member_id = $6::uuid AND a.purchases > 0
    AND NOT EXISTS (SELECT 1 FROM involved i WHERE i.member_id = a.member_id)
  UNION ALL
  SELECT ${recency('max(a.last_purchase_at)')}, sum(a.purchases)::int
  FROM member_activity a JOIN involved i USING (member_id), period_end e
  WHERE i.survivor = $6::uuid
  GROUP BY i.survivor, e.at
  HAVING sum(a.purchases) > 0)
SELECT ${SEGMENT_SQL.replace(/\n/g, ' ')} AS segment
FROM own JOIN r_score USING (recency_days) JOIN f_score USING (purchases)`;

/**
 * The `scored` CTE (rfmStatement.ts's columns) from the summary, for the drill-down: each buyer
 * with R and F from histograms and M from the one sort it needs (net spend takes many values).
 */
const SUMMARY_BUYER = `${END_AND_MERGES},
buyer AS (
  SELECT a.member_id, a.purchases, a.net_spend_minor AS net_minor,
    ${recency('a.last_purchase_at')} AS recency_days
  FROM member_activity a, period_end e
  WHERE a.purchases > 0 AND NOT EXISTS (SELECT 1 FROM involved i WHERE i.member_id = a.member_id)
  UNION ALL
  SELECT i.survivor, sum(a.purchases)::int, sum(a.net_spend_minor)::int8,
    ${recency('max(a.last_purchase_at)')}
  FROM member_activity a JOIN involved i USING (member_id), period_end e
  GROUP BY i.survivor, e.at
  HAVING sum(a.purchases) > 0)`;

export const SUMMARY_SCORED = `${SUMMARY_BUYER},
${SCORE_BUYERS}`;

/** The summary's buyers with R, F and the segment only (SEGMENT_BUYERS): no sort by spend. */
export const SUMMARY_SEGMENTED = `${SUMMARY_BUYER},
${SEGMENT_BUYERS}`;
