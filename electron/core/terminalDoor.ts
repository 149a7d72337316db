import path from 'node:path';
import { contract } from '../../shared/api';
import type { BackupSummary, RecoveryStatus, RestoreResult } from '../../shared/backup';
import { DomainError, fail, ok, type Result } from '../../shared/result';
import { createLogger } from '../../shared/logger';
import type { DispatchAsync } from './api/dispatch';
import { ledgerKeyOf, openCore, LEDGER_FILE, type CoreOptions, type TerminalCore } from './core';
import { startTerminalServices, type TerminalServices } from './services';
import type { CredentialStore } from './sync/credentials';
import { httpTransport, type SyncTransport } from './sync/transport';
import { backupFolderOf, readBackupSettings, DEFAULT_BACKUP_FOLDER } from './backup/backupSettings';
import { listVerifiedBackups, type ListedBackup } from './backup/rotation';
import { summaryOf } from './backup/backupService';
import { LedgerUnusable, type LedgerProblem } from './recovery/ledgerCheck';
import {
  clearRestorePending,
  readRestorePending,
  restoreLedgerFile,
} from './recovery/restoreLedger';
import { resyncAfterRestore } from './recovery/resync';

const log = createLogger('terminal');

export interface TerminalDoorOptions extends CoreOptions {
  /** The head-office credential; by default the one inside the encrypted ledger. */
  credentials?: CredentialStore;
  transportFor?: (url: string) => SyncTransport;
  /** Start the sync worker, the loyalty catch-up and automatic backups (default: true). */
  services?: boolean;
}

/** What the hosts hold: the API door, whatever state the ledger is in. */
export interface TerminalDoor {
  dispatchAsync: DispatchAsync;
  /** The core in use (null while the ledger is unusable). */
  core(): TerminalCore | null;
  status(): RecoveryStatus;
  restore(file: string): Promise<RestoreResult>;
  resync(): Promise<RestoreResult>;
  close(): void;
}

type State =
  | { kind: 'ready'; core: TerminalCore; services: TerminalServices | null }
  | { kind: 'recovery'; problem: LedgerProblem; detail: string }
  | {
      kind: 'resyncing';
      core: TerminalCore;
      restoredFrom: BackupSummary;
      lastError: string | null;
    };

/**
 * The terminal as the hosts (Electron main, the browser host) run it. A ledger that fails its
 * start-up check is never used: the terminal starts in recovery, where the API answers only the
 * recovery operations and the screen offers the newest verified backup. After a restore it stays
 * closed to sales until head office has given back what it holds (resync.ts).
 */
export function openTerminalDoor(options: TerminalDoorOptions): TerminalDoor {
  const transportFor = options.transportFor ?? httpTransport;
  const withServices = options.services ?? true;
  let state: State;

  const startReady = (core: TerminalCore) => {
    const services = withServices
      ? startTerminalServices(core, {
          ...(options.credentials ? { credentials: options.credentials } : {}),
          transportFor,
        })
      : null;
    state = { kind: 'ready', core, services };
  };

  const folders = (): string[] => {
    const chosen = backupFolderOf(options.dataDir, readBackupSettings(options.dataDir));
    const fallback = path.join(options.dataDir, DEFAULT_BACKUP_FOLDER);
    return chosen === fallback ? [chosen] : [chosen, fallback];
  };
  const verifiedBackups = (): ListedBackup[] =>
    folders()
      .flatMap((folder) => listVerifiedBackups(folder))
      .sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt));

  const resync = async (): Promise<RestoreResult> => {
    if (state.kind !== 'resyncing')
      throw new DomainError('ledger_in_use', 'No restore is waiting for head office.');
    const current = state;
    try {
      const done = await resyncAfterRestore(current.core, {
        credentials: options.credentials ?? current.core.credentials,
        transportFor,
      });
      clearRestorePending(options.dataDir);
      startReady(current.core);
      log.info('restore complete', {
        recoveredOperations: done.reapplied.operations,
        unsentInBackup: done.unsentInBackup,
      });
      return {
        restoredFrom: current.restoredFrom,
        recoveredOperations: done.reapplied.operations,
        recoveredSales: done.reapplied.sales,
        headOffice: done.headOffice,
        unsentInBackup: done.unsentInBackup,
      };
    } catch (error) {
      current.lastError = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };

  const restore = async (file: string): Promise<RestoreResult> => {
    if (state.kind !== 'recovery')
      throw new DomainError('ledger_in_use', 'The ledger is in use: there is nothing to restore.');
    const chosen = verifiedBackups().find((b) => b.manifest.file === file);
    if (!chosen)
      throw new DomainError('backup_not_found', 'That backup is not among the verified backups.');
    const restoredFrom = await restoreLedgerFile({
      dataDir: options.dataDir,
      ledgerFile: path.join(options.dataDir, LEDGER_FILE),
      backupFile: chosen.path,
      ledgerOptions: {
        key: ledgerKeyOf(options),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      },
      now: options.now ?? Date.now,
    });
    state = {
      kind: 'resyncing',
      core: openCore(options),
      restoredFrom,
      lastError: null,
    };
    return resync();
  };

  const status = (): RecoveryStatus => {
    switch (state.kind) {
      case 'ready':
        return { state: 'ready' };
      case 'recovery':
        return {
          state: 'recovery',
          problem: state.problem,
          detail: state.detail,
          backups: verifiedBackups().map((b) => summaryOf(b.manifest)),
          folder: folders()[0] ?? options.dataDir,
        };
      case 'resyncing':
        return { state: 'resyncing', restoredFrom: state.restoredFrom, lastError: state.lastError };
      default: {
        const never: never = state;
        return never;
      }
    }
  };

  try {
    const core = openCore(options);
    const pending = readRestorePending(options.dataDir);
    if (pending) {
      state = { kind: 'resyncing', core, restoredFrom: pending, lastError: null };
      // Head office may be reachable right away; the screen offers to retry if not.
      resync().catch(() => undefined);
    } else startReady(core);
  } catch (error) {
    // An encrypted ledger whose first page is damaged cannot be told from one under another key
    // (SQLCipher sees only a page it cannot authenticate): both are unreadable, and recovery
    // offers the backups, which verify only under this terminal's key.
    const unusable =
      error instanceof DomainError && error.error.code === 'ledger_key_wrong'
        ? new LedgerUnusable('unreadable', error.message)
        : error;
    if (!(unusable instanceof LedgerUnusable)) throw error;
    log.error('the ledger failed its start-up check: recovery', {
      problem: unusable.problem,
      detail: unusable.detail,
    });
    state = { kind: 'recovery', problem: unusable.problem, detail: unusable.detail };
  }

  const recoveryAnswer = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      if (name === 'recovery.status') return ok(status());
      if (name === 'recovery.restore') {
        const parsed = contract['recovery.restore'].input.safeParse(input ?? {});
        if (!parsed.success) return fail('invalid_input', 'file: must be a backup file name');
        return ok(await restore(parsed.data.file));
      }
      if (name === 'recovery.resync') return ok(await resync());
      return fail(
        'ledger_recovery',
        'The ledger is damaged or missing: restore it from a backup first.',
      );
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: error.error };
      log.error(`recovery operation ${name} failed`, { error: String(error) });
      return fail('internal', 'Something went wrong inside the terminal. Nothing was saved.');
    }
  };

  return {
    dispatchAsync: (name, input, caller) => {
      if (state.kind === 'ready') return state.core.dispatchAsync(name, input, caller);
      // Restoring a ledger is the till's business, never a customer display's.
      if (caller && caller.kind !== 'till')
        return Promise.resolve(fail('display_only', 'The terminal is being restored.'));
      return recoveryAnswer(name, input);
    },
    core: () => (state.kind === 'recovery' ? null : state.core),
    status,
    restore,
    resync,
    close() {
      if (state.kind === 'ready') state.services?.stop();
      if (state.kind !== 'recovery') state.core.close();
    },
  };
}
