import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../../shared/result';
import { openKeyed } from '../db/cipher';
import { reportPdf } from './reportPdf';
import type { PdfAnswer, PdfJob, ReportRead } from './pdfJob';
import { readReportOnThread } from './reportRead';

/*
 * The PDF renderer's thread (see pdfRenderer.ts and pdfJob.ts): one job at a time, answered by id.
 */

/** The thread's own read connection to the ledger, opened by the first job that reads. */
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
