import { voiceTrendQuery, type VoiceTrend } from '../../shared/office/voice';
import { csatFromCounts, npsFromCounts } from '../../shared/rules/feedback';
import type { Database } from '../db/database';
import { guard, succeed, type Outcome } from '../platform/errors';
import { parseInput } from '../platform/parse';
import { inTallyPeriods, tallyPeriodValues, tallyPeriods } from './tallies';

/**
 * NPS and CSAT per week or month across a period: the shared rules' figures over counts
 * PostgreSQL sums per bucket (UTC; weeks start on Monday) from the answers' tally (migration
 * 0023, tallies.ts). A bucket without answers is absent.
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
          `SELECT to_char(date_trunc($7, period::timestamp), 'YYYY-MM-DD') AS start, scale,
             sum(promoters)::integer AS promoters, sum(passives)::integer AS passives,
             sum(detractors)::integer AS detractors, sum(satisfied)::integer AS satisfied,
             sum(n)::integer AS n
           FROM feedback_tally
           WHERE ${inTallyPeriods(1)}
             AND ($5::uuid IS NULL OR store_id = $5) AND ($6::uuid IS NULL OR staff_id = $6)
           GROUP BY 1, scale ORDER BY 1`,
          [
            // A month row lies within one month, never within one week.
            ...tallyPeriodValues(tallyPeriods(q.from, q.to, q.bucket === 'month')),
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
