import type Database from 'better-sqlite3-multiple-ciphers';
import type { Report } from '../../../shared/reports/report';
import { createContext, type CoreContext } from '../context';
import { xReport, zReport } from './reports';

/**
 * Which report to read, and as of when: what the PDF thread needs to read it from the ledger on
 * a connection of its own (reportPdfThread.ts). The core's clock and connectivity are sent, so
 * the report is the one the core would have read at that moment.
 */
export interface ReportRead {
  ledger: { file: string; key: Uint8Array; nativeBinding?: string };
  report: { kind: 'x' } | { kind: 'z'; businessDay: string };
  nowMs: number;
  online: boolean;
}

export function readReport(ctx: CoreContext, which: ReportRead['report']): Report {
  return which.kind === 'x' ? xReport(ctx) : zReport(ctx, which.businessDay);
}

/** Reads the report in one read transaction on `db`, another connection to the ledger. */
export function readReportOnThread(db: Database.Database, read: ReportRead): Report {
  const ctx: CoreContext = {
    ...createContext(db, () => read.nowMs),
    connectivity: { online: read.online },
  };
  return db.transaction(() => readReport(ctx, read.report))();
}
