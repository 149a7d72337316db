import { voiceDashboardQuery, type VoiceDashboard } from '../../shared/office/voice';
import {
  MIN_RESPONSES_PER_CASHIER,
  csatFromCounts,
  feedbackReasonTags,
  npsFromCounts,
  type FeedbackReasonTag,
} from '../../shared/rules/feedback';
import type { Database } from '../db/database';
import { isoAt, type ServiceClock } from '../platform/clock';
import { guard, succeed, type Outcome } from '../platform/errors';
import { parseInput } from '../platform/parse';
import { serviceRecoveryOf } from './recovery';
import { inTallyPeriods, nextDay, tallyPeriodValues, tallyPeriods } from './tallies';

/**
 * The figures are the shared rules' (shared/rules/feedback.ts) over counts PostgreSQL sums: the
 * sales, answers and reasons from their tallies (migration 0023, tallies.ts); the complaint
 * figures from the complaints themselves, as their medians need every one (covering index
 * complaint_period).
 */
export function voiceDashboardService(db: Database, clock: ServiceClock) {
  return {
    voiceDashboard(query: unknown): Promise<Outcome<VoiceDashboard>> {
      return guard(async () => {
        const q = parseInput(voiceDashboardQuery, query ?? {}, 'dashboard query');
        const from = `${q.from}T00:00:00.000Z`;
        const to = `${nextDay(q.to)}T00:00:00.000Z`;
        const store = q.storeId ?? null;
        const staff = q.staffId ?? null;
        const category = q.category ?? null;
        const now = isoAt(clock);

        const periods = tallyPeriodValues(tallyPeriods(q.from, q.to));
        const salesRead = db.query<{ n: number; currency: string | null }>(
          `SELECT coalesce(sum(sales), 0)::integer AS n, min(currency) AS currency FROM sale_tally
           WHERE ${inTallyPeriods(1)}
             AND ($5::uuid IS NULL OR store_id = $5) AND ($6::uuid IS NULL OR staff_id = $6)`,
          [...periods, store, staff],
        );
        const byCashierRead = db.query<{
          staff_id: string | null;
          scale: 'nps' | 'csat';
          promoters: number;
          passives: number;
          detractors: number;
          satisfied: number;
          n: number;
        }>(
          `SELECT staff_id, scale, sum(promoters)::integer AS promoters,
             sum(passives)::integer AS passives, sum(detractors)::integer AS detractors,
             sum(satisfied)::integer AS satisfied, sum(n)::integer AS n
           FROM feedback_tally
           WHERE ${inTallyPeriods(1)}
             AND ($5::uuid IS NULL OR store_id = $5) AND ($6::uuid IS NULL OR staff_id = $6)
           GROUP BY staff_id, scale`,
          [...periods, store, staff],
        );
        const reasonsRead = db.query<{ tag: string; n: number }>(
          `SELECT tag, sum(n)::integer AS n
           FROM feedback_reason_tally
           WHERE ${inTallyPeriods(1)}
             AND ($5::uuid IS NULL OR store_id = $5) AND ($6::uuid IS NULL OR staff_id = $6)
           GROUP BY tag ORDER BY n DESC, tag LIMIT 5`,
          [...periods, store, staff],
        );
        const complaintsRead = db.query<{
          n: number;
          first_hours: number | null;
          resolve_hours: number | null;
          breached: number;
          goodwill_points: number;
          cost: number;
        }>(
          `SELECT count(*)::integer AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_hours)
               FILTER (WHERE first_response_at IS NOT NULL) AS first_hours,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours)
               FILTER (WHERE resolved_at IS NOT NULL) AS resolve_hours,
             count(*) FILTER (WHERE
               coalesce(first_response_at, $4::timestamptz) > first_response_due_at
               OR coalesce(resolved_at, $4::timestamptz) > resolution_due_at)::integer AS breached,
             coalesce(sum(goodwill_points), 0)::integer AS goodwill_points,
             coalesce(sum(goodwill_cost_minor), 0)::bigint::float8 AS cost
           FROM complaint
           WHERE opened_at >= $1 AND opened_at < $2 AND ($3::uuid IS NULL OR store_id = $3)
             AND ($5::text IS NULL OR opened_by = $5) AND ($6::text IS NULL OR category = $6)`,
          [from, to, store, now, staff, category],
        );

        const recoveryRead = serviceRecoveryOf(db, {
          from,
          to,
          fromDate: q.from,
          storeId: store,
          staffId: staff,
          category,
        });
        // Independent reads: on a PostgreSQL server each takes a connection of its own.
        const [
          { rows: sales },
          { rows: byCashier },
          { rows: reasons },
          { rows: complaints },
          recovery,
        ] = await Promise.all([
          salesRead,
          byCashierRead,
          reasonsRead,
          complaintsRead,
          recoveryRead,
        ]);

        const sum = (pick: (r: (typeof byCashier)[number]) => number, scale: 'nps' | 'csat') =>
          byCashier.filter((r) => r.scale === scale).reduce((t, r) => t + pick(r), 0);
        const nps = npsFromCounts({
          promoters: sum((r) => r.promoters, 'nps'),
          passives: sum((r) => r.passives, 'nps'),
          detractors: sum((r) => r.detractors, 'nps'),
        });
        const csat = csatFromCounts(
          sum((r) => r.n, 'csat'),
          sum((r) => r.satisfied, 'csat'),
        );
        const saleCount = sales[0]?.n ?? 0;
        const responses = nps.responses + csat.responses;
        const c = complaints[0];
        const complaintCount = c?.n ?? 0;

        // Grouped in one pass: filtering all rows per cashier is quadratic (2,000 cashiers).
        const rowsOf = new Map<string | null, (typeof byCashier)[number][]>();
        for (const r of byCashier) {
          const mine = rowsOf.get(r.staff_id);
          if (mine) mine.push(r);
          else rowsOf.set(r.staff_id, [r]);
        }
        const cashiers = [...rowsOf].map(([staffId, mine]) => {
          const n = mine.reduce((t, r) => t + r.n, 0);
          const shown = n >= MIN_RESPONSES_PER_CASHIER;
          const npsRow = mine.find((r) => r.scale === 'nps');
          const csatRow = mine.find((r) => r.scale === 'csat');
          return {
            staffId,
            responses: n,
            shown,
            nps: shown && npsRow ? npsFromCounts(npsRow).nps : null,
            csatPercent:
              shown && csatRow ? csatFromCounts(csatRow.n, csatRow.satisfied).percent : null,
          };
        });

        return succeed({
          from: q.from,
          to: q.to,
          sales: saleCount,
          currency: sales[0]?.currency ?? null,
          responses,
          responseRatePercent: saleCount === 0 ? null : (100 * responses) / saleCount,
          nps,
          csat,
          topReasons: reasons
            .filter((r): r is { tag: FeedbackReasonTag; n: number } =>
              (feedbackReasonTags as readonly string[]).includes(r.tag),
            )
            .map((r) => ({ tag: r.tag, count: r.n })),
          complaints: {
            count: complaintCount,
            perThousandSales: saleCount === 0 ? null : (1000 * complaintCount) / saleCount,
            medianHoursToFirstResponse: c?.first_hours ?? null,
            medianHoursToResolution: c?.resolve_hours ?? null,
            breachRatePercent:
              complaintCount === 0 ? null : (100 * (c?.breached ?? 0)) / complaintCount,
            goodwillPoints: c?.goodwill_points ?? 0,
            recoveryCostMinor: Math.round(c?.cost ?? 0),
          },
          cashiers,
          recovery,
        });
      });
    },
  };
}
