import { voiceTrendQuery, type VoiceTrend } from '../../shared/office/voice';
import { csatFromCounts, npsFromCounts } from '../../shared/rules/feedback';
import type { Database } from '../db/database';
import { guard, succeed, type Outcome } from '../platform/errors';
import { parseInput } from '../platform/parse';

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * NPS and CSAT per week or month across a period: the shared rules' figures over counts
 * PostgreSQL sums per bucket (UTC; weeks start on Monday). A bucket without answers is absent.
 */
export function voiceTrendService(db: Database) {
  return {
    voiceTrend(query: unknown): Promise<Outcome<VoiceTrend>> {
      return guard(async () => {
        const q = parseInput(voiceTrendQuery, query ?? {}, 'trend query');
        const { rows } = await db.query<{
          start: string;
          scale: 'nps' | 'csat';
          promoters: number;
          passives: number;
          detractors: number;
          satisfied: number;
          n: number;
        }>(
          `SELECT to_char(date_trunc($5, at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS start, scale,
             count(*) FILTER (WHERE scale = 'nps' AND score >= 9)::integer AS promoters,
             count(*) FILTER (WHERE scale = 'nps' AND score BETWEEN 7 AND 8)::integer AS passives,
             count(*) FILTER (WHERE scale = 'nps' AND score <= 6)::integer AS detractors,
             count(*) FILTER (WHERE scale = 'csat' AND score >= 4)::integer AS satisfied,
             count(*)::integer AS n
           FROM feedback
           WHERE at >= $1 AND at < $2 AND ($3::uuid IS NULL OR store_id = $3)
             AND ($4::uuid IS NULL OR staff_id = $4)
           GROUP BY 1, scale ORDER BY 1`,
          [
            `${q.from}T00:00:00.000Z`,
            `${nextDay(q.to)}T00:00:00.000Z`,
            q.storeId ?? null,
            q.staffId ?? null,
            q.bucket,
          ],
        );
        const starts = [...new Set(rows.map((r) => r.start))].sort();
        return succeed({
          bucket: q.bucket,
          points: starts.map((start) => {
            const nps = rows.find((r) => r.start === start && r.scale === 'nps');
            const csat = rows.find((r) => r.start === start && r.scale === 'csat');
            return {
              start,
              npsResponses: nps?.n ?? 0,
              nps: nps ? npsFromCounts(nps).nps : null,
              csatResponses: csat?.n ?? 0,
              csatPercent: csat ? csatFromCounts(csat.n, csat.satisfied).percent : null,
            };
          }),
        });
      });
    },
  };
}
