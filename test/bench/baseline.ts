/**
 * The baselines' connections. A bench ledger is made through the core, so it is encrypted like
 * every terminal's; a baseline opens the same file with the same driver, cipher (SQLCipher 4)
 * and key, and nothing else of the core, so both sides pay for the encryption and the ratio
 * still measures what the core adds.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { openKeyed } from '../../electron/core/db/connection';
import { deriveTerminalKeys, SECRET_ENV } from '../../electron/core/keys/terminalKeys';

/** Said in each encrypted benchmark's notes. */
export const CIPHER_NOTE = 'ledger encrypted on both sides (SQLCipher 4: AES-256-CBC, HMAC-SHA512)';

/** The key of every bench ledger: run.ts (or vitest.config.ts) sets the terminals' secret. */
export function benchLedgerKey(): Buffer {
  const secret = process.env[SECRET_ENV];
  if (!secret) throw new Error(`${SECRET_ENV} is not set; run benchmarks through npm run bench.`);
  return deriveTerminalKeys(Buffer.from(secret, 'hex')).ledgerKey;
}

/** A bench ledger opened raw, with its key: no pragmas, no migration, no core. */
export function openBaseline(
  file: string,
  options: { readonly?: boolean } = {},
): Database.Database {
  return openKeyed(file, { key: benchLedgerKey(), ...options });
}
