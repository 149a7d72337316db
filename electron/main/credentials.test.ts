import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/result';
import { fileSecretStore, keyFileFor, loadTerminalSecret } from '../core/keys/terminalKeys';
import { makeTempDir, type TempDir } from '../../test/unit/helpers/terminal';
import {
  KEYCHAIN_SECRET_FILE,
  keychainSecretStore,
  legacyKeychainCredential,
  type Keychain,
} from './credentials';

/**
 * In Electron the terminal's secret is sealed by the OS keychain (safeStorage). The stand-in
 * keychain below seals by XOR with a byte only it knows, so a sealed file never shows the secret.
 */
function fakeKeychain(options: { available?: boolean; backend?: string } = {}): Keychain {
  const seal = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5c));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (text: string) => seal(Buffer.from(`sealed:${text}`)),
    decryptString: (blob: Buffer) => {
      const text = seal(blob).toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext');
      return text.slice('sealed:'.length);
    },
    getSelectedStorageBackend: () =>
      (options.backend ?? 'gnome_libsecret') as ReturnType<
        NonNullable<Keychain['getSelectedStorageBackend']>
      >,
  };
}

let tmp: TempDir;
let dataDir: string;
beforeEach(() => {
  tmp = makeTempDir();
  dataDir = path.join(tmp.dir, 'userData');
  fs.mkdirSync(dataDir);
});
afterEach(() => tmp.remove());

describe('the terminal secret in Electron', () => {
  it('is sealed by the keychain in a 0600 file, and read back the same', () => {
    const store = keychainSecretStore(fakeKeychain(), dataDir);
    const secret = loadTerminalSecret({ env: {}, store }, true);
    const sealed = path.join(dataDir, KEYCHAIN_SECRET_FILE);
    expect(fs.statSync(sealed).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(sealed).includes(secret.toString('hex'))).toBe(false);
    expect(fs.existsSync(keyFileFor(dataDir))).toBe(false);
    expect(loadTerminalSecret({ env: {}, store }, false).equals(secret)).toBe(true);
  });

  it('moves in from the key file an earlier version made, which is then removed', () => {
    const old = loadTerminalSecret({ env: {}, store: fileSecretStore(keyFileFor(dataDir)) }, true);
    const store = keychainSecretStore(fakeKeychain(), dataDir);
    expect(loadTerminalSecret({ env: {}, store }, false).equals(old)).toBe(true);
    expect(fs.existsSync(keyFileFor(dataDir))).toBe(false);
    expect(loadTerminalSecret({ env: {}, store }, false).equals(old)).toBe(true);
  });

  it('stays in the key file where the OS has no keychain (or only Chromium’s basic_text)', () => {
    for (const keychain of [
      fakeKeychain({ available: false }),
      fakeKeychain({ backend: 'basic_text' }),
    ]) {
      const store = keychainSecretStore(keychain, dataDir);
      expect(store.describe).toMatch(/key file/);
    }
  });

  it('is refused by name when the keychain cannot unseal it, never remade', () => {
    fs.writeFileSync(path.join(dataDir, KEYCHAIN_SECRET_FILE), 'sealed by another user');
    const store = keychainSecretStore(fakeKeychain(), dataDir);
    expect(() => loadTerminalSecret({ env: {}, store }, true)).toThrow(DomainError);
    expect(() => store.load()).toThrow(/cannot unseal/);
    expect(fs.readFileSync(path.join(dataDir, KEYCHAIN_SECRET_FILE), 'utf8')).toBe(
      'sealed by another user',
    );
  });
});

describe('the old keychain-sealed head-office credential', () => {
  it('is read for moving into the ledger, then removed; left alone without a keychain', () => {
    const keychain = fakeKeychain();
    const file = path.join(dataDir, 'head-office.credential.enc');
    fs.writeFileSync(file, keychain.encryptString('tok_old'));
    expect(legacyKeychainCredential(fakeKeychain({ available: false }), dataDir).read()).toBeNull();
    fs.writeFileSync(`${file}`, 'not sealed by this keychain');
    expect(legacyKeychainCredential(keychain, dataDir).read()).toBeNull();
    expect(fs.existsSync(file)).toBe(true);
    fs.writeFileSync(file, keychain.encryptString('tok_old'));
    const legacy = legacyKeychainCredential(keychain, dataDir);
    expect(legacy.read()).toBe('tok_old');
    legacy.remove();
    expect(fs.existsSync(file)).toBe(false);
  });
});
