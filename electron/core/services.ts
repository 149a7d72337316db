import type { TerminalCore } from './core';
import type { CredentialStore } from './sync/credentials';
import { SyncWorker } from './sync/syncWorker';
import { httpTransport, type SyncTransport } from './sync/transport';
import { readSyncState } from './sync/syncStore';
import { catchUpLoyaltyBesideSales } from './loyalty/catchUp';
import { readTerminal } from './terminal/terminalStore';
import { createLogger } from '../../shared/logger';
import { startCheckpointer } from './db/checkpointer';
import { yieldToSales } from './yieldToSales';

const log = createLogger('services');
const LOYALTY_CATCH_UP_MS = 60 * 60_000;

export interface TerminalServices {
  stop(): void;
}

/**
 * What runs beside the sale path in a real terminal: the sync worker (once enrolled), the
 * hourly loyalty catch-up (expiry, tier reviews, birthday coupons) and the WAL checkpoints, on
 * a thread of their own. Hosts call this; tests and simulations drive the same pieces directly.
 */
export function startTerminalServices(
  core: TerminalCore,
  options: { credentials?: CredentialStore; transportFor?: (url: string) => SyncTransport } = {},
): TerminalServices {
  const credentials = options.credentials ?? core.credentials;
  const transportFor = options.transportFor ?? httpTransport;
  let worker: SyncWorker | null = null;
  const startWorker = () => {
    worker?.stop();
    const url = readSyncState(core.db).server_url;
    if (!url) return;
    worker = new SyncWorker(core.ctx, {
      transport: transportFor(url),
      credentials,
    });
    worker.start();
  };
  core.ctx.sync = {
    credentials,
    transportFor,
    startWorker,
    syncNow: () => worker?.syncNow() ?? Promise.resolve('not_enrolled'),
  };
  startWorker();

  let catchingUp = false;
  let stopped = false;
  const catchUp = async () => {
    if (catchingUp || !readTerminal(core.db)) return;
    catchingUp = true;
    try {
      const done = await catchUpLoyaltyBesideSales(core.ctx, yieldToSales);
      if (done.expiredEntries + done.tierChanges + done.birthdayCoupons > 0)
        log.info('loyalty caught up', done);
    } catch (error) {
      // Stopping closes the ledger under a catch-up between two steps: nothing to report then.
      if (!stopped) log.error('loyalty catch-up failed', { error: String(error) });
    } finally {
      catchingUp = false;
    }
  };
  const first = setTimeout(() => void catchUp(), 1_000);
  const hourly = setInterval(() => void catchUp(), LOYALTY_CATCH_UP_MS);
  first.unref?.();
  hourly.unref?.();
  const checkpointer = startCheckpointer(core.ledger.file, core.ledger);
  // Backups at shift and Z closes and every N hours (a plain interval: see backupService.ts).
  const stopBackups = core.ctx.backups?.startAutomatic() ?? (() => undefined);
  return {
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(hourly);
      worker?.stop();
      stopBackups();
      // The thread closes its own connection; the ledger is safe whichever closes last.
      void checkpointer.stop();
    },
  };
}
