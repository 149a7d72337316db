import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import {
  deriveTerminalKeys,
  fileSecretStore,
  keyFileFor,
  loadTerminalSecret,
  type SecretStore,
  type TerminalKeys,
} from './keys/terminalKeys';
import { bindPinPepper } from './staff/pin';
import { createPdfRenderer } from './reports/pdfRenderer';
import { isPlaintextSqlite } from './keys/ledgerFile';
import { checkLedgerFile, markStopped, openCheckedLedger } from './recovery/ledgerCheck';
import { createContext, type CoreContext } from './context';
import { createBackupServices } from './backup/backupService';
import {
  createDispatch,
  createDispatchAsync,
  type Dispatch,
  type DispatchAsync,
} from './api/dispatch';

export interface CoreOptions {
  dataDir: string;
  nativeBinding?: string;
  now?: () => number;
  /** Where the terminal's secret is kept: Electron passes the OS keychain; else `<data>.key`. */
  secretStore?: SecretStore;
  /** The environment that may carry the secret (LOYALTY_TERMINAL_SECRET); process.env if omitted. */
  env?: NodeJS.ProcessEnv;
  /** The built main bundle's folder (out/main), where worker threads' entries are; else tsx runs the source. */
  builtDir?: string;
}

export interface TerminalCore {
  ctx: CoreContext;
  db: Database.Database;
  dispatch: Dispatch;
  /** For IPC and HTTP: also reaches the operations that await head office. */
  dispatchAsync: DispatchAsync;
  /** The ledger's path, and the driver build it was opened with: other threads open the same. */
  ledger: { file: string; nativeBinding?: string };
  close(): void;
}

export const LEDGER_FILE = 'ledger.sqlite3';

/**
 * Opens the terminal's brain on a data directory: the ledger, its clock and the API door. The
 * ledger is checked first (recovery/ledgerCheck.ts): one that is missing where a ledger existed,
 * empty, unreadable or failing SQLite's check throws LedgerUnusable and is never used.
 */
export function openCore(options: CoreOptions): TerminalCore {
  mkdirSync(options.dataDir, { recursive: true });
  const ledger = {
    file: path.join(options.dataDir, LEDGER_FILE),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  const place = {
    dataDir: options.dataDir,
    file: ledger.file,
    secretSaved: secretStoreOf(options).load() !== null,
  };
  // Before the key: a lost ledger must not be taken for a new terminal and given a new secret.
  checkLedgerFile(place);
  const keys = terminalKeysFor(options, ledger.file);
  const { db } = openCheckedLedger(place, ledger);
  bindPinPepper(db, keys.pinPepper);
  const ctx = createContext(db, options.now, createPdfRenderer(options.builtDir));
  ctx.backups = createBackupServices({
    db,
    dataDir: options.dataDir,
    ledgerFile: ledger.file,
    ledgerOptions: ledger,
    now: ctx.now,
    ...(options.builtDir ? { builtDir: options.builtDir } : {}),
  });
  const dispatch = createDispatch(ctx);
  return {
    ctx,
    db,
    dispatch,
    dispatchAsync: createDispatchAsync(ctx, dispatch),
    ledger,
    close: () => {
      void ctx.pdf.close();
      db.close();
      markStopped(options.dataDir);
    },
  };
}

const secretStoreOf = (options: CoreOptions): SecretStore =>
  options.secretStore ?? fileSecretStore(keyFileFor(options.dataDir));

function terminalKeysFor(options: CoreOptions, ledgerFile: string): TerminalKeys {
  const store = secretStoreOf(options);
  const secret = loadTerminalSecret(
    { env: options.env ?? process.env, store },
    !existsSync(ledgerFile) || isPlaintextSqlite(ledgerFile),
  );
  return deriveTerminalKeys(secret);
}
