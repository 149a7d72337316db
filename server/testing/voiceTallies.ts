import type { Queryable } from '../db/database';

/**
 * The voice tallies' invariant (migration 0023): every tally row equals what its rows add up to,
 * counted again here from the rows as the dashboard counted before the tallies (a day is the
 * sale's text compared with 'YYYY-MM-DDT00:00:00.000Z', the answer's UTC date), and no row exists
 * that the rows do not make. Returns the differing keys as text; [] when the tallies are right.
 */
export async function voiceTallyDrift(db: Queryable): Promise<string[]> {
  const months = `CROSS JOIN (VALUES ('day'), ('month')) AS g (grain)`;
  const period = (day: string) =>
    `CASE WHEN g.grain = 'day' THEN ${day} ELSE date_trunc('month', ${day})::date END`;
  const days = `SELECT DISTINCT left(created_at, 10)::date + k AS day FROM sale, (VALUES (-1), (0)) AS o (k)`;
  const { rows } = await db.query<{ drift: string }>(
    `WITH sale_days AS (${days}),
     sale_truth AS (
       -- A sale is on day D when 'DT00:00:00.000Z' <= created_at < 'D+1T00:00:00.000Z'.
       SELECT g.grain, ${period('d.day')} AS period, s.store_id, s.staff_id, s.currency,
         count(*)::int AS sales
       FROM sale s JOIN sale_days d
         ON s.created_at >= to_char(d.day, 'YYYY-MM-DD') || 'T00:00:00.000Z'
         AND s.created_at < to_char(d.day + 1, 'YYYY-MM-DD') || 'T00:00:00.000Z'
       ${months}
       WHERE s.kind = 'sale'
       GROUP BY 1, 2, 3, 4, 5),
     answer_truth AS (
       SELECT g.grain, ${period("(f.at AT TIME ZONE 'UTC')::date")} AS period, f.store_id,
         f.staff_id, f.scale,
         count(*) FILTER (WHERE f.scale = 'nps' AND f.score >= 9)::int AS promoters,
         count(*) FILTER (WHERE f.scale = 'nps' AND f.score BETWEEN 7 AND 8)::int AS passives,
         count(*) FILTER (WHERE f.scale = 'nps' AND f.score <= 6)::int AS detractors,
         count(*) FILTER (WHERE f.scale = 'csat' AND f.score >= 4)::int AS satisfied,
         count(*)::int AS n
       FROM feedback f ${months}
       GROUP BY 1, 2, 3, 4, 5),
     reason_truth AS (
       SELECT g.grain, ${period("(f.at AT TIME ZONE 'UTC')::date")} AS period, f.store_id,
         f.staff_id, tag, count(*)::int AS n
       FROM feedback f, unnest(f.reasons) AS tag ${months}
       GROUP BY 1, 2, 3, 4, 5)
     SELECT 'sale ' || coalesce(t.grain, a.grain) || ' ' || coalesce(t.period, a.period)
       || ' ' || coalesce(t.store_id, a.store_id) || ' ' || coalesce(t.staff_id, a.staff_id)
       || ' ' || coalesce(t.currency, a.currency, '-') AS drift
     FROM sale_truth t FULL JOIN sale_tally a
       ON (a.grain, a.period, a.store_id, a.staff_id) = (t.grain, t.period, t.store_id, t.staff_id)
       AND a.currency IS NOT DISTINCT FROM t.currency
     WHERE t.sales IS DISTINCT FROM a.sales
     UNION ALL
     SELECT 'answers ' || coalesce(t.grain, a.grain) || ' ' || coalesce(t.period, a.period)
       || ' ' || coalesce(t.store_id, a.store_id) || ' '
       || coalesce(coalesce(t.staff_id, a.staff_id)::text, '-') || ' ' || coalesce(t.scale, a.scale)
     FROM answer_truth t FULL JOIN feedback_tally a
       ON (a.grain, a.period, a.store_id, a.scale) = (t.grain, t.period, t.store_id, t.scale)
       AND a.staff_id IS NOT DISTINCT FROM t.staff_id
     WHERE (t.promoters, t.passives, t.detractors, t.satisfied, t.n)
       IS DISTINCT FROM (a.promoters, a.passives, a.detractors, a.satisfied, a.n)
     UNION ALL
     SELECT 'reasons ' || coalesce(t.grain, a.grain) || ' ' || coalesce(t.period, a.period)
       || ' ' || coalesce(t.store_id, a.store_id) || ' '
       || coalesce(coalesce(t.staff_id, a.staff_id)::text, '-') || ' ' || coalesce(t.tag, a.tag)
     FROM reason_truth t FULL JOIN feedback_reason_tally a
       ON (a.grain, a.period, a.store_id, a.tag) = (t.grain, t.period, t.store_id, t.tag)
       AND a.staff_id IS NOT DISTINCT FROM t.staff_id
     WHERE t.n IS DISTINCT FROM a.n
     ORDER BY 1`,
  );
  return rows.map((row) => row.drift);
}
