import type Database from 'better-sqlite3-multiple-ciphers';
import type {
  ClosedDay,
  ClosedInfo,
  EarlyClose,
  Figures,
  Report,
} from '../../../shared/reports/report';
import { finishFigures } from '../../../shared/figures/figures';
import type { Liability } from '../../../shared/figures/liability';
import { uuidv7 } from '../../../shared/ids';
import { addCalendarDays, businessDayRange } from '../../../shared/rules/businessDay';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';
import { saleCountBetween } from './reportQueries';

interface ZRow {
  report_no: number;
  business_day: string;
  end_at: string;
  time_zone: string;
  boundary_minutes: number;
  body: string;
  closed_at: string;
  closed_by_name: string;
}

/**
 * A Z closed before its day ended, with the sales rung up since, which the next day's Z counts.
 * Read on every reprint, so the count follows sales made after the close.
 */
function earlyClose(db: Database.Database, row: ZRow): EarlyClose | null {
  const dayEndsAt = businessDayRange(row.business_day, row.time_zone, row.boundary_minutes).endIso;
  if (row.end_at >= dayEndsAt) return null;
  return { dayEndsAt, afterClose: saleCountBetween(db, row.end_at, dayEndsAt) };
}

function isReport(value: unknown): value is Report {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Report>;
  return (
    r.kind === 'z' &&
    typeof r.businessDay === 'string' &&
    typeof r.totals === 'object' &&
    Array.isArray(r.byCashier) &&
    Array.isArray(r.byHour)
  );
}

/** Figures as a Z closed before shared/figures stored them (netMinor, memberSales, takenBack). */
interface StoredFiguresBefore {
  netMinor?: number;
  memberSales?: { count: number; amountMinor: number };
  points: { takenBack?: number };
  coupons: { issued?: number };
}

/** A stored Z's figures in today's shape. */
function upgradeFigures(stored: Figures & StoredFiguresBefore): Figures {
  return withTax(renamedCommon(stored));
}

/** A Z closed before sales tax (migration 0021) stored no tax figures: its sales had none. */
function withTax(stored: Figures): Figures {
  const before: Partial<Figures> = stored;
  return {
    ...stored,
    taxMinor: before.taxMinor ?? 0,
    taxIncludedMinor: before.taxIncludedMinor ?? 0,
    taxAddedMinor: before.taxAddedMinor ?? 0,
  };
}

/**
 * A Z closed before the common figures (shared/figures) keeps its figures as they were closed:
 * only renamed into today's shape, never recounted from the ledger. Its net and member figures
 * were counted with gift cards sold in and its members' amount before refunds, as the paper copy
 * shows them; the member share is worked out from those two, and gift cards sold, not kept
 * apart then, show as none.
 */
function renamedCommon(stored: Figures & StoredFiguresBefore): Figures {
  if (stored.netMinor === undefined) return stored;
  const { netMinor, memberSales, ...rest } = stored;
  const { takenBack, ...points } = stored.points;
  const { issued, ...coupons } = stored.coupons;
  const figures: Figures = {
    ...rest,
    netSalesMinor: netMinor,
    memberSalesCount: memberSales?.count ?? 0,
    memberNetSalesMinor: memberSales?.amountMinor ?? 0,
    memberShareBasisPoints: null,
    giftCardsSoldMinor: 0,
    points: { ...points, clawedBack: takenBack ?? 0 },
    coupons,
    couponsIssued: issued ?? 0,
  };
  return finishFigures(figures);
}

interface StoredLiabilityBefore {
  outstandingPoints: number;
  ratePoints: number;
  rateValueMinor: number;
  liabilityMinor: number;
  asOf: string;
}

function upgradeReport(stored: Report): Report {
  const old = stored.liability as Partial<StoredLiabilityBefore> & Partial<Liability>;
  return {
    ...stored,
    totals: upgradeFigures(stored.totals),
    byCashier: stored.byCashier.map((c) => ({ ...c, figures: upgradeFigures(c.figures) })),
    byHour: stored.byHour.map((h) => ({ ...h, figures: upgradeFigures(h.figures) })),
    taxByRate: (stored as Partial<Report>).taxByRate ?? [],
    liability:
      old.outstandingPoints === undefined
        ? stored.liability
        : {
            points: old.outstandingPoints,
            redemption: { points: old.ratePoints ?? 1, valueMinor: old.rateValueMinor ?? 0 },
            valueMinor: old.liabilityMinor ?? 0,
            asOf: old.asOf ?? stored.to,
            timeZone: stored.timeZone,
          },
  };
}

/** The closed Z of a business day exactly as it was when closed, or null. */
export function closedReport(db: Database.Database, businessDay: string): Report | null {
  const row = prepared(
    db,
    `SELECT z.report_no, z.business_day, z.end_at, z.time_zone, z.boundary_minutes, z.body,
       z.closed_at, s.name AS closed_by_name
     FROM z_report z JOIN staff s ON s.id = z.closed_by WHERE z.business_day = ?`,
  ).get(businessDay) as ZRow | undefined;
  if (!row) return null;
  const body: unknown = JSON.parse(row.body);
  if (!isReport(body)) throw new Error(`closed Z report ${row.report_no} is unreadable`);
  const closed: ClosedInfo = {
    number: row.report_no,
    closedAt: row.closed_at,
    closedBy: row.closed_by_name,
    early: earlyClose(db, row),
  };
  return { ...upgradeReport(body), closed };
}

/**
 * The day before `businessDay`, when it was closed before `dayStartIso`: its Z number and where
 * it ended, which is where this day's Z begins. Null when that day is open or closed after it ended.
 */
export function earlyCloseBefore(
  db: Database.Database,
  businessDay: string,
  dayStartIso: string,
): { number: number; endAt: string; closedAt: string } | null {
  const row = prepared(
    db,
    'SELECT report_no, end_at, closed_at FROM z_report WHERE business_day = ?',
  ).get(addCalendarDays(businessDay, -1)) as
    { report_no: number; end_at: string; closed_at: string } | undefined;
  if (!row || row.end_at >= dayStartIso) return null;
  return { number: row.report_no, endAt: row.end_at, closedAt: row.closed_at };
}

/** Stores the snapshot inside the caller's transaction; returns its Z number. */
export function insertClosedReport(
  db: Database.Database,
  stamp: Stamp,
  report: Report,
  closedBy: string,
): number {
  const row = prepared(
    db,
    `INSERT INTO z_report (id, business_day, start_at, end_at, boundary_minutes, time_zone, body,
       terminal_id, closed_by, closed_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING report_no`,
  ).get(
    uuidv7(),
    report.businessDay,
    report.from,
    report.to,
    report.boundaryMinutes,
    report.timeZone,
    JSON.stringify({ ...report, closed: null }),
    stamp.terminalId,
    closedBy,
    stamp.createdAt,
    stamp.hlc,
  ) as { report_no: number };
  return row.report_no;
}

/** Closed days, newest first. */
export function closedDays(db: Database.Database, limit: number): ClosedDay[] {
  const rows = prepared(
    db,
    `SELECT z.report_no, z.business_day, z.closed_at, s.name AS closed_by_name
     FROM z_report z JOIN staff s ON s.id = z.closed_by
     ORDER BY z.report_no DESC LIMIT ?`,
  ).all(limit) as Omit<ZRow, 'body'>[];
  return rows.map((row) => ({
    number: row.report_no,
    businessDay: row.business_day,
    closedAt: row.closed_at,
    closedBy: row.closed_by_name,
  }));
}
