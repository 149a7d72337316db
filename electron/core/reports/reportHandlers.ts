import type { reportOperations } from '../../../shared/api/report';
import type { Report, ReportExport } from '../../../shared/reports/report';
import { reportCsv } from '../../../shared/reports/reportCsv';
import type { Locale } from '../../../shared/locale';
import type { HandlerMap } from '../api/handler';
import type { CoreContext } from '../context';
import { requireTerminal } from '../terminal/terminalStore';
import { closeDay, reportSettings, setDayBoundary, xReport, zReport } from './reports';
import { closedDays } from './zReportStore';
import { reportPdf } from './reportPdf';

function fileName(report: Report, extension: 'csv' | 'pdf'): string {
  const number = report.closed ? `-${String(report.closed.number).padStart(4, '0')}` : '';
  return `${report.kind}-report${number}-${report.businessDay}.${extension}`;
}

function exportReport(
  ctx: CoreContext,
  report: Report,
  format: 'csv' | 'pdf',
  locale: Locale,
): ReportExport {
  if (format === 'csv') {
    return {
      fileName: fileName(report, 'csv'),
      mimeType: 'text/csv',
      base64: Buffer.from(reportCsv(report, locale), 'utf8').toString('base64'),
    };
  }
  const printedAt = new Date(ctx.now()).toISOString();
  return {
    fileName: fileName(report, 'pdf'),
    mimeType: 'application/pdf',
    base64: reportPdf(report, locale, printedAt).toString('base64'),
  };
}

export const reportHandlers: HandlerMap<keyof typeof reportOperations> = {
  'report.settings': (ctx) => reportSettings(ctx),
  'report.setDayBoundary': (ctx, input) => setDayBoundary(ctx, input),
  'report.x': (ctx) => xReport(ctx),
  'report.z': (ctx, input) => zReport(ctx, input.businessDay),
  'report.closeDay': (ctx, input) => closeDay(ctx, input),
  'report.closedDays': (ctx, input) => {
    requireTerminal(ctx.db);
    return closedDays(ctx.db, input.limit ?? 60);
  },
  'report.export': (ctx, input) => {
    const report =
      input.report.kind === 'x' ? xReport(ctx) : zReport(ctx, input.report.businessDay);
    return exportReport(ctx, report, input.format, input.locale);
  },
};
