import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Report } from '../../../shared/reports/report';
import type { Locale } from '../../../shared/locale';
import { createLogger } from '../../../shared/logger';
import { DomainError } from '../../../shared/result';
import type { PdfAnswer, PdfJob, ReportName, ReportRead } from './pdfJob';

const log = createLogger('pdf');

/**
 * Renders report PDFs on a thread of its own. Laying out a report with an embedded CJK font takes
 * seconds on a slow till, and pdfkit cannot yield; on the core's thread that was a sale waiting
 * up to 8 s behind a manager's export. The thread starts at the first export and stays for the
 * next; it never keeps the process alive.
 *
 * `builtDir` is the folder of the built main bundle (out/main), where the build puts
 * reportPdfThread.js; without it the thread runs the TypeScript source through tsx (tests,
 * benchmarks, `npm run` scripts).
 */
export interface PdfRenderer {
  render(report: Report, locale: Locale, printedAtIso: string): Promise<Buffer>;
  /**
   * Reads the report on the thread too, from the ledger, and lays it out: the core's thread only
   * posts the request and takes the bytes back. Null where no ledger was given (a bare context).
   */
  readAndRender:
    | ((
        read: Omit<ReportRead, 'ledger'>,
        locale: Locale,
        printedAtIso: string,
      ) => Promise<{ pdf: Buffer; name: ReportName }>)
    | null;
  close(): Promise<void>;
}

/** The ledger as the thread opens it: path, key and driver build (core.ts's `ledger`). */
export type PdfLedger = ReportRead['ledger'];

export const PDF_THREAD_ENTRY = 'reportPdfThread';

type Answered = { pdf: Buffer; name: ReportName };
type JobWithoutId = PdfJob extends infer J ? (J extends unknown ? Omit<J, 'id'> : never) : never;

export function createPdfRenderer(builtDir?: string, ledger?: PdfLedger): PdfRenderer {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(done: Answered): void; reject(error: Error): void }>();

  const failAll = (error: Error) => {
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
    worker = null;
  };

  const start = (): Worker => {
    const thread = builtDir
      ? new Worker(pathToFileURL(path.join(builtDir, `${PDF_THREAD_ENTRY}.js`)))
      : new Worker(sourceBootstrap(), { eval: true });
    thread.unref();
    thread.on('message', (answer: PdfAnswer) => {
      const job = waiting.get(answer.id);
      if (!job) return;
      waiting.delete(answer.id);
      if ('pdf' in answer) job.resolve({ pdf: Buffer.from(answer.pdf), name: answer.name });
      else
        job.reject(
          answer.code ? new DomainError(answer.code, answer.error) : new Error(answer.error),
        );
      if (waiting.size === 0) thread.unref();
    });
    thread.on('error', (error) => {
      log.error('pdf thread failed', { error: String(error) });
      failAll(error);
    });
    thread.on('exit', () => {
      if (worker === thread) failAll(new Error('The PDF thread stopped.'));
    });
    return thread;
  };

  const send = (job: JobWithoutId): Promise<Answered> => {
    worker ??= start();
    const thread = worker;
    const id = nextId++;
    return new Promise<Answered>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      // Referenced while a job is out, so a script awaiting its PDF is not cut short.
      thread.ref();
      thread.postMessage({ ...job, id } as PdfJob);
    });
  };

  return {
    async render(report, locale, printedAtIso) {
      return (await send({ report, locale, printedAtIso })).pdf;
    },
    readAndRender: ledger
      ? (read, locale, printedAtIso) => send({ read: { ...read, ledger }, locale, printedAtIso })
      : null,
    async close() {
      const thread = worker;
      worker = null;
      if (thread) await thread.terminate();
      failAll(new Error('The terminal closed before the PDF was ready.'));
    },
  };
}

/** Loads tsx's loader in the thread, then the TypeScript entry beside this file. */
function sourceBootstrap(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const entry = pathToFileURL(path.join(here, `${PDF_THREAD_ENTRY}.ts`)).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
}
