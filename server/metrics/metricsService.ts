import {
  expectedPurchases,
  fitBgNbd,
  heldBackError,
  type BgNbdParams,
} from '../../shared/figures/bgnbd';
import { addMonths, monthBounds, monthRange } from '../../shared/figures/months';
import { cohortFigures, monthRates, type MonthCounts } from '../../shared/figures/retention';
import {
  churnReport,
  ltvQuery,
  metricsQuery,
  type ChurnReport,
  type CohortsReport,
  type LtvReport,
} from '../../shared/office/metrics';
import { currentProgram, readOnly } from '../analytics/analyticsService';
import type { Database } from '../db/database';
import type { ServiceClock } from '../platform/clock';
import { guard, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput } from '../platform/parse';
import {
  cohortCounts,
  memberHistories,
  monthCounts,
  monthsCurrency,
  type HistoryRow,
} from './metricsQueries';

const log = createLogger('metrics');

/** The expected value's horizon: the next 12 months, in days. */
export const HORIZON_DAYS = 365;
/** Fewer buying members than this and no model is fitted: its answer would mean nothing. */
export const MIN_MEMBERS_TO_FIT = 5;
const DAY_MS = 86_400_000;

interface Expected {
  members: number;
  purchases: number;
  value: number;
}

function expectedOf(params: BgNbdParams, rows: readonly HistoryRow[]): Map<string, Expected> {
  const by = new Map<string, Expected>();
  for (const row of rows) {
    const e = expectedPurchases(params, row, HORIZON_DAYS);
    const sum = by.get(row.cohort) ?? { members: 0, purchases: 0, value: 0 };
    sum.members += row.count;
    sum.purchases += e * row.count;
    sum.value += e * row.meanSpendMinor;
    by.set(row.cohort, sum);
  }
  return by;
}

const perMember = (s: Expected) => ({
  members: s.members,
  expectedPurchases: s.members > 0 ? s.purchases / s.members : 0,
  expectedValueMinor: s.members > 0 ? Math.round(s.value / s.members) : 0,
});

const buyers = (rows: readonly HistoryRow[]) => rows.reduce((n, r) => n + r.count, 0);

/**
 * Head office's Metrics page: retention cohorts, churn and repeat rate, LTV. Reads only, each
 * request in one read-only snapshot, as the analytics are.
 */
export function metricsService(db: Database, clock: ServiceClock) {
  return {
    cohorts(query: unknown): Promise<Outcome<CohortsReport>> {
      return guard(async () => {
        const q = parseInput(metricsQuery, query ?? {}, 'metrics query');
        const months = monthBounds(monthRange(q.from, q.to), q.timeZone);
        const first = months[0]!;
        const last = months[months.length - 1]!;
        const report = await readOnly(db, async (tx) => ({
          from: q.from,
          to: q.to,
          currency: await monthsCurrency(tx, first.startIso, last.endIso),
          cohorts: (await cohortCounts(tx, months)).map(cohortFigures),
        }));
        return succeed(report);
      });
    },

    churn(query: unknown): Promise<Outcome<ChurnReport>> {
      return guard(async () => {
        const q = parseInput(metricsQuery, query ?? {}, 'metrics query');
        const shown = monthRange(q.from, q.to);
        const months = monthBounds([addMonths(q.from, -1), ...shown], q.timeZone);
        const { counts, stores, tiers } = await readOnly(db, async (tx) => {
          const program = await currentProgram(tx);
          const { rows } = await tx.query<{ id: string; name: string }>(
            'SELECT id::text AS id, name FROM store ORDER BY name, id',
          );
          return {
            counts: await monthCounts(tx, months, program.tiers[0]?.id ?? ''),
            stores: rows,
            tiers: program.tiers,
          };
        });
        const series = (scope: string, key: string) =>
          shown.map((month) => {
            const found = counts.find(
              (c) => c.scope === scope && c.key === key && c.month === month,
            );
            const zero: MonthCounts = {
              month,
              previousBuyers: 0,
              lapsed: 0,
              buyers: 0,
              repeaters: 0,
            };
            return monthRates(found ?? zero);
          });
        const tierIds = [
          ...tiers.map((t) => t.id),
          ...new Set(counts.filter((c) => c.scope === 'tier').map((c) => c.key)),
        ].filter((id, i, all) => all.indexOf(id) === i);
        return succeed(
          churnReport.parse({
            months: shown,
            chain: series('chain', ''),
            stores: stores.map((s) => ({
              storeId: s.id,
              storeName: s.name,
              months: series('store', s.id),
            })),
            tiers: tierIds.map((id) => ({
              tierId: id,
              tierName: tiers.find((t) => t.id === id)?.name ?? id,
              months: series('tier', id),
            })),
          }),
        );
      });
    },

    ltv(query: unknown): Promise<Outcome<LtvReport>> {
      return guard(async () => {
        const q = parseInput(ltvQuery, query ?? {}, 'metrics query');
        const months = monthBounds(monthRange(q.from, q.to), q.timeZone);
        const end = Date.parse(months[months.length - 1]!.endIso);
        const asOf = new Date(Math.min(end, clock.now())).toISOString();
        const cutoff = new Date(Date.parse(asOf) - q.heldBackDays * DAY_MS).toISOString();
        const started = performance.now();
        const { now, then, currency } = await readOnly(db, async (tx) => ({
          now: await memberHistories(tx, asOf, asOf, q.timeZone),
          then: await memberHistories(tx, cutoff, asOf, q.timeZone),
          currency: await monthsCurrency(tx, months[0]!.startIso, months.at(-1)!.endIso),
        }));
        const model = buyers(now) >= MIN_MEMBERS_TO_FIT ? fitBgNbd(now) : null;
        const expected = model ? expectedOf(model, now) : new Map<string, Expected>();
        const all = [...expected.values()].reduce(
          (s, e) => ({
            members: s.members + e.members,
            purchases: s.purchases + e.purchases,
            value: s.value + e.value,
          }),
          { members: 0, purchases: 0, value: 0 },
        );
        let validation: LtvReport['validation'] = null;
        if (buyers(then) >= MIN_MEMBERS_TO_FIT) {
          const earlier = fitBgNbd(then);
          const error = heldBackError(earlier, then, q.heldBackDays);
          let predictedValue = 0;
          let actualValue = 0;
          for (const row of then) {
            predictedValue += expectedPurchases(earlier, row, q.heldBackDays) * row.meanSpendMinor;
            actualValue += row.heldBackSpendMinor;
          }
          validation = {
            cutoff,
            heldBackDays: q.heldBackDays,
            ...error,
            actualPurchases: Math.round(error.actualPurchases),
            predictedValueMinor: Math.round(predictedValue),
            actualValueMinor: Math.round(actualValue),
          };
        }
        log.debug(`ltv fitted in ${(performance.now() - started).toFixed(0)} ms`);
        return succeed({
          asOf,
          currency,
          model,
          all: perMember(all),
          cohorts: months
            .filter((m) => expected.has(m.month))
            .map((m) => ({ cohort: m.month, ...perMember(expected.get(m.month)!) })),
          validation,
        });
      });
    },
  };
}

export type MetricsService = ReturnType<typeof metricsService>;
