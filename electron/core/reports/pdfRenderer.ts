import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Report } from '../../../shared/reports/report';
import type { Locale } from '../../../shared/locale';
import { createLogger } from '../../../shared/logger';
import type { PdfAnswer, PdfJob } from './reportPdfThread';

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
  close(): Promise<void>;
}

export const PDF_THREAD_ENTRY = 'reportPdfThread';

export function createPdfRenderer(builtDir?: string): PdfRenderer {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(pdf: Buffer): void; reject(error: Error): void }>();

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
      if ('pdf' in answer) job.resolve(Buffer.from(answer.pdf));
      else job.reject(new Error(answer.error));
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

  return {
    render(report, locale, printedAtIso) {
      worker ??= start();
      const thread = worker;
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Referenced while a job is out, so a script awaiting its PDF is not cut short.
        thread.ref();
        thread.postMessage({ id, report, locale, printedAtIso } satisfies PdfJob);
      });
    },
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
