import { goodsMinorSql } from '../../shared/figures/figures';
import type { Queryable } from '../db/database';

/**
 * The member activity summary's invariant (migrations 0008 and 0009): each member's row equals
 * what their sales add up to, net spend leaving out the gift cards they sold (shared/figures), and
 * no row exists without a sale. Returns the member ids where it does not
 * hold; [] when the summary is right.
 */
export async function memberActivityDrift(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ member_id: string }>(
    `WITH truth AS (
       SELECT s.member_id, count(*) FILTER (WHERE s.kind = 'sale')::int AS purchases,
         sum(${goodsMinorSql('s')})::int8 AS net_spend_minor,
         min(s.created_at::timestamptz) FILTER (WHERE s.kind = 'sale') AS first_purchase_at,
         max(s.created_at::timestamptz) FILTER (WHERE s.kind = 'sale') AS last_purchase_at
       FROM sale s
       WHERE s.member_id IS NOT NULL GROUP BY s.member_id)
     SELECT coalesce(t.member_id, a.member_id) AS member_id
     FROM truth t FULL JOIN member_activity a ON a.member_id = t.member_id
     WHERE (t.purchases, t.net_spend_minor, t.first_purchase_at, t.last_purchase_at)
       IS DISTINCT FROM (a.purchases, a.net_spend_minor, a.first_purchase_at, a.last_purchase_at)
     ORDER BY 1`,
  );
  return rows.map((row) => row.member_id);
}

export interface ActivityRow {
  purchases: number;
  net_spend_minor: number;
  first_purchase_at: Date | null;
  last_purchase_at: Date | null;
}

/** One member's summary row, or null. */
export async function activityOf(db: Queryable, memberId: string): Promise<ActivityRow | null> {
  const { rows } = await db.query<ActivityRow>(
    `SELECT purchases, net_spend_minor, first_purchase_at, last_purchase_at
     FROM member_activity WHERE member_id = $1`,
    [memberId],
  );
  return rows[0] ?? null;
}
