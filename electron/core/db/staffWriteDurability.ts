import { open } from 'node:fs/promises';
import type Database from 'better-sqlite3-multiple-ciphers';
import { createLogger } from '../../../shared/logger';

const log = createLogger('ledger');

/**
 * Staff housekeeping that moves no money: signing in and out, adding a person, changing a PIN,
 * deactivating someone. These commit without waiting for the disk; the write-ahead log is
 * flushed right after on a libuv thread, off the sale path (issue 11 §4).
 *
 * Why this is safe: in WAL mode a commit at `synchronous = NORMAL` is written to the log but not
 * yet flushed to the disk. The log is one file written in order, so the next sale's own flush
 * (at `synchronous = FULL`, the ledger's setting) makes every earlier commit durable with it: no
 * sale can survive a power cut while a staff change before it is lost, and the ledger is always
 * consistent. The one window left is a staff change in the milliseconds between its commit and
 * the flush below, with no sale after it; the manager would redo it. A sale, refund, points entry,
 * coupon, gift card or consent never takes this path.
 *
 * Why it matters: each of these commits used to flush on the core's thread, so a sale rung up
 * beside a manager at work waited for the manager's flush and then its own: two disk flushes
 * where one is due (`npm run bench -- --only sale_during_admin`).
 *
 * The flush waits FLUSH_AFTER_MS and is skipped when the connection wrote anything since the
 * last staff change: every other write commits at FULL, and its flush already carried the staff
 * change to the disk. At a busy counter that is nearly always, so the disk sees the sales' own
 * flushes and little else.
 */
export const staffWritesFlushedSoon: ReadonlySet<string> = new Set([
  'staff.signIn',
  'staff.signOut',
  'staff.add',
  'staff.changePin',
  'staff.deactivate',
]);

/** How long a staff change waits for a sale's flush to carry it before flushing itself. */
export const FLUSH_AFTER_MS = 50;

interface Flush {
  running: boolean;
  again: boolean;
  /** The connection's total_changes() after the last staff write. */
  changesAfterStaff: number;
  /** Flushes done, for tests. */
  done: number;
  /** Flushes skipped because a later FULL commit carried the staff change, for tests. */
  carried: number;
}

const flushes = new WeakMap<Database.Database, Flush>();

/**
 * Runs one synchronous operation's writes with the log flush deferred, then flushes the log on a
 * libuv thread. Flushes coalesce: however many staff writes come while one runs, one more follows.
 */
export function withFlushSoon<T>(db: Database.Database, write: () => T): T {
  if (db.memory || db.readonly) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
    flushLogSoon(db);
  }
}

const totalChanges = (db: Database.Database): number =>
  db.prepare('SELECT total_changes() AS n').pluck().get() as number;

function flushLogSoon(db: Database.Database): void {
  let flush = flushes.get(db);
  if (!flush) {
    flush = { running: false, again: false, changesAfterStaff: 0, done: 0, carried: 0 };
    flushes.set(db, flush);
  }
  flush.changesAfterStaff = totalChanges(db);
  if (flush.running) {
    flush.again = true;
    return;
  }
  flush.running = true;
  void flushLog(db, flush);
}

async function flushLog(db: Database.Database, flush: Flush): Promise<void> {
  const wal = `${db.name}-wal`;
  do {
    flush.again = false;
    await new Promise((resolve) => setTimeout(resolve, FLUSH_AFTER_MS));
    // A failed operation's rolled-back statements count too; it only costs a flush skipped for
    // a staff change that the next sale or checkpoint then carries.
    if (db.open && totalChanges(db) > flush.changesAfterStaff) {
      flush.carried += 1;
      continue;
    }
    try {
      // fsync flushes the file's pages whichever descriptor wrote them: the log SQLite wrote.
      const handle = await open(wal, 'r+');
      try {
        await handle.sync();
        flush.done += 1;
      } finally {
        await handle.close();
      }
    } catch (error) {
      // No log (the ledger was closed and checkpointed): nothing is left to flush.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log.error('could not flush the write-ahead log after a staff change', {
          error: String(error),
        });
    }
  } while (flush.again);
  flush.running = false;
}

/** Resolves once no deferred flush is running, with how many were done and carried (tests). */
export async function logFlushed(
  db: Database.Database,
): Promise<{ done: number; carried: number }> {
  while (flushes.get(db)?.running) await new Promise((resolve) => setTimeout(resolve, 1));
  const flush = flushes.get(db);
  return { done: flush?.done ?? 0, carried: flush?.carried ?? 0 };
}
