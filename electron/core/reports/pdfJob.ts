import type { Report } from '../../../shared/reports/report';
import type { Locale } from '../../../shared/locale';
import type { ErrorCode } from '../../../shared/result';

/**
 * What passes between the core and the PDF thread (pdfRenderer.ts, reportPdfThread.ts). A job
 * either carries its report, or says which one to read (`read`): then the thread reads it from the
 * ledger on a connection of its own, so neither the read nor copying the report to and fro
 * happens on the core's thread.
 */
export type PdfJob = {
  id: number;
  locale: Locale;
  printedAtIso: string;
} & ({ report: Report } | { read: ReportRead });

/**
 * Which report to read, and as of when. The core's clock and connectivity are sent, so the report
 * is the one the core would have read at that moment.
 */
export interface ReportRead {
  ledger: { file: string; key: Uint8Array; nativeBinding?: string };
  report: { kind: 'x' } | { kind: 'z'; businessDay: string };
  nowMs: number;
  online: boolean;
}

/** What the export's file name needs of a report read on the thread. */
export interface ReportName {
  kind: Report['kind'];
  businessDay: string;
  closedNumber: number | null;
}

export type PdfAnswer =
  | { id: number; pdf: Uint8Array; name: ReportName }
  | { id: number; error: string; code?: ErrorCode };
