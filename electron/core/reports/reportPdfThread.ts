import { parentPort } from 'node:worker_threads';
import type { Report } from '../../../shared/reports/report';
import type { Locale } from '../../../shared/locale';
import { reportPdf } from './reportPdf';

/** The PDF renderer's thread (see pdfRenderer.ts): one job at a time, answered by id. */
export interface PdfJob {
  id: number;
  report: Report;
  locale: Locale;
  printedAtIso: string;
}
export type PdfAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (job: PdfJob) => {
  let answer: PdfAnswer;
  try {
    answer = { id: job.id, pdf: reportPdf(job.report, job.locale, job.printedAtIso) };
  } catch (error) {
    answer = { id: job.id, error: String(error) };
  }
  parentPort?.postMessage(answer);
});
