import type { SegmentDefinition } from '../../shared/office/campaigns';
import { SUMMARY_SEGMENTED } from '../analytics/activityRfm';
import { TIERED, TYPED } from '../analytics/rfmStatement';

/**
 * A segment's definition compiled to ONE parameterised statement: `WITH … SELECT m.id AS
 * member_id FROM member m … WHERE …`. The SQL text is assembled only from constants here, one
 * fragment per criterion given; every value a marketer typed is a bound parameter. Counting and
 * launching wrap the same text (countSql, or as a CTE).
 *
 * $1–$5 are the analytics parameters (rfmStatement.ts: period start, end = now, no store, no
 * tier filter, the program's first tier), so the RFM segment and the tier are head office's
 * own figures as its analytics shows them today. Buying (visits, spend, last purchase) comes from
 * the member activity summary (migration 0008), one row per member id as the sales carried it.
 */
export interface CompiledSegment {
  /** WITH … SELECT m.id AS member_id …: the segment's members. */
  sql: string;
  params: unknown[];
}

/** Since before any sale: the RFM over every sale head office has. */
const ALL_TIME = '1970-01-01T00:00:00.000Z';

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

export function compileSegment(
  definition: SegmentDefinition,
  now: string,
  firstTier: string,
): CompiledSegment {
  const params: unknown[] = [ALL_TIME, now, null, null, firstTier];
  const bind = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const ctes = [TYPED];
  const where = ['m.merged_into IS NULL'];
  const d = definition;

  if (d.rfm) {
    ctes.push(SUMMARY_SEGMENTED);
    where.push(
      `m.id IN (SELECT s.member_id FROM scored s WHERE s.segment = ANY(${bind(d.rfm, 'text[]')}))`,
    );
  }
  if (d.tiers) {
    ctes.push(TIERED);
    where.push(
      `EXISTS (SELECT 1 FROM tiered t WHERE t.id = m.id AND t.tier_id = ANY(${bind(d.tiers, 'text[]')}))`,
    );
  }
  if (d.lastPurchase?.atMostDays != null) {
    where.push(
      `a.last_purchase_at >= $2::timestamptz - make_interval(days => ${bind(d.lastPurchase.atMostDays, 'int')})`,
    );
  }
  if (d.lastPurchase?.atLeastDays != null) {
    where.push(
      `(a.last_purchase_at IS NULL OR a.last_purchase_at <= $2::timestamptz - make_interval(days => ${bind(d.lastPurchase.atLeastDays, 'int')}))`,
    );
  }
  if (d.spend?.minMinor != null) {
    where.push(`coalesce(a.net_spend_minor, 0) >= ${bind(d.spend.minMinor, 'int8')}`);
  }
  if (d.spend?.maxMinor != null) {
    where.push(`coalesce(a.net_spend_minor, 0) <= ${bind(d.spend.maxMinor, 'int8')}`);
  }
  if (d.visits?.min != null) {
    where.push(`coalesce(a.purchases, 0) >= ${bind(d.visits.min, 'int')}`);
  }
  if (d.visits?.max != null) {
    where.push(`coalesce(a.purchases, 0) <= ${bind(d.visits.max, 'int')}`);
  }
  if (d.birthdayMonths) {
    // Birthdays are "YYYY-MM-DD" (shared/api/member.ts); anything else matches no month.
    where.push(
      `m.birthday ~ '^\\d{4}-\\d{2}-\\d{2}$' AND substr(m.birthday, 6, 2)::int = ANY(${bind(d.birthdayMonths, 'int[]')})`,
    );
  }
  if (d.homeStores) {
    where.push(`m.enrolled_store_id = ANY(${bind(d.homeStores, 'uuid[]')})`);
  }
  // enrolled_at is the terminal's ISO instant in UTC: text order is time order.
  if (d.enrolled?.from) where.push(`m.enrolled_at >= ${bind(d.enrolled.from, 'text')}`);
  if (d.enrolled?.to) where.push(`m.enrolled_at < ${bind(nextDay(d.enrolled.to), 'text')}`);
  for (const c of d.consent ?? []) {
    where.push(
      `EXISTS (SELECT 1 FROM consent_current c WHERE c.member_id = m.id AND c.channel = ${bind(c.channel, 'text')} AND c.purpose = ${bind(c.purpose, 'text')} AND c.answer = 'granted')`,
    );
  }

  return {
    sql: `WITH ${ctes.join(',\n')}
SELECT m.id AS member_id
FROM member m LEFT JOIN member_activity a ON a.member_id = m.id
WHERE ${where.join('\n  AND ')}`,
    params,
  };
}

/** How many members the compiled segment holds. */
export const countSql = (segment: CompiledSegment): string =>
  `SELECT count(*)::int AS count FROM (${segment.sql}) segment_members`;
