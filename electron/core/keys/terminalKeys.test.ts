import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SECRET_ENV,
  deriveTerminalKeys,
  fileSecretStore,
  keyFileFor,
  loadTerminalSecret,
} from './terminalKeys';
import { isPlaintextSqlite } from './ledgerFile';
import { openCore, LEDGER_FILE } from '../core';
import { makeTempDir, type TempDir } from '../../../test/unit/helpers/terminal';

/** The terminal's secret: made once, kept outside the data folder, never remade over a ledger. */

let tmp: TempDir;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.remove());

describe('the key file', () => {
  it('is made once, beside the data folder, readable by its owner only', () => {
    const dataDir = path.join(tmp.dir, 'data');
    const file = keyFileFor(dataDir);
    expect(path.dirname(file)).toBe(tmp.dir);
    const store = fileSecretStore(file);
    const secret = loadTerminalSecret({ env: {}, store }, true);
    expect(secret).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadTerminalSecret({ env: {}, store }, false).equals(secret)).toBe(true);
  });

  it('is overridden by the environment, and a malformed secret is refused by name', () => {
    const store = fileSecretStore(path.join(tmp.dir, 'k.key'));
    const fromEnv = loadTerminalSecret({ env: { [SECRET_ENV]: 'ab'.repeat(32) }, store }, true);
    expect(fromEnv.equals(Buffer.alloc(32, 0xab))).toBe(true);
    expect(existsSync(path.join(tmp.dir, 'k.key'))).toBe(false);
    expect(() => loadTerminalSecret({ env: { [SECRET_ENV]: 'abc' }, store }, true)).toThrow(
      /not 64 hexadecimal digits/,
    );
    writeFileSync(path.join(tmp.dir, 'k.key'), 'not a key');
    expect(() => loadTerminalSecret({ env: {}, store }, true)).toThrow(/key file/);
    expect(readFileSync(path.join(tmp.dir, 'k.key'), 'utf8')).toBe('not a key');
  });

  it('is never remade when something depends on the lost one', () => {
    const store = fileSecretStore(path.join(tmp.dir, 'gone.key'));
    expect(() => loadTerminalSecret({ env: {}, store }, false)).toThrow(/key is missing/);
    expect(existsSync(path.join(tmp.dir, 'gone.key'))).toBe(false);
  });
});

describe('keys', () => {
  it('are derived one per use, and differ between terminals', () => {
    const a = deriveTerminalKeys(Buffer.alloc(32, 1));
    const b = deriveTerminalKeys(Buffer.alloc(32, 2));
    expect(a.ledgerKey.equals(a.pinPepper)).toBe(false);
    expect(a.ledgerKey.equals(b.ledgerKey)).toBe(false);
    expect(deriveTerminalKeys(Buffer.alloc(32, 1)).pinPepper.equals(a.pinPepper)).toBe(true);
    expect(() => deriveTerminalKeys(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('opening a terminal without the environment’s secret', () => {
  it('makes the key file for a new data folder and reuses it; the ledger it keys is encrypted', () => {
    const dataDir = path.join(tmp.dir, 'till');
    const core = openCore({ dataDir, env: {} });
    core.close();
    expect(isPlaintextSqlite(path.join(dataDir, LEDGER_FILE))).toBe(false);
    const first = readFileSync(keyFileFor(dataDir), 'utf8');
    openCore({ dataDir, env: {} }).close();
    expect(readFileSync(keyFileFor(dataDir), 'utf8')).toBe(first);
  });

  it('refuses a ledger that is not plaintext SQLite when its key is gone', () => {
    const dataDir = path.join(tmp.dir, 'till');
    openCore({ dataDir, env: {} }).close();
    rmSync(keyFileFor(dataDir));
    writeFileSync(path.join(dataDir, LEDGER_FILE), Buffer.alloc(4096, 0x5a));
    expect(() => openCore({ dataDir, env: {} })).toThrow(/key is missing/);
  });
});
