import type { reportOperations } from '../../../shared/api/report';
import type { Report, ReportExport } from '../../../shared/reports/report';
import { reportCsv } from '../../../shared/reports/reportCsv';
import type { Locale } from '../../../shared/locale';
import type { AsyncHandlerMap, HandlerMap } from '../api/handler';
import type { CoreContext } from '../context';
import { requireTerminal } from '../terminal/terminalStore';
import { closeDay, reportSettings, setDayBoundary, xReport, zReport } from './reports';
import { readReport } from './reportRead';
import { closedDays } from './zReportStore';

function fileName(
  report: Pick<Report, 'kind' | 'businessDay'> & { closed: { number: number } | null },
  extension: 'csv' | 'pdf',
): string {
  const number = report.closed ? `-${String(report.closed.number).padStart(4, '0')}` : '';
  return `${report.kind}-report${number}-${report.businessDay}.${extension}`;
}

async function exportReport(
  ctx: CoreContext,
  report: Report,
  format: 'csv' | 'pdf',
  locale: Locale,
): Promise<ReportExport> {
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
    base64: (await ctx.pdf.render(report, locale, printedAt)).toString('base64'),
  };
}

export const reportHandlers: HandlerMap<Exclude<keyof typeof reportOperations, 'report.export'>> = {
  'report.settings': (ctx) => reportSettings(ctx),
  'report.setDayBoundary': (ctx, input) => setDayBoundary(ctx, input),
  'report.x': (ctx) => xReport(ctx),
  'report.z': (ctx, input) => zReport(ctx, input.businessDay),
  'report.closeDay': (ctx, input) => {
    const report = closeDay(ctx, input);
    ctx.backups?.request('z_close');
    return report;
  },
  'report.closedDays': (ctx, input) => {
    requireTerminal(ctx.db);
    return closedDays(ctx.db, input.limit ?? 60);
  },
};

/**
 * The PDF's report is read on the PDF thread, on a connection of its own, and laid out there: a
 * long day's report took ~20 ms to read here, and a sale due then waited for it. A CSV (and a
 * context without a ledger file) reads it here, in one read transaction.
 */
export const reportAsyncHandlers: AsyncHandlerMap<'report.export'> = {
  'report.export': async (ctx, input) => {
    const readAndRender = ctx.pdf.readAndRender;
    if (input.format === 'pdf' && readAndRender) {
      requireTerminal(ctx.db);
      const printedAt = new Date(ctx.now()).toISOString();
      const { pdf, name } = await readAndRender(
        { report: input.report, nowMs: ctx.now(), online: ctx.connectivity.online },
        input.locale,
        printedAt,
      );
      return {
        fileName: fileName(
          {
            kind: name.kind,
            businessDay: name.businessDay,
            closed: name.closedNumber === null ? null : { number: name.closedNumber },
          },
          'pdf',
        ),
        mimeType: 'application/pdf',
        base64: pdf.toString('base64'),
      };
    }
    const report = readReport(ctx, input.report);
    return exportReport(ctx, report, input.format, input.locale);
  },
};
