import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { DomainError } from '../../shared/result';
import { createLogger } from '../../shared/logger';
import {
  fileSecretStore,
  keyFileFor,
  KEYCHAIN_SECRET_FILE,
  type SecretStore,
} from '../core/keys/terminalKeys';
import type { LegacyCredential } from '../core/sync/credentials';

const log = createLogger('keychain');

/** What is used of Electron's safeStorage; tests pass a stand-in. */
export type Keychain = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

/** The terminal's secret sealed by the OS keychain, in the data folder (useless without it). */
export { KEYCHAIN_SECRET_FILE };

/**
 * Whether safeStorage really uses an OS keychain. On Linux without a secret service it falls
 * back to `basic_text`, a key hard-coded in Chromium, which protects nothing.
 */
export function keychainProtects(keychain: Keychain): boolean {
  if (!keychain.isEncryptionAvailable()) return false;
  return keychain.getSelectedStorageBackend?.() !== 'basic_text';
}

/**
 * The terminal's secret (from which the ledger key and the PIN pepper are derived) kept with
 * safeStorage, as Signal Desktop keeps its database key. A secret an earlier version kept in the
 * `<data>.key` file is sealed here on first use and the file removed. Where the OS offers no
 * keychain, the key file it is, as in the browser host.
 */
export function keychainSecretStore(keychain: Keychain, dataDir: string): SecretStore {
  const keyFile = fileSecretStore(keyFileFor(dataDir));
  if (!keychainProtects(keychain)) {
    log.warn('no OS keychain: the terminal key stays in its key file', { file: keyFile.describe });
    return keyFile;
  }
  const sealed = path.join(dataDir, KEYCHAIN_SECRET_FILE);
  const store: SecretStore = {
    describe: `OS keychain (${sealed})`,
    load() {
      if (existsSync(sealed)) {
        let hex: string;
        try {
          hex = keychain.decryptString(readFileSync(sealed));
        } catch {
          throw new DomainError(
            'terminal_secret_invalid',
            `The OS keychain cannot unseal the terminal's key (${sealed}). Sign in as the user who set the terminal up, or restore from a backup.`,
          );
        }
        if (!/^[0-9a-f]{64}$/.test(hex))
          throw new DomainError(
            'terminal_secret_invalid',
            `The terminal's key sealed in ${sealed} is not 64 hexadecimal digits.`,
          );
        return Buffer.from(hex, 'hex');
      }
      const fromFile = keyFile.load();
      if (!fromFile) return null;
      store.save(fromFile);
      rmSync(keyFileFor(dataDir), { force: true });
      log.info('the terminal key moved from its key file into the OS keychain');
      return fromFile;
    },
    save(secret) {
      const partial = `${sealed}.partial`;
      writeFileSync(partial, keychain.encryptString(secret.toString('hex')), { mode: 0o600 });
      chmodSync(partial, 0o600);
      renameSync(partial, sealed);
    },
  };
  return store;
}

/**
 * Where the Electron app kept the head-office credential before it moved into the ledger: a
 * safeStorage blob in the data folder. Left alone while the keychain cannot open it.
 */
export function legacyKeychainCredential(keychain: Keychain, dataDir: string): LegacyCredential {
  const file = path.join(dataDir, 'head-office.credential.enc');
  return {
    describe: file,
    read() {
      if (!existsSync(file) || !keychain.isEncryptionAvailable()) return null;
      try {
        return keychain.decryptString(readFileSync(file));
      } catch (error) {
        // Unreadable now is no reason not to start: the till sells, and can enroll again.
        log.warn('the old head-office credential cannot be unsealed; left in place', {
          error: String(error),
        });
        return null;
      }
    },
    remove() {
      rmSync(file, { force: true });
      rmSync(`${file}.tmp`, { force: true });
    },
  };
}
