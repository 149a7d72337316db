import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hkdfSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { DomainError } from '../../../shared/result';

/**
 * The terminal's secret: 32 random bytes made once per terminal, from which every key it needs
 * is derived (HKDF-SHA256, one label per use). It never lives in the ledger it protects:
 *
 * - in Electron the OS keychain guards it (safeStorage), through a SecretStore main passes in;
 * - the browser host keeps it in a key file beside the data folder, not in it (`<data>.key`,
 *   mode 0600), so copying the data folder does not copy the key;
 * - LOYALTY_TERMINAL_SECRET (64 hex digits) overrides both, for IT and for tests.
 */
export interface TerminalKeys {
  /** The ledger's encryption key. */
  ledgerKey: Buffer;
  /** Keys the PIN lookup tags: without it a stolen ledger's tags cannot be guessed offline. */
  pinPepper: Buffer;
}

export const SECRET_ENV = 'LOYALTY_TERMINAL_SECRET';
const SECRET_BYTES = 32;

/** Where a secret is kept between starts. `load` is null when none was ever saved. */
export interface SecretStore {
  /** Said in errors and logs: where the secret lives, never the secret. */
  describe: string;
  load(): Buffer | null;
  save(secret: Buffer): void;
  /** The secret was made during this start, before any ledger: no sign that a ledger existed. */
  madeThisStart?: boolean;
}

/** Electron's secret sealed by the OS keychain, in the data folder (electron/main/credentials.ts). */
export const KEYCHAIN_SECRET_FILE = 'terminal-secret.keychain';

/** The key file beside (not inside) a data folder. */
export const keyFileFor = (dataDir: string): string => `${path.resolve(dataDir)}.key`;

/** A secret in a file of its own, readable by this user only. Written whole, then renamed. */
export function fileSecretStore(file: string): SecretStore {
  return {
    describe: `key file ${file}`,
    load() {
      if (!existsSync(file)) return null;
      return parseSecret(readFileSync(file, 'utf8'), `the key file ${file}`);
    },
    save(secret) {
      mkdirSync(path.dirname(file), { recursive: true });
      const partial = `${file}.partial`;
      writeFileSync(partial, `${secret.toString('hex')}\n`, { mode: 0o600 });
      chmodSync(partial, 0o600);
      renameSync(partial, file);
    },
  };
}

function parseSecret(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new DomainError(
      'terminal_secret_invalid',
      `The terminal's secret in ${where} is not 64 hexadecimal digits.`,
    );
  return Buffer.from(hex, 'hex');
}

export function deriveTerminalKeys(secret: Buffer): TerminalKeys {
  if (secret.length !== SECRET_BYTES)
    throw new DomainError('terminal_secret_invalid', 'The terminal secret must be 32 bytes.');
  const derive = (label: string) =>
    Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `loyalty-terminal ${label}`, 32));
  return { ledgerKey: derive('ledger key v1'), pinPepper: derive('pin pepper v1') };
}

export interface SecretSource {
  env?: NodeJS.ProcessEnv;
  store: SecretStore;
}

/**
 * The terminal's secret from the environment, else its store. A new one is made only when
 * `mayCreate` says nothing already depends on the old (no ledger yet): a lost key with a ledger
 * beside it is a failure to report, never a reason to start over.
 */
export function loadTerminalSecret(source: SecretSource, mayCreate: boolean): Buffer {
  const fromEnv = source.env?.[SECRET_ENV];
  if (fromEnv) return parseSecret(fromEnv, SECRET_ENV);
  const stored = source.store.load();
  if (stored) return stored;
  if (!mayCreate)
    throw new DomainError(
      'terminal_secret_missing',
      `The terminal's key is missing (${source.store.describe}) though its ledger exists. Restore the key or the ledger from a backup.`,
    );
  const secret = randomBytes(SECRET_BYTES);
  source.store.save(secret);
  return secret;
}
