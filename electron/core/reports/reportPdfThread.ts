import { parentPort } from 'node:worker_threads';
import type { Report } from '../../../shared/reports/report';
import type { Locale } from '../../../shared/locale';
import { DomainError, type ErrorCode } from '../../../shared/result';
import { openKeyed } from '../db/cipher';
import { reportPdf } from './reportPdf';
import { readReportOnThread, type ReportRead } from './reportRead';

/**
 * The PDF renderer's thread (see pdfRenderer.ts): one job at a time, answered by id. A job either
 * carries its report, or says which one to read (`read`): then the thread reads it from the ledger
 * on a connection of its own, so neither the read nor copying the report to and fro happens on
 * the core's thread.
 */
export type PdfJob = {
  id: number;
  locale: Locale;
  printedAtIso: string;
} & ({ report: Report } | { read: ReportRead });

/** What the export's file name needs of a report read here. */
export interface ReportName {
  kind: Report['kind'];
  businessDay: string;
  closedNumber: number | null;
}

export type PdfAnswer =
  | { id: number; pdf: Uint8Array; name: ReportName }
  | { id: number; error: string; code?: ErrorCode };

let reader: { file: string; db: ReturnType<typeof openKeyed> } | null = null;

function readerFor(read: ReportRead) {
  if (reader?.file !== read.ledger.file) {
    reader?.db.close();
    const db = openKeyed(read.ledger.file, {
      key: Buffer.from(read.ledger.key),
      readonly: true,
      ...(read.ledger.nativeBinding ? { nativeBinding: read.ledger.nativeBinding } : {}),
    });
    reader = { file: read.ledger.file, db };
  }
  return reader.db;
}

parentPort?.on('message', (job: PdfJob) => {
  let answer: PdfAnswer;
  try {
    const report = 'report' in job ? job.report : readReportOnThread(readerFor(job.read), job.read);
    answer = {
      id: job.id,
      pdf: reportPdf(report, job.locale, job.printedAtIso),
      name: {
        kind: report.kind,
        businessDay: report.businessDay,
        closedNumber: report.closed?.number ?? null,
      },
    };
  } catch (error) {
    answer =
      error instanceof DomainError
        ? { id: job.id, error: error.message, code: error.error.code }
        : { id: job.id, error: String(error) };
  }
  parentPort?.postMessage(answer);
});
