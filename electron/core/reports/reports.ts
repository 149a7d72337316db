import type { CoreContext } from '../context';
import type { Report, ReportSettings } from '../../../shared/reports/report';
import {
  businessDayOf,
  businessDayRange,
  type BusinessDayRange,
} from '../../../shared/rules/businessDay';
import { DomainError } from '../../../shared/result';
import { requireTerminal } from '../terminal/terminalStore';
import { requireManagerPin } from '../staff/staffStore';
import { stampWrite } from '../stamp';
import { audit } from '../audit/auditLog';
import { buildReport } from './buildReport';
import { readDayBoundary, writeDayBoundary } from './businessDaySetting';
import { closedReport, insertClosedReport } from './zReportStore';
import { currentShiftSection } from './shiftSection';

const isoOf = (ms: number) => new Date(ms).toISOString();

export function reportSettings(ctx: CoreContext): ReportSettings {
  const terminal = requireTerminal(ctx.db);
  const boundaryMinutes = readDayBoundary(ctx.db);
  return {
    boundaryMinutes,
    timeZone: terminal.timeZone,
    today: businessDayOf(ctx.now(), terminal.timeZone, boundaryMinutes),
  };
}

export function setDayBoundary(
  ctx: CoreContext,
  input: { boundaryMinutes: number; managerPin: string },
): ReportSettings {
  ctx.db.transaction(() => {
    requireTerminal(ctx.db);
    const managerId = requireManagerPin(ctx.db, input.managerPin);
    writeDayBoundary(ctx.db, stampWrite(ctx), input.boundaryMinutes, managerId);
  })();
  return reportSettings(ctx);
}

function dayThatHasStarted(ctx: CoreContext, day: string): BusinessDayRange {
  const terminal = requireTerminal(ctx.db);
  const range = businessDayRange(day, terminal.timeZone, readDayBoundary(ctx.db));
  if (Date.parse(range.startIso) > ctx.now()) {
    throw new DomainError('report_day_not_started', `Business day ${day} has not started yet.`, {
      field: 'businessDay',
      details: { day },
    });
  }
  return range;
}

/**
 * The X report: the shift open now, or the business day so far when no shift is open (or the
 * shift began before today's boundary). Reads only.
 */
export function xReport(ctx: CoreContext): Report {
  const terminal = requireTerminal(ctx.db);
  const boundaryMinutes = readDayBoundary(ctx.db);
  const now = ctx.now();
  const day = businessDayOf(now, terminal.timeZone, boundaryMinutes);
  const range = businessDayRange(day, terminal.timeZone, boundaryMinutes);
  const shift = currentShiftSection(ctx.db);
  const from = shift && shift.openedAt > range.startIso ? shift.openedAt : range.startIso;
  return buildReport(ctx, terminal, {
    kind: 'x',
    businessDay: day,
    boundaryMinutes,
    from,
    // Up to and including this millisecond.
    to: isoOf(now + 1),
    shift,
  });
}

/** The Z report of a business day: its closed snapshot, or the live figures while it is open. */
export function zReport(ctx: CoreContext, day: string): Report {
  const closed = closedReport(ctx.db, day);
  if (closed) return closed;
  const terminal = requireTerminal(ctx.db);
  const range = dayThatHasStarted(ctx, day);
  return buildReport(ctx, terminal, {
    kind: 'z',
    businessDay: day,
    boundaryMinutes: readDayBoundary(ctx.db),
    from: range.startIso,
    to: range.endIso,
    shift: null,
  });
}

/**
 * Closes a business day's Z report with a manager's PIN: the figures are stored as they are now
 * under the next Z number, so a reprint shows the same figures. A day closes once.
 */
export function closeDay(
  ctx: CoreContext,
  input: { businessDay: string; managerPin: string },
): Report {
  const { db } = ctx;
  return db.transaction((): Report => {
    const terminal = requireTerminal(db);
    const managerId = requireManagerPin(db, input.managerPin);
    const existing = closedReport(db, input.businessDay);
    if (existing) {
      throw new DomainError(
        'report_already_closed',
        `Business day ${input.businessDay} was closed already (Z ${existing.closed?.number ?? ''}).`,
        { field: 'businessDay', details: { number: existing.closed?.number ?? 0 } },
      );
    }
    const range = dayThatHasStarted(ctx, input.businessDay);
    const stamp = stampWrite(ctx);
    const end = Math.min(Date.parse(range.endIso), ctx.now() + 1);
    const report = buildReport(ctx, terminal, {
      kind: 'z',
      businessDay: input.businessDay,
      boundaryMinutes: readDayBoundary(db),
      from: range.startIso,
      to: isoOf(end),
      shift: null,
    });
    const number = insertClosedReport(db, stamp, report, managerId);
    audit(db, stamp, {
      action: 'z_report.close',
      subjectType: 'business_day',
      subjectId: input.businessDay,
      approvedBy: managerId,
      before: null,
      after: {
        number,
        netMinor: report.totals.netMinor,
        sales: report.totals.sales.count,
        refunds: report.totals.refunds.count,
      },
      reason: null,
    });
    const stored = closedReport(db, input.businessDay);
    if (!stored) throw new Error('closed Z report missing right after insert');
    return stored;
  })();
}
