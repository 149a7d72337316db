import {
  reportQuery,
  type ConsolidatedReport,
  type CurrencyTotal,
  type ReportFigures,
  type StoreReport,
} from '../../shared/office/reports';
import { programSchema } from '../../shared/program';
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
 * business days, by store and in total.
 *
 * - A business day is the store's calendar day in the store's time zone: the one its terminals
 *   were set up with (the latest `terminal.configured`). A store whose terminals never said is
 *   reported in UTC, and the report names the zone it used for each store.
 * - Sales, refunds and coupon uses count by when they happened at the till (their `created_at`),
 *   not when head office heard of them: an offline store's Monday stays on Monday. Points count
 *   by their sale's time, or by when head office recorded them when they have no sale (expiry,
 *   head-office resolutions).
 * - Money is summed per store in the store's own currency; totals are per currency.
 * - Liability is chain-wide: the points members hold (positive balances only) at the end of the
 *   last day in UTC, valued at today's redemption rate, rounded down.
 */
export type { ConsolidatedReport, CurrencyTotal, ReportFigures, StoreReport };

interface StoreZone {
  store_id: string;
  store_name: string;
  zone: string | null;
  currency: string | null;
}

const figureKeys = [
  'salesCount',
  'salesMinor',
  'refundsCount',
  'refundsMinor',
  'couponDiscountsMinor',
  'pointsPaidMinor',
  'pointsIssued',
  'pointsRedeemed',
  'pointsExpired',
  'pointsAdjusted',
  'newMembers',
  'memberSalesCount',
] as const satisfies readonly (keyof ReportFigures)[];

function shareOf(members: number, sales: number): number {
  return sales === 0 ? 0 : Math.floor((members * 10_000) / sales);
}

/** A cell a spreadsheet will not run as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(report: ConsolidatedReport): string {
  const header = ['store', 'time_zone', 'currency', ...figureKeys, 'memberShareBasisPoints'];
  const lines = [header.join(',')];
  for (const store of report.stores) {
    lines.push(
      [
        store.storeName,
        store.timeZone,
        store.currency,
        ...figureKeys.map((key) => store[key]),
        store.memberShareBasisPoints,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  for (const total of report.totals) {
    lines.push(
      [
        'TOTAL',
        '',
        total.currency,
        ...figureKeys.map((key) => total[key]),
        total.memberShareBasisPoints,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function reportsService(db: Database) {
  /** Zones PostgreSQL does not know are dropped (the store falls back to UTC), not fatal. */
  async function knownZone(zone: string | null, checked: Map<string, boolean>): Promise<boolean> {
    if (!zone || zone.length > 64) return false;
    const cached = checked.get(zone);
    if (cached !== undefined) return cached;
    let ok = true;
    try {
      await db.query('SELECT now() AT TIME ZONE $1', [zone]);
    } catch {
      log.warn(
        `a terminal reported time zone ${JSON.stringify(zone)}, which PostgreSQL does not know`,
      );
      ok = false;
    }
    checked.set(zone, ok);
    return ok;
  }

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
    const checked = new Map<string, boolean>();
    const zones = [];
    for (const row of rows) {
      const known = await knownZone(row.zone, checked);
      zones.push({
        id: row.store_id,
        name: row.store_name,
        zone: known && row.zone ? row.zone : 'UTC',
        known,
        currency: row.currency,
      });
    }
    return zones;
  }

  return {
    report(query: unknown): Promise<Outcome<ConsolidatedReport>> {
      return guard(async () => {
        const { from, to } = parseInput(reportQuery, query ?? {}, 'report range');
        const zones = await storeZones();
        const ids = zones.map((z) => z.id);
        const tzs = zones.map((z) => z.zone);
        const params = [ids, tzs, from, to];
        const [sales, points, members, coupons] = await Promise.all([
          db.query<{
            store_id: string;
            currency: string | null;
            sales_count: number;
            sales_minor: number;
            refunds_count: number;
            refunds_minor: number;
            points_paid_minor: number;
            member_sales: number;
          }>(SALES_STATEMENT, params),
          db.query<{
            store_id: string;
            issued: number;
            redeemed: number;
            expired: number;
            adjusted: number;
          }>(POINTS_STATEMENT, params),
          db.query<{ store_id: string; new_members: number }>(MEMBERS_STATEMENT, params),
          db.query<{ store_id: string; discounts: number }>(COUPONS_STATEMENT, params),
        ]);

        const stores: StoreReport[] = zones.map((zone) => {
          const mine = sales.rows.filter((r) => r.store_id === zone.id);
          // The store's currency: its terminals', or else the one most of its sales were in.
          const currency =
            zone.currency ??
            [...mine].sort((a, b) => b.sales_count - a.sales_count)[0]?.currency ??
            null;
          const own = mine.find((r) => r.currency === currency);
          const p = points.rows.find((r) => r.store_id === zone.id);
          const salesCount = own?.sales_count ?? 0;
          const memberSalesCount = own?.member_sales ?? 0;
          return {
            storeId: zone.id,
            storeName: zone.name,
            timeZone: zone.zone,
            timeZoneKnown: zone.known,
            currency,
            salesCount,
            salesMinor: own?.sales_minor ?? 0,
            refundsCount: own?.refunds_count ?? 0,
            refundsMinor: own?.refunds_minor ?? 0,
            couponDiscountsMinor: coupons.rows.find((r) => r.store_id === zone.id)?.discounts ?? 0,
            pointsPaidMinor: own?.points_paid_minor ?? 0,
            pointsIssued: p?.issued ?? 0,
            pointsRedeemed: p?.redeemed ?? 0,
            pointsExpired: p?.expired ?? 0,
            pointsAdjusted: p?.adjusted ?? 0,
            newMembers: members.rows.find((r) => r.store_id === zone.id)?.new_members ?? 0,
            memberSalesCount,
            memberShareBasisPoints: shareOf(memberSalesCount, salesCount),
          };
        });

        const totals = new Map<string | null, CurrencyTotal>();
        for (const store of stores) {
          const total =
            totals.get(store.currency) ??
            ({
              currency: store.currency,
              stores: 0,
              ...Object.fromEntries(figureKeys.map((key) => [key, 0])),
              memberShareBasisPoints: 0,
            } as CurrencyTotal);
          total.stores += 1;
          for (const key of figureKeys) total[key] += store[key];
          total.memberShareBasisPoints = shareOf(total.memberSalesCount, total.salesCount);
          totals.set(store.currency, total);
        }

        const asOf = new Date(Date.parse(to) + 86_400_000).toISOString();
        const [{ rows: held }, { rows: config }] = await Promise.all([
          db.query<{ points: number }>(LIABILITY_STATEMENT, [asOf]),
          db.query<{ data: { program?: unknown } }>('SELECT data FROM program_config WHERE id = 1'),
        ]);
        const program = programSchema.safeParse(config[0]?.data.program);
        const liabilityPoints = held[0]?.points ?? 0;
        const valueMinor = program.success
          ? Math.floor(
              (liabilityPoints * program.data.redemption.valueMinor) /
                program.data.redemption.points,
            )
          : 0;
        if (!Number.isSafeInteger(valueMinor)) {
          throw new HeadOfficeFailure('invalid_input', 'The liability is too large to value.');
        }
        return succeed({
          from,
          to,
          stores,
          totals: [...totals.values()],
          liability: { points: liabilityPoints, valueMinor, asOf },
        });
      });
    },
  };
}
