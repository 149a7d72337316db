import type Database from 'better-sqlite3-multiple-ciphers';
import { HybridClock } from '../../shared/hlc';
import type { CredentialStore } from './sync/credentials';
import type { SyncTransport } from './sync/transport';
import { createPdfRenderer, type PdfRenderer } from './reports/pdfRenderer';
import type { BackupServices } from './backup/backupService';
import { createDisplayRoom, type DisplayRoom } from './display/displayRoom';

/** Everything a core service needs: the ledger connection, the clock and the wall time source. */
export interface CoreContext {
  db: Database.Database;
  clock: HybridClock;
  now: () => number;
  /** Whether head office answered recently; the sync worker keeps it current. */
  connectivity: { online: boolean };
  /** Set by the host that runs a sync worker (Electron main, browser host, simulation). */
  sync: SyncServices | null;
  /** Lays out report PDFs on a thread of its own. */
  pdf: PdfRenderer;
  /** Backups of this ledger; set by openCore (null for a context made on a bare connection). */
  backups: BackupServices | null;
  /** What the customer display shows, and the displays paired since start (memory only). */
  display: DisplayRoom;
}

export interface SyncServices {
  credentials: CredentialStore;
  transportFor(serverUrl: string): SyncTransport;
  /** Starts (or restarts) the worker against the enrolled head office. */
  startWorker(): void;
  syncNow(): Promise<'synced' | 'offline' | 'refused' | 'not_enrolled'>;
}

/** Who, where and when: stamped on every row a business operation writes. */
export interface Stamp {
  storeId: string;
  terminalId: string;
  staffId: string;
  hlc: string;
  createdAt: string;
}

export function createContext(
  db: Database.Database,
  now: () => number = Date.now,
  pdf: PdfRenderer = createPdfRenderer(),
): CoreContext {
  const row = db.prepare('SELECT terminal_id FROM terminal WHERE id = 1').get() as
    { terminal_id: string } | undefined;
  const clock = new HybridClock(row?.terminal_id ?? 'unset', now);
  // Resume after the latest timestamp already written, even if the wall clock went backwards.
  // The newest row has the newest stamp; reading it by seq avoids scanning an unsent backlog.
  const last = db.prepare('SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1').get() as
    { hlc: string } | undefined;
  if (last) clock.observe(last.hlc);
  return {
    db,
    clock,
    now,
    connectivity: { online: false },
    sync: null,
    pdf,
    backups: null,
    display: createDisplayRoom(),
  };
}
