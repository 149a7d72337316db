import type Database from 'better-sqlite3';
import type { ClosedDay, ClosedInfo, Report } from '../../../shared/reports/report';
import { uuidv7 } from '../../../shared/ids';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';

interface ZRow {
  report_no: number;
  business_day: string;
  body: string;
  closed_at: string;
  closed_by_name: string;
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

/** The closed Z of a business day exactly as it was when closed, or null. */
export function closedReport(db: Database.Database, businessDay: string): Report | null {
  const row = prepared(
    db,
    `SELECT z.report_no, z.business_day, z.body, z.closed_at, s.name AS closed_by_name
     FROM z_report z JOIN staff s ON s.id = z.closed_by WHERE z.business_day = ?`,
  ).get(businessDay) as ZRow | undefined;
  if (!row) return null;
  const body: unknown = JSON.parse(row.body);
  if (!isReport(body)) throw new Error(`closed Z report ${row.report_no} is unreadable`);
  const closed: ClosedInfo = {
    number: row.report_no,
    closedAt: row.closed_at,
    closedBy: row.closed_by_name,
  };
  return { ...body, closed };
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
