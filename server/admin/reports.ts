import {
  reportQuery,
  type ConsolidatedReport,
  type CurrencyTotal,
  type ReportFigures,
  type StoreReport,
} from '../../shared/office/reports';
import {
  addCouponUseGroup,
  addFigures,
  addPointsGroup,
  addSaleGroup,
  emptyCommonFigures,
  finishFigures,
} from '../../shared/figures/figures';
import { businessDayCutoff, liability } from '../../shared/figures/liability';
import { programSchema } from '../../shared/program';
import { businessDayRange, isTimeZone } from '../../shared/rules/businessDay';
import { defaultProgramConfig } from './programConfig';
import type { Database } from '../db/database';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput } from '../platform/parse';
import {
  COUPONS_STATEMENT,
  LIABILITY_STATEMENT,
  MEMBERS_STATEMENT,
  POINTS_STATEMENT,
  SALES_STATEMENT,
} from './reportsStatements';

const log = createLogger('reports');

/**
 * The consolidated report: what every store sold and what loyalty did there, for a range of
 * business days, by store and in total. The figures are shared/figures's, the till's own: the
 * statements here read head office's rows into the same group rows the till reads its own into,
 * and the same folds add them up.
 *
 * - A business day is the store's day in the store's time zone: the one its terminals were set
 *   up with (the latest `terminal.configured`), by the till's own rule (shared/rules/
 *   businessDay.ts). Terminals do not send their day boundary yet, so a store's day starts at
 *   midnight. A store whose terminals never said (or named a zone nobody knows) is reported in
 *   UTC, and the report names the zone it used for each store.
 * - Sales, refunds, coupon uses and points count by when they happened at the till, not when
 *   head office heard of them: an offline store's Monday stays on Monday.
 * - Money is summed per store in the store's own currency; totals are per currency.
 * - Liability is chain-wide, as at the end of the last day (the latest store's end, shown on that
 *   store's clock), valued at today's redemption rate (shared/figures/liability.ts).
 */
export type { ConsolidatedReport, CurrencyTotal, ReportFigures, StoreReport };

/** Head office does not know a store's day boundary yet: its days start at midnight. */
const STORE_DAY_BOUNDARY_MINUTES = 0;

interface StoreZone {
  store_id: string;
  store_name: string;
  zone: string | null;
  currency: string | null;
}

/** The CSV's columns: each figure's dotted path in CommonFigures. */
const csvColumns: [string, (f: ReportFigures) => number | null][] = [
  ['sales.count', (f) => f.sales.count],
  ['sales.amountMinor', (f) => f.sales.amountMinor],
  ['refunds.count', (f) => f.refunds.count],
  ['refunds.amountMinor', (f) => f.refunds.amountMinor],
  ['netSalesMinor', (f) => f.netSalesMinor],
  ['memberSalesCount', (f) => f.memberSalesCount],
  ['memberNetSalesMinor', (f) => f.memberNetSalesMinor],
  ['memberShareBasisPoints', (f) => f.memberShareBasisPoints],
  ['giftCardsSoldMinor', (f) => f.giftCardsSoldMinor],
  ['pointsPaidMinor', (f) => f.pointsPaidMinor],
  ['giftCardPaidMinor', (f) => f.giftCardPaidMinor],
  ['coupons.redeemed', (f) => f.coupons.redeemed],
  ['coupons.returned', (f) => f.coupons.returned],
  ['coupons.discountMinor', (f) => f.coupons.discountMinor],
  ['points.issued', (f) => f.points.issued],
  ['points.clawedBack', (f) => f.points.clawedBack],
  ['points.redeemed', (f) => f.points.redeemed],
  ['points.returned', (f) => f.points.returned],
  ['points.expired', (f) => f.points.expired],
  ['points.adjusted', (f) => f.points.adjusted],
  ['newMembers', (f) => f.newMembers],
];

/** A cell a spreadsheet will not run as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(report: ConsolidatedReport): string {
  const header = ['store', 'time_zone', 'currency', ...csvColumns.map(([name]) => name)];
  const lines = [header.join(',')];
  const row = (label: string, zone: string, currency: string | null, f: ReportFigures) =>
    [label, zone, currency, ...csvColumns.map(([, read]) => read(f))].map(csvCell).join(',');
  for (const store of report.stores) {
    lines.push(row(store.storeName, store.timeZone, store.currency, store.figures));
  }
  for (const total of report.totals) lines.push(row('TOTAL', '', total.currency, total.figures));
  return `${lines.join('\r\n')}\r\n`;
}

export function reportsService(db: Database) {
  async function storeZones(): Promise<
    { id: string; name: string; zone: string; known: boolean; currency: string | null }[]
  > {
    const { rows } = await db.query<StoreZone>(
      `SELECT s.id AS store_id, s.name AS store_name,
         (SELECT t.configured->>'timeZone' FROM terminal t
          WHERE t.store_id = s.id AND t.configured IS NOT NULL
          ORDER BY t.configured_at DESC LIMIT 1) AS zone,
         (SELECT t.configured->>'currency' FROM terminal t
          WHERE t.store_id = s.id AND t.configured IS NOT NULL
          ORDER BY t.configured_at DESC LIMIT 1) AS currency
       FROM store s ORDER BY s.name, s.id`,
    );
    return rows.map((row) => {
      // Zones are worked out as the till works them out (Intl); one it does not know is UTC.
      const known = row.zone !== null && row.zone.length <= 64 && isTimeZone(row.zone);
      if (row.zone !== null && !known) {
        log.warn(`a terminal reported time zone ${JSON.stringify(row.zone)}, which is not known`);
      }
      return {
        id: row.store_id,
        name: row.store_name,
        zone: known && row.zone ? row.zone : 'UTC',
        known,
        currency: row.currency,
      };
    });
  }

  return {
    report(query: unknown): Promise<Outcome<ConsolidatedReport>> {
      return guard(async () => {
        const { from, to } = parseInput(reportQuery, query ?? {}, 'report range');
        const zones = (await storeZones()).map((zone) => ({
          ...zone,
          starts: businessDayRange(from, zone.zone, STORE_DAY_BOUNDARY_MINUTES).startIso,
          ends: businessDayCutoff(to, zone.zone, STORE_DAY_BOUNDARY_MINUTES),
        }));
        const params = [
          zones.map((z) => z.id),
          zones.map((z) => z.starts),
          zones.map((z) => z.ends),
        ];
        const [sales, points, members, coupons] = await Promise.all([
          db.query<{
            store_id: string;
            currency: string | null;
            kind: 'sale' | 'refund';
            member: boolean;
            n: number;
            total: number;
            gift_cards_sold: number;
            points_paid: number;
            gift_card_paid: number;
          }>(SALES_STATEMENT, params),
          db.query<{ store_id: string; kind: string; points: number }>(POINTS_STATEMENT, params),
          db.query<{ store_id: string; new_members: number }>(MEMBERS_STATEMENT, params),
          db.query<{
            store_id: string;
            kind: 'redeemed' | 'returned';
            n: number;
            discount: number;
          }>(COUPONS_STATEMENT, params),
        ]);

        const stores: StoreReport[] = zones.map((zone) => {
          const mine = sales.rows.filter((r) => r.store_id === zone.id);
          // The store's currency: its terminals', or else the one most of its sales were in.
          const currency = zone.currency ?? mostSalesIn(mine);
          const figures = emptyCommonFigures();
          for (const g of mine.filter((r) => r.currency === currency)) {
            addSaleGroup(figures, {
              kind: g.kind,
              member: g.member,
              n: g.n,
              totalMinor: g.total,
              giftCardsSoldMinor: g.gift_cards_sold,
              pointsPaidMinor: g.points_paid,
              giftCardPaidMinor: g.gift_card_paid,
            });
          }
          for (const g of points.rows.filter((r) => r.store_id === zone.id)) {
            addPointsGroup(figures, g);
          }
          for (const g of coupons.rows.filter((r) => r.store_id === zone.id)) {
            addCouponUseGroup(figures, { kind: g.kind, n: g.n, discountMinor: g.discount });
          }
          figures.newMembers = members.rows.find((r) => r.store_id === zone.id)?.new_members ?? 0;
          return {
            storeId: zone.id,
            storeName: zone.name,
            timeZone: zone.zone,
            timeZoneKnown: zone.known,
            currency,
            figures: finishFigures(figures),
          };
        });

        const totals = new Map<string | null, CurrencyTotal>();
        for (const store of stores) {
          const total = totals.get(store.currency) ?? {
            currency: store.currency,
            stores: 0,
            figures: emptyCommonFigures(),
          };
          total.stores += 1;
          addFigures(total.figures, store.figures);
          totals.set(store.currency, total);
        }

        // The chain's cut-off: the end of the last day at the store whose day ends last.
        const last = [...zones].sort((a, b) => b.ends.localeCompare(a.ends))[0];
        const asOf = last?.ends ?? businessDayCutoff(to, 'UTC', STORE_DAY_BOUNDARY_MINUTES);
        const [{ rows: held }, { rows: config }] = await Promise.all([
          db.query<{ points: number }>(LIABILITY_STATEMENT, [asOf]),
          db.query<{ data: { program?: unknown } }>('SELECT data FROM program_config WHERE id = 1'),
        ]);
        const program = programSchema.safeParse(config[0]?.data.program);
        const redemption = program.success
          ? program.data.redemption
          : defaultProgramConfig.program.redemption;
        const chainLiability = liability(
          held[0]?.points ?? 0,
          redemption,
          asOf,
          last?.zone ?? 'UTC',
        );
        if (!Number.isSafeInteger(chainLiability.valueMinor)) {
          throw new HeadOfficeFailure('invalid_input', 'The liability is too large to value.');
        }
        return succeed({
          from,
          to,
          stores,
          totals: [...totals.values()],
          liability: chainLiability,
        });
      });
    },
  };
}

/** The currency most of these sales were in (ties: the first seen), or null when none. */
function mostSalesIn(rows: readonly { currency: string | null; kind: string; n: number }[]) {
  const counts = new Map<string | null, number>();
  for (const row of rows) {
    if (row.kind === 'sale') counts.set(row.currency, (counts.get(row.currency) ?? 0) + row.n);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
