import { giftCardsSoldSql } from '../../shared/figures/figures';
import { ENTRY_CLOCK_ALLOWANCE, entryMadeAt, entryOperationJoin } from '../ledger/entryTime';

/**
 * The consolidated report's statements (reports.ts), apart so that their query plans can
 * be tested (reportsIndexes.test.ts). Every range statement takes the same three parameters:
 * $1 the stores' ids, $2 when each store's first business day starts and $3 when its last one
 * ends (reports.ts works them out with the terminal's own business-day rule).
 *
 * Each returns small groups of rows, which shared/figures folds into the figures exactly as the
 * till folds its own: the definitions are there, not here.
 *
 * Figures count by when things happened at the till (a text `created_at` from the terminal), which
 * no index can narrow; each statement also bounds when head office recorded them, which an index
 * can: a terminal reports after it acts, a day of clock error allowed.
 */

/** Each store's [start, end) of the range. */
const BOUNDS = `bounds AS (
    SELECT b.store_id, b.starts, b.ends
    FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS b (store_id, starts, ends))`;

/**
 * Sales and refunds per store, currency, kind and whether a member was attached: the group rows
 * of shared/figures's SaleGroup. Each row's gift cards sold come through stored_value_entry_sold.
 */
export const SALES_STATEMENT = `WITH ${BOUNDS}
  SELECT s.store_id, s.currency, s.kind, s.member_id IS NOT NULL AS member, count(*)::int8 AS n,
    coalesce(sum(s.total_minor), 0)::int8 AS total,
    coalesce(sum(${giftCardsSoldSql('s')}), 0)::int8 AS gift_cards_sold,
    coalesce(sum(s.redeem_value_minor), 0)::int8 AS points_paid,
    coalesce(sum(s.gift_card_minor), 0)::int8 AS gift_card_paid
  FROM sale s JOIN bounds b ON b.store_id = s.store_id
  -- A sale reaches head office after it happens (a day of clock error allowed), so
  -- this bound lets the (store_id, recorded_at) index narrow the scan.
  WHERE s.recorded_at >= b.starts - ${ENTRY_CLOCK_ALLOWANCE}
    AND s.created_at::timestamptz >= b.starts AND s.created_at::timestamptz < b.ends
  GROUP BY s.store_id, s.currency, s.kind, member`;

/** Points per store and entry kind: shared/figures's PointsGroup rows. */
export const POINTS_STATEMENT = `WITH ${BOUNDS},
  -- Each entry once, at the time it happened (ledger/entryTime.ts). The two halves read sales
  -- of the range through sale_store_recorded, then their entries through points_entry_sale;
  -- and the rest (no sale head office knows) through points_entry_recorded, each at its
  -- operation's time. An entry counts for its own terminal's store.
  dated AS (
    SELECT p.terminal_id, p.kind, p.points, sa.created_at::timestamptz AS at
    FROM bounds sb
      JOIN sale sa ON sa.store_id = sb.store_id
        AND sa.recorded_at >= (SELECT min(starts) FROM bounds) - ${ENTRY_CLOCK_ALLOWANCE}
      JOIN points_entry p ON p.sale_id = sa.id
    WHERE sa.created_at::timestamptz >= (SELECT min(starts) FROM bounds)
      AND sa.created_at::timestamptz < (SELECT max(ends) FROM bounds)
    UNION ALL
    SELECT p.terminal_id, p.kind, p.points, ${entryMadeAt('p', 'o')}
    FROM points_entry p ${entryOperationJoin('p', 'o')}
    WHERE p.recorded_at >= (SELECT min(starts) FROM bounds) - ${ENTRY_CLOCK_ALLOWANCE}
      AND (p.sale_id IS NULL
        OR NOT EXISTS (SELECT 1 FROM sale sa WHERE sa.id = p.sale_id)))
  SELECT t.store_id, d.kind, sum(d.points)::int8 AS points
  FROM dated d
    JOIN terminal t ON t.id = d.terminal_id
    JOIN bounds b ON b.store_id = t.store_id
  WHERE d.at >= b.starts AND d.at < b.ends
  GROUP BY t.store_id, d.kind`;

/** New members per store where they enrolled (a merged newcomer is not new). */
export const MEMBERS_STATEMENT = `WITH ${BOUNDS}
  SELECT m.enrolled_store_id AS store_id, count(*)::int8 AS new_members
  FROM bounds b JOIN member m ON m.enrolled_store_id = b.store_id
  -- Head office hears of an enrollment after it happens (member_store_arrived).
  WHERE m.merged_into IS NULL AND m.arrived_at >= b.starts - ${ENTRY_CLOCK_ALLOWANCE}
    AND m.enrolled_at::timestamptz >= b.starts AND m.enrolled_at::timestamptz < b.ends
  GROUP BY m.enrolled_store_id`;

/** Coupon uses per store and kind, with their discounts: shared/figures's CouponUseGroup rows. */
export const COUPONS_STATEMENT = `WITH ${BOUNDS}
  SELECT u.store_id, u.kind, count(*)::int8 AS n,
    coalesce(sum(u.discount_minor), 0)::int8 AS discount
  FROM coupon_use u JOIN bounds b ON b.store_id = u.store_id
  -- As above, through coupon_use_store_recorded.
  WHERE u.recorded_at >= b.starts - ${ENTRY_CLOCK_ALLOWANCE}
    AND u.created_at::timestamptz >= b.starts AND u.created_at::timestamptz < b.ends
  GROUP BY u.store_id, u.kind`;

/**
 * The points members hold at the cut-off $1, chain-wide (shared/figures/liability.ts): each
 * member's cached balance (member_balance, moved in the transaction of every entry; a merged
 * member's with its survivor's) less the entries made from $1 on, counted at zero when negative.
 * Those entries were recorded at most a day before $1, so points_entry_recorded finds them
 * without reading the whole ledger.
 */
export const LIABILITY_STATEMENT = `WITH moves AS (
    SELECT member_id, points FROM member_balance
    UNION ALL
    SELECT p.member_id, -p.points FROM points_entry p ${entryOperationJoin('p', 'o')}
    WHERE p.recorded_at >= $1::timestamptz - ${ENTRY_CLOCK_ALLOWANCE}
      AND ${entryMadeAt('p', 'o')} >= $1::timestamptz)
  SELECT coalesce(sum(greatest(balance, 0)), 0)::int8 AS points FROM (
    SELECT coalesce(m.merged_into, v.member_id) AS member_id, sum(v.points) AS balance
    FROM moves v LEFT JOIN member m ON m.id = v.member_id
    GROUP BY 1) AS balances`;
