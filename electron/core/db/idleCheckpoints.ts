import type Database from 'better-sqlite3';
import { createLogger } from '../logger';

const log = createLogger('checkpoint');

/**
 * Moves WAL checkpoints off the sale path. SQLite's automatic checkpoint runs inside the commit
 * that crosses its threshold, so with the default (1,000 pages) one sale in forty or so pays
 * for copying pages into a large ledger file and syncing it: that is the p99 of a sale.
 * openLedger raises the threshold to WAL_AUTOCHECKPOINT_PAGES, a backstop for long busy
 * stretches, and this timer checkpoints whenever the ledger has been idle for a tick: a till
 * has a moment between customers. A sale that arrives during a checkpoint waits for it, as it
 * would behind any other work on the event loop; it never runs inside the sale's transaction.
 */
export function startIdleCheckpoints(
  db: Database.Database,
  options: { tickMs?: number } = {},
): () => void {
  const changes = db.prepare('SELECT total_changes() AS n').pluck();
  let seen = changes.get() as number;
  let checkpointed = seen;
  const timer = setInterval(() => {
    if (!db.open || db.inTransaction) return;
    const now = changes.get() as number;
    // Written during the last tick: busy, try again at the next one.
    if (now !== seen) {
      seen = now;
      return;
    }
    if (now === checkpointed) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      checkpointed = now;
    } catch (error) {
      log.warn('idle checkpoint failed', { error: String(error) });
    }
  }, options.tickMs ?? 500);
  timer.unref?.();
  return () => clearInterval(timer);
}
