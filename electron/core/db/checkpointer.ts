import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { createLogger } from '../../../shared/logger';
import { cipherPragmas } from './cipher';

const log = createLogger('checkpoint');

/** WAL pages left uncopied before the thread copies them into the ledger file. */
export const CHECKPOINT_MIN_PAGES = 256;

/**
 * The thread's whole program. It opens its own connection to the ledger and, every tick, runs a
 * PASSIVE checkpoint once the WAL holds enough uncopied pages. PASSIVE never takes the write
 * lock and never waits on readers, so a sale on the main thread commits straight through it.
 * Plain CommonJS in a string: it needs no bundler entry, and runs the same under Node, vitest
 * and Electron.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
for (const pragma of workerData.cipherPragmas) db.pragma(pragma);
db.pragma('synchronous = FULL');
const noop = db.prepare('PRAGMA wal_checkpoint(NOOP)');
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let stopped = false;
function tick() {
  if (stopped) return;
  try {
    const row = noop.get();
    if (row.log - row.checkpointed >= workerData.minPages) {
      const done = passive.get();
      parentPort.postMessage({ type: 'checkpointed', pages: done.checkpointed });
    }
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String(error) });
  }
  timer = setTimeout(tick, workerData.tickMs);
}
let timer = setTimeout(tick, workerData.tickMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Closes the thread's connection and ends it. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** The ledger's key, as the main connection uses. */
  key: Buffer;
  /** better-sqlite3-multiple-ciphers built for another ABI (Electron), as the main connection uses. */
  nativeBinding?: string;
  tickMs?: number;
  minPages?: number;
  /** Told each time pages were copied (tests). */
  onCheckpoint?: (pages: number) => void;
}

/**
 * Moves WAL checkpoints off the sale path entirely. SQLite's automatic checkpoint runs inside the
 * commit that crosses its threshold, on the thread that committed: with a sync catch-up writing
 * beside the sales, that was a 50–90 ms stall of the event loop every few thousand pages, and
 * a sale due then waited for it. Here a thread of its own, with its own connection, copies the
 * WAL into the ledger file a little at a time while sales go on; openLedger's
 * wal_autocheckpoint stays only as a backstop in case the thread cannot keep up.
 */
export function startCheckpointer(file: string, options: CheckpointerOptions): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: {
      driver,
      file,
      cipherPragmas: cipherPragmas(options.key),
      nativeBinding: options.nativeBinding ?? null,
      tickMs: options.tickMs ?? 100,
      minPages: options.minPages ?? CHECKPOINT_MIN_PAGES,
    },
  });
  worker.unref();
  worker.on('message', (message: { type: string; pages?: number; message?: string }) => {
    if (message.type === 'checkpointed') options.onCheckpoint?.(message.pages ?? 0);
    else log.warn('checkpoint failed', { error: message.message });
  });
  worker.on('error', (error) => log.error('checkpoint thread stopped', { error: String(error) }));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Held while it stops: a caller awaiting this with nothing else pending must see it end.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
