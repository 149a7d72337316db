import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
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
  ledgerCredentialStore,
  legacyCredentialFile,
  moveCredentialsIntoLedger,
  type CredentialStore,
  type LegacyCredential,
} from './sync/credentials';
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
  /** Where an older app kept the head-office credential (Electron: its safeStorage file). */
  legacyCredentials?: readonly LegacyCredential[];
  /** The built main bundle's folder (out/main), where worker threads' entries are; else tsx runs the source. */
  builtDir?: string;
}

export interface TerminalCore {
  ctx: CoreContext;
  db: Database.Database;
  dispatch: Dispatch;
  /** The head-office credential, kept inside the encrypted ledger. */
  credentials: CredentialStore;
  /** For IPC and HTTP: also reaches the operations that await head office. */
  dispatchAsync: DispatchAsync;
  /** The ledger's path, key and driver build: other threads (and backups) open it the same way. */
  ledger: { file: string; key: Buffer; nativeBinding?: string };
  close(): void;
}

export const LEDGER_FILE = 'ledger.sqlite3';

/** The data folder is its owner's alone; the ledger's files are 0600 (db/connection.ts). */
export const DATA_DIR_MODE = 0o700;

/**
 * Opens the terminal's brain on a data directory: the ledger, its clock and the API door. The
 * ledger is checked first (recovery/ledgerCheck.ts): one that is missing where a ledger existed,
 * empty, unreadable or failing SQLite's check throws LedgerUnusable and is never used.
 */
export function openCore(options: CoreOptions): TerminalCore {
  mkdirSync(options.dataDir, { recursive: true, mode: DATA_DIR_MODE });
  chmodSync(options.dataDir, DATA_DIR_MODE);
  const file = path.join(options.dataDir, LEDGER_FILE);
  const place = {
    dataDir: options.dataDir,
    file,
    secretSaved: secretSavedBefore(secretStoreOf(options)),
  };
  // Before the key: a lost ledger must not be taken for a new terminal and given a new secret.
  checkLedgerFile(place);
  const keys = terminalKeysFor(options, file);
  const ledger = {
    file,
    key: keys.ledgerKey,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  const { db } = openCheckedLedger(place, ledger);
  bindPinPepper(db, keys.pinPepper);
  const credentials = ledgerCredentialStore(db);
  try {
    moveCredentialsIntoLedger(credentials, [
      legacyCredentialFile(options.dataDir),
      ...(options.legacyCredentials ?? []),
    ]);
  } catch (error) {
    db.close();
    throw error;
  }
  const ctx = createContext(db, options.now, createPdfRenderer(options.builtDir, ledger));
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
    credentials,
    dispatchAsync: createDispatchAsync(ctx, dispatch),
    ledger,
    close: () => {
      void ctx.pdf.close();
      db.close();
      markStopped(options.dataDir);
    },
  };
}

/** A secret kept from an earlier start says a ledger was made with it (one made just now does not). */
const secretSavedBefore = (store: SecretStore): boolean =>
  !store.madeThisStart && store.load() !== null;

const secretStoreOf = (options: CoreOptions): SecretStore =>
  options.secretStore ?? fileSecretStore(keyFileFor(options.dataDir));

/** The ledger's key, as openCore derives it: restores and IT's tools open backups with it. */
export function ledgerKeyOf(options: CoreOptions): Buffer {
  return terminalKeysFor(options, path.join(options.dataDir, LEDGER_FILE)).ledgerKey;
}

function terminalKeysFor(options: CoreOptions, ledgerFile: string): TerminalKeys {
  const store = secretStoreOf(options);
  const secret = loadTerminalSecret(
    { env: options.env ?? process.env, store },
    !existsSync(ledgerFile) || isPlaintextSqlite(ledgerFile),
  );
  return deriveTerminalKeys(secret);
}
