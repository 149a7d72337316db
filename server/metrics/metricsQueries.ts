import type { CohortCounts, MonthCounts } from '../../shared/figures/retention';
import { goodsMinorSql } from '../../shared/figures/figures';
import type { MonthBounds } from '../../shared/figures/months';
import type { Queryable } from '../db/database';
import { TIER_EVENT_PREDICATE } from '../analytics/rfmStatement';

/**
 * The Metrics page's statements (shared/figures/retention.ts and bgnbd.ts say what the rows
 * mean). Months come in as two text arrays, starts and ends, computed in the analyst's zone
 * (shared/figures/months.ts), so a sale's month is a range comparison on its ISO text. A member
 * merged into another counts as the survivor.
 */
const MONTHS = `months AS (
  SELECT (u.i - 1)::int AS idx, u.month, u.start_at, u.end_at
  FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(month, start_at, end_at, i))`;

const monthParams = (months: readonly MonthBounds[]) => [
  months.map((m) => m.month),
  months.map((m) => m.startIso),
  months.map((m) => m.endIso),
];

/** Every member sale and refund, under the surviving member's id. */
const MEMBER_SALES = `member_sale AS (
  SELECT coalesce(mb.merged_into, s.member_id) AS member_id, s.kind, s.store_id, s.created_at,
    ${goodsMinorSql('s')} AS goods_minor
  FROM sale s JOIN member mb ON mb.id = s.member_id)`;

/**
 * Cohorts whose first purchase ever falls in the months given: members, and per later month
 * (up to the last given) who bought and what the cohort spent. $4: the start of the first month.
 */
export async function cohortCounts(
  db: Queryable,
  months: readonly MonthBounds[],
): Promise<CohortCounts[]> {
  const { rows } = await db.query<{
    cohort: string;
    members: number;
    age: number | null;
    active: number | null;
    spend: string | null;
  }>(
    `WITH ${MONTHS}, ${MEMBER_SALES},
     first_purchase AS (
       SELECT member_id, min(created_at) AS first_at FROM member_sale WHERE kind = 'sale'
       GROUP BY member_id),
     cohort AS (
       SELECT f.member_id, m.idx AS cohort_idx FROM first_purchase f
       JOIN months m ON f.first_at >= m.start_at AND f.first_at < m.end_at),
     size AS (SELECT cohort_idx, count(*)::int AS members FROM cohort GROUP BY cohort_idx),
     later AS (
       SELECT c.cohort_idx, m.idx - c.cohort_idx AS age,
         count(DISTINCT s.member_id) FILTER (WHERE s.kind = 'sale')::int AS active,
         sum(s.goods_minor)::int8 AS spend
       FROM cohort c JOIN member_sale s ON s.member_id = c.member_id
       JOIN months m ON s.created_at >= m.start_at AND s.created_at < m.end_at
       GROUP BY 1, 2)
     SELECT m.month AS cohort, z.members, l.age, l.active, l.spend
     FROM size z JOIN months m ON m.idx = z.cohort_idx
     LEFT JOIN later l ON l.cohort_idx = z.cohort_idx
     ORDER BY m.idx, l.age`,
    monthParams(months),
  );
  const byCohort = new Map<string, CohortCounts>();
  for (const row of rows) {
    let c = byCohort.get(row.cohort);
    if (!c) {
      const later = months.length - months.findIndex((m) => m.month === row.cohort);
      c = {
        cohort: row.cohort,
        members: row.members,
        active: new Array<number>(later).fill(0),
        spendMinor: new Array<number>(later).fill(0),
      };
      byCohort.set(row.cohort, c);
    }
    if (row.age !== null && row.age >= 0 && row.age < c.active.length) {
      c.active[row.age] = row.active ?? 0;
      c.spendMinor[row.age] = Number(row.spend ?? 0);
    }
  }
  return [...byCohort.values()];
}

export interface ScopedMonthCounts extends MonthCounts {
  scope: 'chain' | 'store' | 'tier';
  key: string;
}

/**
 * Per month (the first given month is only the "month before" of the second), for the chain,
 * each store and each tier: who bought, who bought twice, who bought the month before and who
 * of them lapsed. A store counts purchases at that store; a tier, the members holding it at the
 * month's end (the latest tier event before it, else $4, the first tier), and lapsing there
 * means buying nowhere the next month.
 */
export async function monthCounts(
  db: Queryable,
  months: readonly MonthBounds[],
  firstTier: string,
): Promise<ScopedMonthCounts[]> {
  const { rows } = await db.query<{
    scope: 'chain' | 'store' | 'tier';
    key: string;
    month: string;
    buyers: number;
    repeaters: number;
    previous_buyers: number;
    lapsed: number;
  }>(
    `WITH ${MONTHS}, ${MEMBER_SALES},
     bought AS (
       SELECT s.member_id, s.store_id, m.idx, m.end_at, count(*)::int AS purchases
       FROM member_sale s JOIN months m ON s.created_at >= m.start_at AND s.created_at < m.end_at
       WHERE s.kind = 'sale'
       GROUP BY 1, 2, 3, 4),
     chain AS (
       SELECT member_id, idx, min(end_at) AS end_at, sum(purchases)::int AS purchases
       FROM bought GROUP BY 1, 2),
     scoped AS (
       SELECT 'chain' AS scope, '' AS key, member_id, idx, purchases FROM chain
       UNION ALL
       SELECT 'store', store_id::text, member_id, idx, purchases FROM bought
       UNION ALL
       SELECT 'tier', coalesce((
           SELECT CASE o.type WHEN 'sale.recorded' THEN o.payload ->> 'tierAfter'
             ELSE o.payload ->> 'toTier' END
           FROM sync_op o
           WHERE (o.payload ->> 'memberId') = c.member_id::text AND o.created_at < c.end_at
             AND ${TIER_EVENT_PREDICATE}
           ORDER BY o.created_at DESC, o.seq DESC LIMIT 1), $4::text),
         member_id, idx, purchases
       FROM chain c),
     this_month AS (
       SELECT scope, key, idx, count(*)::int AS buyers,
         count(*) FILTER (WHERE purchases >= 2)::int AS repeaters
       FROM scoped GROUP BY 1, 2, 3),
     month_before AS (
       SELECT p.scope, p.key, p.idx + 1 AS idx, count(*)::int AS previous_buyers,
         count(*) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM scoped c
           WHERE c.scope = CASE p.scope WHEN 'store' THEN 'store' ELSE 'chain' END
             AND c.key = CASE p.scope WHEN 'store' THEN p.key ELSE '' END
             AND c.member_id = p.member_id AND c.idx = p.idx + 1))::int AS lapsed
       FROM scoped p GROUP BY 1, 2, 3)
     SELECT coalesce(t.scope, b.scope) AS scope, coalesce(t.key, b.key) AS key, m.month,
       coalesce(t.buyers, 0) AS buyers, coalesce(t.repeaters, 0) AS repeaters,
       coalesce(b.previous_buyers, 0) AS previous_buyers, coalesce(b.lapsed, 0) AS lapsed
     FROM this_month t FULL JOIN month_before b
       ON b.scope = t.scope AND b.key = t.key AND b.idx = t.idx
     JOIN months m ON m.idx = coalesce(t.idx, b.idx)
     WHERE m.idx >= 1
     ORDER BY 1, 2, m.idx`,
    [...monthParams(months), firstTier],
  );
  return rows.map((r) => ({
    scope: r.scope,
    key: r.key,
    month: r.month,
    buyers: r.buyers,
    repeaters: r.repeaters,
    previousBuyers: r.previous_buyers,
    lapsed: r.lapsed,
  }));
}

/** Members' histories for BG/NBD, grouped: equal (cohort, x, tx, T, held back) share a row. */
export interface HistoryRow {
  cohort: string;
  x: number;
  tx: number;
  T: number;
  heldBack: number;
  count: number;
  /** Σ over the row's members of their mean spend per purchase day before the cutoff. */
  meanSpendMinor: number;
  /** Σ of what they spent in the held-back period. */
  heldBackSpendMinor: number;
}

/**
 * Per member who bought before `cutoffIso`: purchase days (distinct calendar days in the zone
 * with a sale) before it, x = those − 1, tx and T in days from the first (T up to the cutoff's
 * day), mean spend per purchase day before the cutoff, and purchase days and spend from the
 * cutoff to `endIso` (the held-back period; nothing when they are equal).
 */
export async function memberHistories(
  db: Queryable,
  cutoffIso: string,
  endIso: string,
  timeZone: string,
): Promise<HistoryRow[]> {
  const { rows } = await db.query<{
    cohort: string;
    x: number;
    tx: number;
    t: number;
    held_back: number;
    count: number;
    mean_spend: string;
    held_back_spend: string;
  }>(
    `WITH ${MEMBER_SALES},
     dated AS (
       SELECT member_id, kind, created_at, goods_minor,
         (created_at::timestamptz AT TIME ZONE $3)::date AS day
       FROM member_sale WHERE created_at < $2),
     per_member AS (
       SELECT member_id,
         min(day) FILTER (WHERE kind = 'sale' AND created_at < $1) AS first_day,
         max(day) FILTER (WHERE kind = 'sale' AND created_at < $1) AS last_day,
         count(DISTINCT day) FILTER (WHERE kind = 'sale' AND created_at < $1) AS days,
         coalesce(sum(goods_minor) FILTER (WHERE created_at < $1), 0) AS spend,
         count(DISTINCT day) FILTER (WHERE kind = 'sale' AND created_at >= $1) AS held_back,
         coalesce(sum(goods_minor) FILTER (WHERE created_at >= $1), 0) AS held_back_spend
       FROM dated GROUP BY member_id)
     SELECT to_char(first_day, 'YYYY-MM') AS cohort, (days - 1)::int AS x,
       (last_day - first_day)::int AS tx,
       (($1::timestamptz AT TIME ZONE $3)::date - first_day)::int AS t,
       held_back::int AS held_back, count(*)::int AS count,
       sum(spend::numeric / days) AS mean_spend, sum(held_back_spend) AS held_back_spend
     FROM per_member WHERE first_day IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5`,
    [cutoffIso, endIso, timeZone],
  );
  return rows.map((r) => ({
    cohort: r.cohort,
    x: r.x,
    tx: r.tx,
    T: r.t,
    heldBack: r.held_back,
    count: r.count,
    meanSpendMinor: Number(r.mean_spend),
    heldBackSpendMinor: Number(r.held_back_spend),
  }));
}

/** The currency most member sales of the months were in. */
export async function monthsCurrency(
  db: Queryable,
  startIso: string,
  endIso: string,
): Promise<string | null> {
  const { rows } = await db.query<{ currency: string | null }>(
    `SELECT currency FROM sale
     WHERE created_at >= $1 AND created_at < $2 AND currency IS NOT NULL
     GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1`,
    [startIso, endIso],
  );
  return rows[0]?.currency ?? null;
}
