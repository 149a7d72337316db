/**
 * The consolidated report's statements (reports.ts), apart so that their query plans can
 * be tested (reportsIndexes.test.ts). Every range statement takes the same four parameters:
 * $1 the stores' ids, $2 their time zones, $3 the first day and $4 the last day.
 *
 * Figures count by when things happened at the till (a text `created_at` from the terminal), which
 * no index can narrow; each statement also bounds when head office recorded them, which an index
 * can: a terminal reports after it acts, a day of clock error allowed.
 */

/** Each store's [start, end) of the range in its own zone. */
const BOUNDS = `bounds AS (
    SELECT b.store_id, ($3::date::timestamp AT TIME ZONE b.tz) AS starts,
      (($4::date + 1)::timestamp AT TIME ZONE b.tz) AS ends
    FROM unnest($1::uuid[], $2::text[]) AS b (store_id, tz))`;

/** Sales, refunds and points paid per store and currency. */
export const SALES_STATEMENT = `WITH ${BOUNDS}
  SELECT s.store_id, s.currency,
    count(*) FILTER (WHERE s.kind = 'sale')::int8 AS sales_count,
    coalesce(sum(s.total_minor) FILTER (WHERE s.kind = 'sale'), 0)::int8 AS sales_minor,
    count(*) FILTER (WHERE s.kind = 'refund')::int8 AS refunds_count,
    coalesce(-sum(s.total_minor) FILTER (WHERE s.kind = 'refund'), 0)::int8
      AS refunds_minor,
    coalesce(sum(s.redeem_value_minor) FILTER (WHERE s.kind = 'sale'), 0)::int8
      AS points_paid_minor,
    count(*) FILTER (WHERE s.kind = 'sale' AND s.member_id IS NOT NULL)::int8
      AS member_sales
  FROM sale s JOIN bounds b ON b.store_id = s.store_id
  -- A sale reaches head office after it happens (a day of clock error allowed), so
  -- this bound lets the (store_id, recorded_at) index narrow the scan.
  WHERE s.recorded_at >= b.starts - interval '1 day'
    AND s.created_at::timestamptz >= b.starts AND s.created_at::timestamptz < b.ends
  GROUP BY s.store_id, s.currency`;

/** Points issued, redeemed, expired and adjusted per store. */
export const POINTS_STATEMENT = `WITH ${BOUNDS},
  -- Each entry once, at its time: its sale's, or when head office recorded it if it
  -- has no sale head office knows. The two halves read sales of the range through
  -- sale_store_recorded, then their entries through points_entry_sale, and the rest
  -- through points_entry_recorded. An entry counts for its own terminal's store.
  dated AS (
    SELECT p.terminal_id, p.kind, p.points, sa.created_at::timestamptz AS at
    FROM bounds sb
      JOIN sale sa ON sa.store_id = sb.store_id
        AND sa.recorded_at >= (SELECT min(starts) FROM bounds) - interval '1 day'
      JOIN points_entry p ON p.sale_id = sa.id
    WHERE sa.created_at::timestamptz >= (SELECT min(starts) FROM bounds)
      AND sa.created_at::timestamptz < (SELECT max(ends) FROM bounds)
    UNION ALL
    SELECT p.terminal_id, p.kind, p.points, p.recorded_at
    FROM points_entry p
    WHERE p.recorded_at >= (SELECT min(starts) FROM bounds)
      AND p.recorded_at < (SELECT max(ends) FROM bounds)
      AND (p.sale_id IS NULL
        OR NOT EXISTS (SELECT 1 FROM sale sa WHERE sa.id = p.sale_id)))
  SELECT t.store_id,
    coalesce(sum(d.points) FILTER (WHERE d.kind IN ('earn', 'bonus', 'reverse_earn')), 0)::int8
      AS issued,
    coalesce(-sum(d.points) FILTER (WHERE d.kind IN ('redeem', 'reverse_redeem')), 0)::int8
      AS redeemed,
    coalesce(-sum(d.points) FILTER (WHERE d.kind = 'expire'), 0)::int8 AS expired,
    coalesce(sum(d.points) FILTER (WHERE d.kind NOT IN
      ('earn', 'bonus', 'reverse_earn', 'redeem', 'reverse_redeem', 'expire')), 0)::int8
      AS adjusted
  FROM dated d
    JOIN terminal t ON t.id = d.terminal_id
    JOIN bounds b ON b.store_id = t.store_id
  WHERE d.at >= b.starts AND d.at < b.ends
  GROUP BY t.store_id`;

/** New members per store where they enrolled (a merged newcomer is not new). */
export const MEMBERS_STATEMENT = `WITH ${BOUNDS}
  SELECT m.enrolled_store_id AS store_id, count(*)::int8 AS new_members
  FROM bounds b JOIN member m ON m.enrolled_store_id = b.store_id
  -- Head office hears of an enrollment after it happens (member_store_arrived).
  WHERE m.merged_into IS NULL AND m.arrived_at >= b.starts - interval '1 day'
    AND m.enrolled_at::timestamptz >= b.starts AND m.enrolled_at::timestamptz < b.ends
  GROUP BY m.enrolled_store_id`;

/** Coupon discounts given less those given back, per store. */
export const COUPONS_STATEMENT = `WITH ${BOUNDS}
  SELECT u.store_id, coalesce(sum(u.discount_minor), 0)::int8 AS discounts
  FROM coupon_use u JOIN bounds b ON b.store_id = u.store_id
  -- As above, through coupon_use_store_recorded.
  WHERE u.recorded_at >= b.starts - interval '1 day'
    AND u.created_at::timestamptz >= b.starts AND u.created_at::timestamptz < b.ends
  GROUP BY u.store_id`;

/**
 * The points members hold (positive balances only, a merged member's with its survivor's) at $1,
 * chain-wide. Each member's cached balance (member_balance, moved in the transaction of every
 * entry) less what was recorded from $1 on: the ledger before $1 summed, without reading it all.
 * Entries recorded since $1 come through points_entry_recorded.
 */
export const LIABILITY_STATEMENT = `WITH moves AS (
    SELECT member_id, points FROM member_balance
    UNION ALL
    SELECT member_id, -points FROM points_entry WHERE recorded_at >= $1)
  SELECT coalesce(sum(greatest(balance, 0)), 0)::int8 AS points FROM (
    SELECT coalesce(m.merged_into, v.member_id) AS member_id, sum(v.points) AS balance
    FROM moves v LEFT JOIN member m ON m.id = v.member_id
    GROUP BY 1) AS balances`;
