import { SEGMENT_SQL, rfmScoreFromWorstSql, rfmScoreSql } from '../../shared/analytics/rfm';
import { goodsMinorSql } from '../../shared/figures/figures';

/**
 * RFM at head office, in one statement over a per-member aggregate of the period's sales. The
 * score rule is shared/analytics/rfm.ts's (rfmScoreSql): 5 − floor(5 × (rank − 1) ÷ N), rank
 * from the best value down, ties sharing the best rank.
 *
 * Parameters: $1 period start, $2 period end (ISO text: sale.created_at is the terminal's ISO
 * text, which compares in time order), $3 store id or null, $4 tier id or null, $5 the first
 * tier (members with no tier change hold it).
 *
 * This statement aggregates every sale of the period, so it serves the filtered views (a store,
 * a tier, a period that leaves sales out); at a million members that takes seconds. The
 * chain over a period holding every sale reads the member activity summary instead
 * (activityRfm.ts, same answers). Recency and frequency take few distinct values (days in the
 * period, purchase counts), so their ranks come from a histogram of those values (a running sum
 * over a few hundred rows) joined back, instead of sorting every member twice; only monetary
 * needs the one real sort. A member merged into another counts as the survivor: merges are few,
 * so the join to them is a small hash.
 */

/**
 * Every statement here takes the same five parameters, typed once in this CTE. PostgreSQL types
 * a parameter where it first sees it, even in a CTE nothing reads, so a statement that needs
 * only some of them still prepares.
 */
export const TYPED = `typed AS (SELECT $1::text AS start_at, $2::text AS end_at, $3::uuid AS store_id,
  $4::text AS tier_id, $5::text AS first_tier)`;

/**
 * A member's tier at the period end, from the tiers terminals send with each sale and tier
 * review (kept in sync_op; head office has no tier rules of its own). The WHERE clause is the
 * predicate of the partial index sync_op_tier_event (migration 0004), word for word, so the
 * planner can use it.
 */
export const TIER_EVENT_PREDICATE = `((o.type = 'sale.recorded' AND (o.payload ->> 'tierAfter') IS NOT NULL
      AND (o.payload ->> 'tierAfter') IS DISTINCT FROM (o.payload ->> 'tierBefore'))
    OR (o.type = 'member.tierChanged' AND (o.payload ->> 'toTier') IS NOT NULL))`;

export const TIER_EVENTS = `tier_event AS (
  SELECT (o.payload ->> 'memberId')::uuid AS member_id, o.created_at, o.terminal_id, o.seq,
    CASE o.type WHEN 'sale.recorded' THEN o.payload ->> 'tierBefore'
      ELSE o.payload ->> 'fromTier' END AS from_tier,
    CASE o.type WHEN 'sale.recorded' THEN o.payload ->> 'tierAfter'
      ELSE o.payload ->> 'toTier' END AS to_tier
  FROM sync_op o
  WHERE ${TIER_EVENT_PREDICATE})`;

/**
 * The tier members hold now ($1: their ids, merges included, as text): the latest tier event.
 * It compares the operation's member id as text, as the partial index sync_op_tier_event keys
 * it, so a member page reads that member's few events instead of every tier event.
 */
export const MEMBER_TIER_SQL = `SELECT CASE o.type WHEN 'sale.recorded' THEN o.payload ->> 'tierAfter'
    ELSE o.payload ->> 'toTier' END AS to_tier
  FROM sync_op o
  WHERE (o.payload ->> 'memberId') = ANY($1::text[]) AND ${TIER_EVENT_PREDICATE}
  ORDER BY o.created_at DESC, o.seq DESC LIMIT 1`;

/** Each surviving member's tier at $2: the latest event before it, else $5. */
export const TIERED = `${TIER_EVENTS},
last_tier AS (
  SELECT DISTINCT ON (coalesce(m.merged_into, m.id)) coalesce(m.merged_into, m.id) AS member_id,
    e.to_tier
  FROM tier_event e JOIN member m ON m.id = e.member_id
  WHERE e.created_at < $2
  ORDER BY coalesce(m.merged_into, m.id), e.created_at DESC, e.seq DESC),
tiered AS (
  SELECT m.id, coalesce(t.to_tier, $5) AS tier_id
  FROM member m LEFT JOIN last_tier t ON t.member_id = m.id
  WHERE m.merged_into IS NULL)`;

/**
 * The period's sales and refunds per member (survivor of any merge): net spend is net goods
 * (shared/figures: the gift cards a sale sold are not sales).
 */
const ACTIVITY = `activity AS (
  SELECT coalesce(mm.merged_into, s.member_id) AS member_id,
    count(*) FILTER (WHERE s.kind = 'sale') AS purchases,
    sum(${goodsMinorSql('s')})::int8 AS net_minor,
    max(s.created_at) FILTER (WHERE s.kind = 'sale') AS last_at
  FROM sale s
    LEFT JOIN (SELECT id, merged_into FROM member WHERE merged_into IS NOT NULL) mm
      ON mm.id = s.member_id
  WHERE s.member_id IS NOT NULL AND s.created_at >= $1 AND s.created_at < $2
    AND ($3::uuid IS NULL OR s.store_id = $3::uuid)
  GROUP BY 1)`;

/** The activity of members in the chosen tier (all of them when $4 is null). */
export function activityCtes(withTier: boolean): string {
  if (!withTier) {
    return `${ACTIVITY}, in_tier AS (SELECT * FROM activity)`;
  }
  return `${TIERED}, ${ACTIVITY},
in_tier AS (SELECT a.* FROM activity a JOIN tiered t ON t.id = a.member_id WHERE t.tier_id = $4)`;
}

/**
 * Scores the `buyer` CTE (member_id, purchases, net_minor, recency_days) into `scored`. Used
 * over the period's sales (above) and over the member activity summary (activityRfm.ts).
 */
const RF_RANKS = `n AS (SELECT count(*) AS n FROM buyer),
r_rank AS (
  SELECT recency_days, (1 + sum(k) OVER (ORDER BY recency_days) - k)::int8 AS rank
  FROM (SELECT recency_days, count(*) AS k FROM buyer GROUP BY recency_days) h),
f_rank AS (
  SELECT purchases, (1 + sum(k) OVER (ORDER BY purchases) - k)::int8 AS rank
  FROM (SELECT purchases, count(*) AS k FROM buyer GROUP BY purchases) h)`;

export const SCORE_BUYERS = `${RF_RANKS},
ranked AS (
  SELECT b.member_id, b.purchases, b.net_minor, b.recency_days, r.rank AS r_rank,
    f.rank AS f_rank, rank() OVER (ORDER BY b.net_minor) AS m_rank
  FROM buyer b JOIN r_rank r USING (recency_days) JOIN f_rank f USING (purchases)),
scored AS (
  SELECT x.*, ${SEGMENT_SQL.replace(/\n/g, ' ')} AS segment
  FROM (
    SELECT member_id, purchases, net_minor, recency_days,
      ${rfmScoreSql('r_rank', 'n')}::int AS r, ${rfmScoreFromWorstSql('f_rank', 'n')}::int AS f,
      ${rfmScoreFromWorstSql('m_rank', 'n')}::int AS m
    FROM ranked, n) x)`;

/**
 * The `buyer` CTE's members with R, F and their segment only, as `scored`: a segment is decided
 * by R and F (SEGMENT_SQL), so a segment's members or one member's segment need no M, and no
 * sort of every buyer by spend.
 */
export const SEGMENT_BUYERS = `${RF_RANKS},
scored AS (
  SELECT x.*, ${SEGMENT_SQL.replace(/\n/g, ' ')} AS segment
  FROM (
    SELECT b.member_id, ${rfmScoreSql('r.rank', 'n')}::int AS r,
      ${rfmScoreFromWorstSql('f.rank', 'n')}::int AS f
    FROM buyer b JOIN r_rank r USING (recency_days) JOIN f_rank f USING (purchases), n) x)`;

/** The period's buyers: the `buyer` CTE SCORE_BUYERS and SEGMENT_BUYERS score. */
export function buyerCtes(withTier: boolean): string {
  return `${activityCtes(withTier)},
buyer AS (
  SELECT member_id, purchases, net_minor,
    floor(extract(epoch FROM ($2::text::timestamptz - last_at::timestamptz)) / 86400)::int AS recency_days
  FROM in_tier WHERE purchases > 0)`;
}

/** Scores every member who bought in the period: the `scored` CTE. */
export function scoredCtes(withTier: boolean): string {
  return `${buyerCtes(withTier)},
${SCORE_BUYERS}`;
}

/** Members per segment. */
export function segmentCountsSql(withTier: boolean): string {
  return `WITH ${TYPED}, ${scoredCtes(withTier)}
SELECT segment, count(*)::int AS count FROM scored GROUP BY segment`;
}

/**
 * The bare statement the benchmark compares against: the same quintiles with three rank()
 * windows over the per-member aggregate, nothing else (no merges, no store or tier filter).
 */
export const BARE_RFM_SQL = `WITH buyer AS (
  SELECT member_id, count(*) FILTER (WHERE kind = 'sale') AS purchases,
    sum(total_minor) AS net_minor,
    floor(extract(epoch FROM ($2::text::timestamptz
      - (max(created_at) FILTER (WHERE kind = 'sale'))::timestamptz)) / 86400)::int AS recency_days
  FROM sale WHERE member_id IS NOT NULL AND created_at >= $1 AND created_at < $2
  GROUP BY member_id HAVING count(*) FILTER (WHERE kind = 'sale') > 0),
scored AS (
  SELECT ${rfmScoreSql('rank() OVER (ORDER BY recency_days)', 'count(*) OVER ()')} AS r,
    ${rfmScoreFromWorstSql('rank() OVER (ORDER BY purchases)', 'count(*) OVER ()')} AS f,
    ${rfmScoreFromWorstSql('rank() OVER (ORDER BY net_minor)', 'count(*) OVER ()')} AS m
  FROM buyer)
SELECT ${SEGMENT_SQL.replace(/\n/g, ' ')} AS segment, count(*)::int AS count
FROM scored GROUP BY 1`;
