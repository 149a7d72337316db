import type { CoreContext } from '../context';
import type { TerminalInfo } from '../../../shared/domain';
import type {
  MoneyByTender,
  OfflinePeriod,
  Report,
  ReportKind,
  ShiftSection,
  TaxAtRate,
} from '../../../shared/reports/report';
import { liability, type Liability } from '../../../shared/figures/liability';
import { readProgram } from '../program/programStore';
import { connectionStatus } from '../sync/syncStatus';
import { connectivityChanges } from '../sync/connectivityLog';
import { foldFigures } from './foldFigures';
import { heldPointsBefore, openExceptions, taxRateGroups, tenderGroups } from './reportQueries';

export interface ReportScope {
  kind: ReportKind;
  businessDay: string;
  boundaryMinutes: number;
  /** [from, to) in ISO UTC. */
  from: string;
  to: string;
  shift: ShiftSection | null;
  /** The early close of the day before that this range starts at, if it does. */
  carriedFrom: Report['carriedFrom'];
}

/**
 * Points liability as at `asOf` (shared/figures/liability.ts): the report's end, which for a Z
 * is its business day's end (or its early close) and for an X the moment it is printed.
 */
function liabilityAt(ctx: CoreContext, asOf: string, timeZone: string): Liability {
  return liability(heldPointsBefore(ctx.db, asOf), readProgram(ctx.db).redemption, asOf, timeZone);
}

/**
 * Offline periods overlapping [from, to), clipped to it. A period still open at `now` has no end.
 */
export function offlinePeriods(
  ctx: CoreContext,
  from: string,
  to: string,
  nowIso: string,
): OfflinePeriod[] {
  const { before, inside } = connectivityChanges(ctx.db, from, to);
  const periods: OfflinePeriod[] = [];
  let open: OfflinePeriod | null =
    before && !before.online ? { from, to: null, detail: before.detail } : null;
  for (const change of inside) {
    if (!change.online && !open) open = { from: change.at, to: null, detail: change.detail };
    else if (change.online && open) {
      periods.push({ ...open, to: change.at });
      open = null;
    }
  }
  if (open) periods.push({ ...open, to: to <= nowIso ? to : null });
  return periods;
}

function moneyByTender(ctx: CoreContext, from: string, to: string): MoneyByTender {
  const split = { cashMinor: 0, cardMinor: 0 };
  for (const g of tenderGroups(ctx.db, from, to)) {
    if (g.tender === 'card') split.cardMinor += g.paid;
    else split.cashMinor += g.paid;
  }
  return split;
}

/** The range's tax by mode and rate (Report.taxByRate): included first, rates ascending. */
function taxByRate(ctx: CoreContext, from: string, to: string): TaxAtRate[] {
  const order = { inclusive: 0, exclusive: 1 };
  return taxRateGroups(ctx.db, from, to)
    .filter((g) => g.tax !== 0)
    .map((g) => ({ mode: g.mode, rateBasisPoints: g.rate, taxMinor: g.tax }))
    .sort((a, b) => order[a.mode] - order[b.mode] || a.rateBasisPoints - b.rateBasisPoints);
}

/** Every section of an X or Z report for one range of the ledger. Reads only; writes nothing. */
export function buildReport(ctx: CoreContext, terminal: TerminalInfo, scope: ReportScope): Report {
  const nowIso = new Date(ctx.now()).toISOString();
  const folded = foldFigures(
    ctx.db,
    { from: scope.from, to: scope.to },
    terminal.timeZone,
    scope.boundaryMinutes,
  );
  const status = connectionStatus(ctx);
  const exceptions = openExceptions(ctx.db);
  return {
    kind: scope.kind,
    storeName: terminal.storeName,
    terminalName: terminal.terminalName,
    currency: terminal.currency,
    timeZone: terminal.timeZone,
    businessDay: scope.businessDay,
    boundaryMinutes: scope.boundaryMinutes,
    from: scope.from,
    to: scope.to,
    generatedAt: nowIso,
    closed: null,
    carriedFrom: scope.carriedFrom,
    shift: scope.shift,
    ...folded,
    taxByRate: taxByRate(ctx, scope.from, scope.to),
    moneyByTender: moneyByTender(ctx, scope.from, scope.to),
    liability: liabilityAt(ctx, scope.to, terminal.timeZone),
    offlinePeriods: offlinePeriods(ctx, scope.from, scope.to, nowIso),
    sync: {
      enrolled: status.enrolled,
      online: status.online,
      pendingChanges: status.pendingChanges,
      lastSuccessAt: status.lastSuccessAt,
      lastError: status.lastError,
      lastErrorAt: status.lastErrorAt,
    },
    exceptions: exceptions.rows.map((row) => ({
      seq: row.seq,
      kind: row.kind,
      message: row.message,
      exceptionId: row.exception_id,
      receivedAt: row.received_at,
    })),
    moreExceptions: Math.max(0, exceptions.total - exceptions.rows.length),
  };
}
