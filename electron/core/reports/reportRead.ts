import type Database from 'better-sqlite3-multiple-ciphers';
import type { Report } from '../../../shared/reports/report';
import { createContext, type CoreContext } from '../context';
import type { ReportRead } from './pdfJob';
import { xReport, zReport } from './reports';

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
