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

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/** The figures are the shared rules' (shared/rules/feedback.ts) over counts PostgreSQL sums. */
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

        const { rows: sales } = await db.query<{ n: number }>(
          `SELECT count(*)::integer AS n FROM sale
           WHERE kind = 'sale' AND created_at >= $1 AND created_at < $2
             AND ($3::uuid IS NULL OR store_id = $3) AND ($4::uuid IS NULL OR staff_id = $4)`,
          [from, to, store, staff],
        );
        const { rows: byCashier } = await db.query<{
          staff_id: string | null;
          scale: 'nps' | 'csat';
          promoters: number;
          passives: number;
          detractors: number;
          satisfied: number;
          n: number;
        }>(
          `SELECT staff_id, scale,
             count(*) FILTER (WHERE scale = 'nps' AND score >= 9)::integer AS promoters,
             count(*) FILTER (WHERE scale = 'nps' AND score BETWEEN 7 AND 8)::integer AS passives,
             count(*) FILTER (WHERE scale = 'nps' AND score <= 6)::integer AS detractors,
             count(*) FILTER (WHERE scale = 'csat' AND score >= 4)::integer AS satisfied,
             count(*)::integer AS n
           FROM feedback
           WHERE at >= $1 AND at < $2 AND ($3::uuid IS NULL OR store_id = $3)
             AND ($4::uuid IS NULL OR staff_id = $4)
           GROUP BY staff_id, scale`,
          [from, to, store, staff],
        );
        const { rows: reasons } = await db.query<{ tag: string; n: number }>(
          `SELECT tag, count(*)::integer AS n
           FROM feedback, unnest(reasons) AS tag
           WHERE at >= $1 AND at < $2 AND ($3::uuid IS NULL OR store_id = $3)
             AND ($4::uuid IS NULL OR staff_id = $4)
           GROUP BY tag ORDER BY n DESC, tag LIMIT 5`,
          [from, to, store, staff],
        );
        const { rows: complaints } = await db.query<{
          n: number;
          first_hours: number | null;
          resolve_hours: number | null;
          breached: number;
          goodwill_points: number;
          cost: number;
        }>(
          `SELECT count(*)::integer AS n,
             percentile_cont(0.5) WITHIN GROUP (
               ORDER BY extract(epoch FROM first_response_at - opened_at) / 3600)
               FILTER (WHERE first_response_at IS NOT NULL) AS first_hours,
             percentile_cont(0.5) WITHIN GROUP (
               ORDER BY extract(epoch FROM resolved_at - opened_at) / 3600)
               FILTER (WHERE resolved_at IS NOT NULL) AS resolve_hours,
             count(*) FILTER (WHERE
               coalesce(first_response_at, $4::timestamptz) > first_response_due_at
               OR coalesce(resolved_at, $4::timestamptz) > resolution_due_at)::integer AS breached,
             coalesce(sum(goodwill_points), 0)::integer AS goodwill_points,
             coalesce(sum(goodwill_cost_minor), 0)::bigint::float8 AS cost
           FROM complaint
           WHERE opened_at >= $1 AND opened_at < $2 AND ($3::uuid IS NULL OR store_id = $3)
             AND ($5::text IS NULL OR state ->> 'openedBy' = $5)
             AND ($6::text IS NULL OR category = $6)`,
          [from, to, store, now, staff, category],
        );

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

        const recovery = await serviceRecoveryOf(db, {
          from,
          to,
          fromDate: q.from,
          storeId: store,
          staffId: staff,
          category,
        });

        const staffIds = [...new Set(byCashier.map((r) => r.staff_id))];
        const cashiers = staffIds.map((staffId) => {
          const mine = byCashier.filter((r) => r.staff_id === staffId);
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
