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
import { closedReport, earlyCloseBefore, insertClosedReport } from './zReportStore';
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
    const managerId = requireManagerPin(ctx.db, input.managerPin, ctx.now());
    writeDayBoundary(ctx.db, stampWrite(ctx), input.boundaryMinutes, managerId);
  })();
  return reportSettings(ctx);
}

/**
 * The range a business day's Z covers: from its start, or from the early close of the day before
 * when there was one (the sales rung up after that close belong here), to its end. Refused before
 * that range has begun.
 */
function zRange(
  ctx: CoreContext,
  day: string,
): BusinessDayRange & { carriedFrom: Report['carriedFrom'] } {
  const terminal = requireTerminal(ctx.db);
  const range = businessDayRange(day, terminal.timeZone, readDayBoundary(ctx.db));
  const early = earlyCloseBefore(ctx.db, day, range.startIso);
  const startIso = early ? early.endAt : range.startIso;
  if (Date.parse(startIso) > ctx.now()) {
    throw new DomainError('report_day_not_started', `Business day ${day} has not started yet.`, {
      field: 'businessDay',
      details: { day },
    });
  }
  return {
    ...range,
    startIso,
    carriedFrom: early ? { number: early.number, closedAt: early.closedAt } : null,
  };
}

/**
 * The X report: the shift open now, or the business day so far when no shift is open (or the
 * shift began before today's boundary). After today's Z was closed early, "so far" starts at
 * that close: what the X shows is what the next Z will count. Reads only.
 */
export function xReport(ctx: CoreContext): Report {
  const terminal = requireTerminal(ctx.db);
  const boundaryMinutes = readDayBoundary(ctx.db);
  const now = ctx.now();
  const day = businessDayOf(now, terminal.timeZone, boundaryMinutes);
  const range = businessDayRange(day, terminal.timeZone, boundaryMinutes);
  const closedToday = closedReport(ctx.db, day);
  const shift = currentShiftSection(ctx.db);
  const from = [range.startIso, closedToday?.to ?? '', shift?.openedAt ?? ''].reduce((a, b) =>
    b > a ? b : a,
  );
  return buildReport(ctx, terminal, {
    kind: 'x',
    businessDay: day,
    boundaryMinutes,
    from,
    // Up to and including this millisecond.
    to: isoOf(now + 1),
    shift,
    carriedFrom: null,
  });
}

/** The Z report of a business day: its closed snapshot, or the live figures while it is open. */
export function zReport(ctx: CoreContext, day: string): Report {
  const closed = closedReport(ctx.db, day);
  if (closed) return closed;
  const terminal = requireTerminal(ctx.db);
  const range = zRange(ctx, day);
  return buildReport(ctx, terminal, {
    kind: 'z',
    businessDay: day,
    boundaryMinutes: readDayBoundary(ctx.db),
    from: range.startIso,
    to: range.endIso,
    shift: null,
    carriedFrom: range.carriedFrom,
  });
}

/**
 * Closes a business day's Z report with a manager's PIN: the figures are stored as they are now
 * under the next Z number, so a reprint shows the same figures. A day closes once.
 *
 * Before the day has ended the manager must say `closeEarly` (a shop closing for the night before
 * the boundary). Sales and refunds rung up after an early close belong to the next business
 * day's Z, which starts at the close, so no sale is ever outside every Z; the reprint of the
 * early Z says when it closed and how many were rung up after.
 */
export function closeDay(
  ctx: CoreContext,
  input: { businessDay: string; managerPin: string; closeEarly?: boolean | undefined },
): Report {
  const { db } = ctx;
  return db.transaction((): Report => {
    const terminal = requireTerminal(db);
    const managerId = requireManagerPin(db, input.managerPin, ctx.now());
    const existing = closedReport(db, input.businessDay);
    if (existing) {
      throw new DomainError(
        'report_already_closed',
        `Business day ${input.businessDay} was closed already (Z ${existing.closed?.number ?? ''}).`,
        { field: 'businessDay', details: { number: existing.closed?.number ?? 0 } },
      );
    }
    const range = zRange(ctx, input.businessDay);
    const dayEnd = Date.parse(range.endIso);
    const closingEarly = ctx.now() + 1 < dayEnd;
    if (closingEarly && input.closeEarly !== true) {
      throw new DomainError(
        'report_day_not_over',
        `Business day ${input.businessDay} runs until ${range.endIso}: confirm closing it early.`,
        { field: 'closeEarly', details: { endsAt: range.endIso } },
      );
    }
    const stamp = stampWrite(ctx);
    const end = Math.min(dayEnd, ctx.now() + 1);
    const report = buildReport(ctx, terminal, {
      kind: 'z',
      businessDay: input.businessDay,
      boundaryMinutes: readDayBoundary(db),
      from: range.startIso,
      to: isoOf(end),
      shift: null,
      carriedFrom: range.carriedFrom,
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
        netSalesMinor: report.totals.netSalesMinor,
        sales: report.totals.sales.count,
        refunds: report.totals.refunds.count,
        closedEarly: closingEarly,
      },
      reason: null,
    });
    const stored = closedReport(db, input.businessDay);
    if (!stored) throw new Error('closed Z report missing right after insert');
    return stored;
  })();
}
