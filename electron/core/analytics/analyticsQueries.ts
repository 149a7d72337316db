import { profilingAllowedSql } from '../../../shared/rules/profiling';
import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/statements';
import { goodsMinorSql } from '../../../shared/figures/figures';

/**
 * The SQL behind the terminal's analytics: this terminal's ledger over a period, optionally for
 * the members of one tier. Reads only. Every query takes the same named parameters:
 * `start`/`end` (the period's instants as ISO text), `tier` (a tier id or null) and `firstTier`
 * (the tier of members with no tier change).
 *
 * A member merged into another at head office counts as the one it was merged into. A member's
 * tier is the one held at the period end (`tiered`), from the tier_change ledger.
 */
export interface PeriodParams {
  start: string;
  end: string;
  tier: string | null;
  firstTier: string;
}

const tiered = `tiered AS (
  SELECT m.id, coalesce((SELECT t.to_tier FROM tier_change t
      WHERE t.member_id = m.id AND t.created_at < @end ORDER BY t.change_no DESC LIMIT 1),
    @firstTier) AS tier_id
  FROM member m WHERE m.merged_into IS NULL)`;

/**
 * Sales and refunds of members, each under the member that survives a merge, with its net goods
 * amount (shared/figures: the gift cards a row sold are not sales).
 */
const owned = `owned AS (
  SELECT coalesce(m.merged_into, m.id) AS member_id, s.kind, ${goodsMinorSql('s')} AS goods_minor,
    s.created_at
  FROM sale s JOIN member m ON m.id = s.member_id
  WHERE s.created_at >= @start AND s.created_at < @end)`;

const inTier = '(@tier IS NULL OR t.tier_id = @tier)';

export interface MemberActivityRow {
  member_id: string;
  purchases: number;
  net_minor: number;
  last_at: string | null;
}

/** Exported for the query-plan test: the period's sales are read through an index on created_at. */
export const MEMBER_ACTIVITY_SQL = `WITH ${tiered}, ${owned}
  SELECT o.member_id, sum(o.kind = 'sale') AS purchases, sum(o.goods_minor) AS net_minor,
    max(CASE WHEN o.kind = 'sale' THEN o.created_at END) AS last_at
  FROM owned o JOIN tiered t ON t.id = o.member_id
  WHERE ${inTier}
  GROUP BY o.member_id`;

/** One row per member with a sale or refund in the period: purchases, net spend, last purchase. */
export function memberActivity(db: Database.Database, p: PeriodParams): MemberActivityRow[] {
  return prepared(db, MEMBER_ACTIVITY_SQL).all(p) as MemberActivityRow[];
}

/** Net sales and sale count of tickets without a member (a tier filter does not apply to them). */
export function nonMemberTickets(
  db: Database.Database,
  p: Pick<PeriodParams, 'start' | 'end'>,
): { net_minor: number; sales: number } {
  return prepared(
    db,
    `SELECT coalesce(sum(${goodsMinorSql('sale')}), 0) AS net_minor,
       coalesce(sum(kind = 'sale'), 0) AS sales
     FROM sale WHERE member_id IS NULL AND created_at >= @start AND created_at < @end`,
  ).get(p) as { net_minor: number; sales: number };
}

/** Members with a purchase in each window ending at the period end. */
export function activeMembers(
  db: Database.Database,
  p: PeriodParams & { from30: string; from90: string; from365: string },
): { days30: number; days90: number; days365: number } {
  return prepared(
    db,
    `WITH ${tiered},
     recent AS (
       SELECT coalesce(m.merged_into, m.id) AS member_id, max(s.created_at) AS last_at
       FROM sale s JOIN member m ON m.id = s.member_id
       WHERE s.kind = 'sale' AND s.created_at >= @from365 AND s.created_at < @end
       GROUP BY 1)
     SELECT coalesce(sum(r.last_at >= @from30), 0) AS days30,
       coalesce(sum(r.last_at >= @from90), 0) AS days90, count(*) AS days365
     FROM recent r JOIN tiered t ON t.id = r.member_id
     WHERE ${inTier}`,
  ).get(p) as { days30: number; days90: number; days365: number };
}

/**
 * Members per tier at the period end: those enrolled by then who belong to this store, i.e.
 * were enrolled here or bought here by then.
 */
export function tierCounts(
  db: Database.Database,
  p: PeriodParams,
): { tierId: string; count: number }[] {
  return prepared(
    db,
    `WITH ${tiered}
     SELECT t.tier_id AS tierId, count(*) AS count
     FROM tiered t JOIN member m ON m.id = t.id
     WHERE m.enrolled_at < @end AND ${inTier}
       AND (m.origin = 'local'
         OR EXISTS (SELECT 1 FROM sale s WHERE s.member_id = m.id AND s.created_at < @end))
     GROUP BY t.tier_id`,
  ).all(p) as { tierId: string; count: number }[];
}

/**
 * Tier changes in the period, by (from, to), for members in the chosen tier at its end.
 * Exported for the query-plan test: a period of tier changes reads tier_change_created_at.
 */
export const TIER_CHANGES_SQL = `WITH ${tiered}
  SELECT coalesce(c.from_tier, @firstTier) AS fromTier, c.to_tier AS toTier, count(*) AS count
  FROM tier_change c JOIN member m ON m.id = c.member_id
    JOIN tiered t ON t.id = coalesce(m.merged_into, m.id)
  WHERE c.created_at >= @start AND c.created_at < @end AND ${inTier}
  GROUP BY 1, 2`;

export function tierChanges(
  db: Database.Database,
  p: PeriodParams,
): { fromTier: string | null; toTier: string; count: number }[] {
  return prepared(db, TIER_CHANGES_SQL).all(p) as {
    fromTier: string | null;
    toTier: string;
    count: number;
  }[];
}

/**
 * Points liability's points (shared/figures/liability.ts) at the end of each day: before the
 * period, then each day's change. `days` is JSON: [[date, startIso, endIso], …], made by the
 * caller in the shop's time zone.
 */
export function pointsByDay(
  db: Database.Database,
  p: PeriodParams & { days: string },
): { opening: number; changes: { date: string; points: number }[] } {
  // Each member counts for what they hold, never below 0: one member's debt is owed to the shop,
  // it does not cancel the points the shop owes the others. What a member held when the period
  // began is their balance on this till less this till's entries since (as the X and Z reports
  // count it: reportQueries.ts), so only the entries from the period on are read. A day moves
  // the total by what each member's positive part moved: max(after, 0) − max(before, 0). The
  // opening is the row without a date.
  const rows = prepared(
    db,
    `WITH ${tiered},
     since AS (SELECT coalesce(w.merged_into, e.member_id) AS who, sum(e.points) AS points
       FROM points_entry e JOIN member w ON w.id = e.member_id
       WHERE e.created_at >= @start
       GROUP BY 1),
     held AS (SELECT m.id AS who, m.points_balance - coalesce(s.points, 0) AS points
       FROM tiered t JOIN member m ON m.id = t.id LEFT JOIN since s ON s.who = m.id
       WHERE ${inTier}),
     day AS (SELECT value ->> 0 AS date, value ->> 1 AS start_at, value ->> 2 AS end_at
       FROM json_each(@days)),
     daily AS (SELECT coalesce(m.merged_into, m.id) AS who, d.date, sum(e.points) AS delta
       FROM day d JOIN points_entry e ON e.created_at >= d.start_at AND e.created_at < d.end_at
         JOIN member m ON m.id = e.member_id
         JOIN tiered t ON t.id = coalesce(m.merged_into, m.id)
       WHERE ${inTier}
       GROUP BY 1, 2),
     run AS (SELECT daily.date, daily.delta,
         coalesce(held.points, 0)
           + sum(daily.delta) OVER (PARTITION BY daily.who ORDER BY daily.date) AS after
       FROM daily LEFT JOIN held ON held.who = daily.who)
     SELECT NULL AS date, coalesce(sum(max(points, 0)), 0) AS points FROM held
     UNION ALL
     SELECT date, sum(max(after, 0) - max(after - delta, 0)) AS points
     FROM run GROUP BY date`,
  ).all(p) as { date: string | null; points: number }[];
  const changes = rows.filter((row): row is { date: string; points: number } => row.date !== null);
  return { opening: rows.find((row) => row.date === null)?.points ?? 0, changes };
}

/**
 * Coupons this terminal issued in the period, per campaign, and how many of them were redeemed
 * (redemptions less returns, here, by the period end). Coupons learned from head office have no
 * issuing staff on this terminal and are left out. With a tier filter, bearer coupons are too.
 */
export function couponsByCampaign(
  db: Database.Database,
  p: PeriodParams,
): { campaign_id: string; issued: number; redeemed: number }[] {
  return prepared(
    db,
    `WITH ${tiered}
     SELECT c.campaign_id, count(*) AS issued,
       sum(coalesce((SELECT sum(CASE u.kind WHEN 'redeemed' THEN 1 ELSE -1 END) FROM coupon_use u
         WHERE u.coupon_id = c.id AND u.created_at < @end), 0) > 0) AS redeemed
     FROM coupon c LEFT JOIN member m ON m.id = c.member_id
       LEFT JOIN tiered t ON t.id = coalesce(m.merged_into, m.id)
     WHERE c.staff_id IS NOT NULL AND c.created_at >= @start AND c.created_at < @end
       AND (@tier IS NULL OR t.tier_id = @tier)
     GROUP BY c.campaign_id
     ORDER BY c.campaign_id`,
  ).all(p) as { campaign_id: string; issued: number; redeemed: number }[];
}

export function memberNames(
  db: Database.Database,
  ids: readonly string[],
): Map<string, { name: string; cardNumber: string }> {
  const rows = prepared(
    db,
    `SELECT m.id, m.name, m.card_number FROM json_each(?) j JOIN member m ON m.id = j.value`,
  ).all(JSON.stringify(ids)) as { id: string; name: string; card_number: string }[];
  return new Map(rows.map((r) => [r.id, { name: r.name, cardNumber: r.card_number }]));
}

/** Of these members, those who allow profiling (shared/rules/profiling.ts): the drill-downs' own. */
export function profilingAllowedAmong(db: Database.Database, ids: readonly string[]): Set<string> {
  const rows = prepared(
    db,
    `SELECT j.value AS id FROM json_each(?) j WHERE ${profilingAllowedSql('j.value')}`,
  ).all(JSON.stringify(ids)) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
