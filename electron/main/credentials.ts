import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { fileCredentialStore, type CredentialStore } from '../core/sync/credentials';

/**
 * The head-office credential, encrypted with the OS keychain through Electron's safeStorage
 * where it is available; otherwise the 0600 file the browser host uses.
 */
export function keychainCredentialStore(
  safeStorage: SafeStorage,
  dataDir: string,
): CredentialStore {
  if (!safeStorage.isEncryptionAvailable()) return fileCredentialStore(dataDir);
  const file = path.join(dataDir, 'head-office.credential.enc');
  return {
    protection: 'os-keychain',
    read() {
      if (!existsSync(file)) return null;
      return safeStorage.decryptString(readFileSync(file));
    },
    write(secret) {
      const temp = `${file}.tmp`;
      writeFileSync(temp, safeStorage.encryptString(secret), { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}
