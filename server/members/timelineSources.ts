import type { TimelineKind } from '../../shared/office/members';
import type { Queryable } from '../db/database';

/** One row of a member's timeline as a source reads it ($1: the member's ids, merges included). */
export interface TimelineRow {
  at: Date | string;
  kind: TimelineKind;
  store_name: string | null;
  amount_minor: number | null;
  points: number | null;
  reference: string;
}

/**
 * Where a member's timeline comes from: one statement per kind of event, each reading the table
 * its one writer keeps. A new kind of event (feedback, complaints, messages, campaign
 * assignments) is one more entry here and one more kind in shared/office/members.ts. Each reads
 * at most `$2` rows, newest first; the page merges them.
 */
export const timelineSources: readonly { kind: string; sql: string }[] = [
  {
    kind: 'enrolled',
    sql: `SELECT enrolled_at AS at, 'enrolled' AS kind, enrolled_store_name AS store_name,
        NULL::int8 AS amount_minor, NULL::int8 AS points, card_number AS reference
      FROM member WHERE id = ANY($1::uuid[]) ORDER BY enrolled_at DESC LIMIT $2`,
  },
  {
    kind: 'sale',
    sql: `SELECT s.created_at AS at, s.kind, st.name AS store_name, s.total_minor AS amount_minor,
        (s.points_earned - s.points_redeemed) AS points, s.number AS reference
      FROM sale s JOIN store st ON st.id = s.store_id
      WHERE s.member_id = ANY($1::uuid[]) ORDER BY s.created_at DESC LIMIT $2`,
  },
  {
    // Points not carried by a sale: bonuses, adjustments, expiries.
    kind: 'points',
    sql: `SELECT e.recorded_at AS at, 'points' AS kind, st.name AS store_name,
        NULL::int8 AS amount_minor, e.points, e.kind AS reference
      FROM points_entry e JOIN terminal t ON t.id = e.terminal_id JOIN store st ON st.id = t.store_id
      WHERE e.member_id = ANY($1::uuid[]) AND e.sale_id IS NULL
      ORDER BY e.recorded_at DESC LIMIT $2`,
  },
  {
    kind: 'coupon_issued',
    sql: `SELECT coalesce(c.issued_at::timestamptz, c.first_seen_at) AS at, 'coupon_issued' AS kind,
        st.name AS store_name, NULL::int8 AS amount_minor, NULL::int8 AS points, c.code AS reference
      FROM coupon c LEFT JOIN store st ON st.id = c.issued_store_id
      WHERE c.member_id = ANY($1::uuid[]) ORDER BY 1 DESC LIMIT $2`,
  },
  {
    kind: 'coupon_redeemed',
    sql: `SELECT s.created_at AS at, 'coupon_redeemed' AS kind, st.name AS store_name,
        NULL::int8 AS amount_minor, NULL::int8 AS points, c.code AS reference
      FROM coupon c JOIN sale s ON s.id = c.redeemed_sale_id JOIN store st ON st.id = s.store_id
      WHERE c.member_id = ANY($1::uuid[]) ORDER BY s.created_at DESC LIMIT $2`,
  },
  {
    kind: 'gift_card',
    sql: `SELECT v.created_at AS at, 'gift_card' AS kind, st.name AS store_name,
        v.amount_minor, NULL::int8 AS points, g.code AS reference
      FROM sale s JOIN stored_value_entry v ON v.sale_id = s.id
        JOIN gift_card g ON g.id = v.gift_card_id JOIN store st ON st.id = v.store_id
      WHERE s.member_id = ANY($1::uuid[]) ORDER BY v.created_at DESC LIMIT $2`,
  },
  {
    // Someone this member referred joined: no one else's details, only where and when.
    kind: 'referral',
    sql: `SELECT r.enrolled_at AS at, 'referral' AS kind, r.enrolled_store_name AS store_name,
        NULL::int8 AS amount_minor, NULL::int8 AS points, '' AS reference
      FROM member r WHERE r.referred_by = ANY($1::uuid[]) ORDER BY r.enrolled_at DESC LIMIT $2`,
  },
  {
    kind: 'exception',
    sql: `SELECT x.raised_at AS at, 'exception' AS kind, st.name AS store_name,
        NULL::int8 AS amount_minor, NULL::int8 AS points, x.kind || ' #' || x.number AS reference
      FROM exception_case x LEFT JOIN store st ON st.id = x.store_id
      WHERE x.member_id = ANY($1::uuid[]) ORDER BY x.raised_at DESC LIMIT $2`,
  },
  {
    kind: 'merge',
    sql: `SELECT m.merged_at AS at, 'merge' AS kind, m.enrolled_store_name AS store_name,
        NULL::int8 AS amount_minor, NULL::int8 AS points, m.card_number AS reference
      FROM member m WHERE m.id = ANY($1::uuid[]) AND m.merged_into IS NOT NULL
      ORDER BY m.merged_at DESC LIMIT $2`,
  },
  {
    kind: 'consent',
    sql: `SELECT e.at, 'consent' AS kind, st.name AS store_name, NULL::int8 AS amount_minor,
        NULL::int8 AS points, e.channel || ':' || e.purpose || ':' || e.answer AS reference
      FROM consent_event e LEFT JOIN store st ON st.id = e.store_id
      WHERE e.member_id = ANY($1::uuid[]) ORDER BY e.hlc DESC LIMIT $2`,
  },
];

/** Every source's newest rows, merged newest first, at most `limit`. */
export async function readTimeline(
  db: Queryable,
  memberIds: readonly string[],
  limit: number,
): Promise<TimelineRow[]> {
  const all: TimelineRow[] = [];
  for (const source of timelineSources) {
    const { rows } = await db.query<TimelineRow>(source.sql, [memberIds, limit]);
    all.push(...rows);
  }
  const time = (row: TimelineRow) => new Date(row.at).getTime();
  return all.sort((a, b) => time(b) - time(a)).slice(0, limit);
}
