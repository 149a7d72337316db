import type { Queryable } from '../db/database';
import { TOP_MEMBERS } from '../../shared/analytics/report';
import { goodsMinorSql } from '../../shared/figures/figures';
import { profilingAllowedSql } from '../../shared/rules/profiling';
import { ENTRY_CLOCK_ALLOWANCE, entryMadeAt, entryOperationJoin } from '../ledger/entryTime';
import type { Score } from '../../shared/analytics/rfm';
import {
  SEGMENT_BUYERS,
  TIERED,
  TYPED,
  activityCtes,
  buyerCtes,
  scoredCtes,
  segmentCountsSql,
} from './rfmStatement';
import {
  SUMMARY_SCORED,
  SUMMARY_MEMBER_SEGMENT_SQL,
  SUMMARY_SEGMENT_COUNTS_SQL,
  readsActivitySummary,
} from './activityRfm';

/**
 * Head office's analytics SQL. Each function runs one statement with the five shared parameters
 * (period start and end, store, tier, first tier: see rfmStatement.ts) and maybe a few of its
 * own after them. The SQL text is chosen among constants (with or without the tier filter);
 * values are always bound.
 */
export type Params = [
  start: string,
  end: string,
  storeId: string | null,
  tierId: string | null,
  firstTier: string,
];

const withTier = (p: Params) => p[3] !== null;
const inStore = (column: string) => `($3::uuid IS NULL OR ${column} = $3::uuid)`;
const storeTerminals = (column: string) =>
  `($3::uuid IS NULL OR ${column} IN (SELECT id FROM terminal WHERE store_id = $3::uuid))`;

/**
 * Members per RFM segment: from the member activity summary when the query is the chain's over
 * a period holding every sale (activityRfm.ts), else from the period's sales.
 */
export async function segmentCounts(
  db: Queryable,
  p: Params,
): Promise<{ segment: string; count: number }[]> {
  const sql = (await readsActivitySummary(db, p))
    ? SUMMARY_SEGMENT_COUNTS_SQL
    : segmentCountsSql(withTier(p));
  const { rows } = await db.query<{ segment: string; count: number }>(sql, p);
  return rows;
}

export interface ScoredRow {
  member_id: string;
  name: string;
  card_number: string;
  r: Score;
  f: Score;
  m: Score;
  purchases: number;
  net_minor: number;
  recency_days: number;
  total: number;
}

/**
 * A segment's members who allow profiling (shared/rules/profiling.ts), highest M first, then
 * spend, then id; `total` is how many such members the segment holds (its full size is /rfm's).
 */
export async function segmentMembers(
  db: Queryable,
  p: Params,
  segment: string,
  limit: number,
  offset: number,
): Promise<ScoredRow[]> {
  const scored = (await readsActivitySummary(db, p)) ? SUMMARY_SCORED : scoredCtes(withTier(p));
  const { rows } = await db.query<ScoredRow>(
    `WITH ${TYPED}, ${scored},
     chosen AS (SELECT *, count(*) OVER ()::int AS total FROM scored
       WHERE segment = $6 AND ${profilingAllowedSql('scored.member_id')}
       ORDER BY m DESC, net_minor DESC, member_id LIMIT $7 OFFSET $8)
     SELECT c.member_id, m.name, m.card_number, c.r, c.f, c.m, c.purchases::int AS purchases,
       c.net_minor, c.recency_days, c.total
     FROM chosen c JOIN member m ON m.id = c.member_id
     ORDER BY c.m DESC, c.net_minor DESC, c.member_id`,
    [...p, segment, limit, offset],
  );
  return rows;
}

/** One member's RFM segment over the period, scored among every member as the segments are. */
export async function memberSegment(
  db: Queryable,
  p: Params,
  memberId: string,
): Promise<string | null> {
  // The segment needs R and F only: no sort of every buyer by spend for one member's page. Over
  // the summary, only this member's cell is looked up in the R and F histograms.
  const sql = (await readsActivitySummary(db, p))
    ? SUMMARY_MEMBER_SEGMENT_SQL
    : `WITH ${TYPED}, ${buyerCtes(withTier(p))},\n${SEGMENT_BUYERS} SELECT segment FROM scored WHERE member_id = $6`;
  const { rows } = await db.query<{ segment: string }>(sql, [...p, memberId]);
  return rows[0]?.segment ?? null;
}

export interface MemberSummaryRow {
  buyers: number;
  repeaters: number;
  net_minor: number;
  sales: number;
  top_fifth_minor: number;
}

/**
 * Buyers, repeaters, members' net sales and sale count, and the net spend of the top fifth of
 * buyers ((buyers + 4) ÷ 5 of them, by spend then member id: uuid order is the id text's order).
 */
export async function memberSummary(db: Queryable, p: Params): Promise<MemberSummaryRow> {
  const { rows } = await db.query<MemberSummaryRow>(
    `WITH ${TYPED}, ${activityCtes(withTier(p))},
     placed AS (SELECT net_minor, row_number() OVER (ORDER BY net_minor DESC, member_id) AS place
       FROM in_tier WHERE purchases > 0)
     SELECT count(*) FILTER (WHERE purchases >= 1)::int AS buyers,
       count(*) FILTER (WHERE purchases >= 2)::int AS repeaters,
       coalesce(sum(net_minor), 0)::int8 AS net_minor,
       coalesce(sum(purchases), 0)::int8 AS sales,
       (SELECT coalesce(sum(net_minor), 0) FROM placed
         WHERE place <= ((SELECT count(*) FROM placed) + 4) / 5)::int8 AS top_fifth_minor
     FROM in_tier`,
    p,
  );
  const row = rows[0];
  if (!row) throw new Error('member summary returned no row');
  return row;
}

export interface TopMemberRow {
  member_id: string;
  name: string;
  card_number: string;
  net_minor: number;
  purchases: number;
  last_at: string;
}

export async function topMembers(db: Queryable, p: Params): Promise<TopMemberRow[]> {
  const { rows } = await db.query<TopMemberRow>(
    `WITH ${TYPED}, ${activityCtes(withTier(p))}
     SELECT a.member_id, m.name, m.card_number, a.net_minor, a.purchases::int AS purchases,
       a.last_at
     FROM in_tier a JOIN member m ON m.id = a.member_id
     WHERE a.purchases > 0 AND ${profilingAllowedSql('a.member_id')}
     ORDER BY a.net_minor DESC, a.member_id LIMIT ${TOP_MEMBERS}`,
    p,
  );
  return rows;
}

/** The currency most of the period's sales were in (a chain sells in one; null when none sold). */
export async function periodCurrency(db: Queryable, p: Params): Promise<string | null> {
  const { rows } = await db.query<{ currency: string | null }>(
    `WITH ${TYPED}
     SELECT currency FROM sale
     WHERE created_at >= $1 AND created_at < $2 AND ${inStore('store_id')} AND currency IS NOT NULL
     GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1`,
    p,
  );
  return rows[0]?.currency ?? null;
}

export async function nonMemberTickets(
  db: Queryable,
  p: Params,
): Promise<{ net_minor: number; sales: number }> {
  const { rows } = await db.query<{ net_minor: number; sales: number }>(
    `WITH ${TYPED}
     SELECT coalesce(sum(${goodsMinorSql('sale')}), 0)::int8 AS net_minor,
       count(*) FILTER (WHERE kind = 'sale')::int AS sales
     FROM sale
     WHERE member_id IS NULL AND created_at >= $1 AND created_at < $2 AND ${inStore('store_id')}`,
    p,
  );
  return rows[0] ?? { net_minor: 0, sales: 0 };
}

/** $6, $7, $8: the starts of the 365-, 90- and 30-day windows ending at the period end. */
export async function activeMembers(
  db: Queryable,
  p: Params,
  windows: { from365: string; from90: string; from30: string },
): Promise<{ days30: number; days90: number; days365: number }> {
  const tier = withTier(p);
  const { rows } = await db.query<{ days30: number; days90: number; days365: number }>(
    `WITH ${TYPED}, ${tier ? `${TIERED},` : ''}
     recent AS (
       SELECT coalesce(mm.merged_into, s.member_id) AS member_id, max(s.created_at) AS last_at
       FROM sale s
         LEFT JOIN (SELECT id, merged_into FROM member WHERE merged_into IS NOT NULL) mm
           ON mm.id = s.member_id
       WHERE s.kind = 'sale' AND s.member_id IS NOT NULL AND s.created_at >= $6
         AND s.created_at < $2 AND ${inStore('s.store_id')}
       GROUP BY 1)
     SELECT count(*) FILTER (WHERE r.last_at >= $8)::int AS days30,
       count(*) FILTER (WHERE r.last_at >= $7)::int AS days90, count(*)::int AS days365
     FROM recent r ${tier ? 'JOIN tiered t ON t.id = r.member_id WHERE t.tier_id = $4' : ''}`,
    [...p, windows.from365, windows.from90, windows.from30],
  );
  return rows[0] ?? { days30: 0, days90: 0, days365: 0 };
}

/** Members per tier at the period end: enrolled by then, at the store or buying there by then. */
export async function tierCounts(
  db: Queryable,
  p: Params,
): Promise<{ tierId: string; count: number }[]> {
  const { rows } = await db.query<{ tierId: string; count: number }>(
    `WITH ${TYPED}, ${TIERED}
     SELECT t.tier_id AS "tierId", count(*)::int AS count
     FROM tiered t JOIN member m ON m.id = t.id
     WHERE m.enrolled_at < $2 AND ($4::text IS NULL OR t.tier_id = $4)
       AND ($3::uuid IS NULL OR m.enrolled_store_id = $3::uuid
         OR EXISTS (SELECT 1 FROM sale s
           WHERE s.member_id = m.id AND s.store_id = $3::uuid AND s.created_at < $2))
     GROUP BY t.tier_id`,
    p,
  );
  return rows;
}

/** Tier changes terminals reported in the period (at the store's terminals), by (from, to). */
export async function tierChanges(
  db: Queryable,
  p: Params,
): Promise<{ fromTier: string | null; toTier: string; count: number }[]> {
  const { rows } = await db.query<{ fromTier: string | null; toTier: string; count: number }>(
    `WITH ${TYPED}, ${TIERED}
     SELECT coalesce(e.from_tier, $5) AS "fromTier", e.to_tier AS "toTier", count(*)::int AS count
     FROM tier_event e JOIN member m ON m.id = e.member_id
       JOIN tiered t ON t.id = coalesce(m.merged_into, m.id)
     WHERE e.created_at >= $1 AND e.created_at < $2 AND ${storeTerminals('e.terminal_id')}
       AND ($4::text IS NULL OR t.tier_id = $4)
     GROUP BY 1, 2`,
    p,
  );
  return rows;
}

/**
 * Points liability's points (shared/figures/liability.ts) at the end of each day, each member at
 * max(balance, 0), from the entries made before it (by when they happened at the till:
 * ledger/entryTime.ts). $6, $7, $8: each day's date, start and end.
 */
export async function pointsByDay(
  db: Queryable,
  p: Params,
  days: { date: string; startIso: string; endIso: string }[],
): Promise<{ opening: number; changes: { date: string; points: number }[] }> {
  const tier = withTier(p);
  const joinTier = tier
    ? `JOIN member m ON m.id = e.member_id JOIN tiered t ON t.id = coalesce(m.merged_into, m.id)
       AND t.tier_id = $4`
    : '';
  const head = `WITH ${TYPED}${tier ? `, ${TIERED}` : ''}`;
  // Each member counts for what they hold, never below 0: one member's debt is owed to the
  // shop, it does not cancel the points the shop owes the others. A day moves the total by what
  // each member's positive part moved: max(after, 0) − max(before, 0). One pass over the entries
  // gives both the opening (those made before the period) and each day's change; the opening is
  // the row without a date. An entry made in the period was recorded at most a day before it.
  const who = 'coalesce(w.merged_into, e.member_id)';
  const owner = `LEFT JOIN member w ON w.id = e.member_id ${entryOperationJoin('e', 'o')}`;
  const madeAt = entryMadeAt('e', 'o');
  const { rows } = await db.query<{ date: string | null; points: number }>(
    `${head},
     held AS (SELECT ${who} AS who, sum(e.points) AS points
       FROM points_entry e ${owner} ${joinTier}
       WHERE ${madeAt} < $1::text::timestamptz AND ${storeTerminals('e.terminal_id')}
       GROUP BY 1),
     day AS (SELECT * FROM unnest($6::text[], $7::timestamptz[], $8::timestamptz[])
       AS d(date, start_at, end_at)),
     made AS (SELECT ${who} AS who, e.points, ${madeAt} AS at
       FROM points_entry e ${owner} ${joinTier}
       WHERE e.recorded_at >= $1::text::timestamptz - ${ENTRY_CLOCK_ALLOWANCE}
         AND ${storeTerminals('e.terminal_id')}),
     daily AS (SELECT e.who, d.date, sum(e.points) AS delta
       FROM day d JOIN made e ON e.at >= d.start_at AND e.at < d.end_at
       GROUP BY 1, 2),
     run AS (SELECT daily.date, daily.delta,
         coalesce(held.points, 0)
           + sum(daily.delta) OVER (PARTITION BY daily.who ORDER BY daily.date) AS after
       FROM daily LEFT JOIN held ON held.who = daily.who)
     SELECT NULL::text AS date, coalesce(sum(greatest(points, 0)), 0)::int8 AS points FROM held
     UNION ALL
     SELECT date, sum(greatest(after, 0) - greatest(after - delta, 0))::int8 AS points
     FROM run GROUP BY date`,
    [...p, days.map((d) => d.date), days.map((d) => d.startIso), days.map((d) => d.endIso)],
  );
  const changes = rows.filter((row): row is { date: string; points: number } => row.date !== null);
  return { opening: rows.find((row) => row.date === null)?.points ?? 0, changes };
}

/**
 * Coupons issued in the period (at the store), per campaign, and how many of them were redeemed
 * by its end (redemptions less returns, anywhere in the chain).
 */
export async function couponsByCampaign(
  db: Queryable,
  p: Params,
): Promise<{ campaign_id: string; issued: number; redeemed: number }[]> {
  const tier = withTier(p);
  const { rows } = await db.query<{ campaign_id: string; issued: number; redeemed: number }>(
    `WITH ${TYPED}${tier ? `, ${TIERED}` : ''}
     SELECT c.campaign_id, count(*)::int AS issued,
       count(*) FILTER (WHERE (SELECT coalesce(sum(CASE u.kind WHEN 'redeemed' THEN 1 ELSE -1 END), 0)
         FROM coupon_use u WHERE u.coupon_id = c.id AND u.created_at < $2) > 0)::int AS redeemed
     FROM coupon c
       ${tier ? 'JOIN member m ON m.id = c.member_id JOIN tiered t ON t.id = coalesce(m.merged_into, m.id) AND t.tier_id = $4' : ''}
     WHERE c.issued_at IS NOT NULL AND c.issued_at >= $1 AND c.issued_at < $2
       AND ${inStore('c.issued_store_id')}
     GROUP BY c.campaign_id
     ORDER BY c.campaign_id`,
    p,
  );
  return rows;
}
