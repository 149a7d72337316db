import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the terminal keeps its head-office credential. Electron's main process supplies one
 * backed by safeStorage (the OS keychain); elsewhere it is a file only the user can read.
 */
export interface CredentialStore {
  read(): string | null;
  write(secret: string): void;
  /** How it is protected, for the status screen and the logs. */
  readonly protection: 'os-keychain' | 'file-0600';
}

export function fileCredentialStore(dataDir: string): CredentialStore {
  const file = path.join(dataDir, 'head-office.credential');
  return {
    protection: 'file-0600',
    read() {
      if (!existsSync(file)) return null;
      const text = readFileSync(file, 'utf8').trim();
      return text.length > 0 ? text : null;
    },
    write(secret) {
      const temp = `${file}.tmp`;
      writeFileSync(temp, secret, { mode: 0o600 });
      chmodSync(temp, 0o600);
      renameSync(temp, file);
    },
  };
}
