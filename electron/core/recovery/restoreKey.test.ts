import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE, ledgerKeyOf } from '../core';
import { KEYCHAIN_SECRET_FILE, SECRET_ENV, keyFileFor } from '../keys/terminalKeys';
import { restoreSecretStore } from './restoreKey';

/**
 * `npm run restore` and the terminal's key (issue 11 §3): an Electron terminal's key is sealed by
 * the OS keychain, which a command outside the app cannot ask. The command must say so and take
 * the key another way (--key-file, LOYALTY_TERMINAL_SECRET), and must never make a new key.
 */
const SECRET = 'ab'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) fs.rmSync(dirs.pop() as string, { recursive: true, force: true });
});

function dataDir(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'restore-key-'));
  dirs.push(root);
  const dir = path.join(root, 'data');
  fs.mkdirSync(dir);
  return dir;
}

const noEnv: NodeJS.ProcessEnv = {};

describe('the key a restore opens the backup with', () => {
  it('refuses a keychain-sealed key by name and says what to pass instead', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, KEYCHAIN_SECRET_FILE), 'sealed by safeStorage');
    let message = '';
    try {
      restoreSecretStore({ dataDir: dir, env: noEnv });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('OS keychain');
    expect(message).toContain('--key-file');
    expect(message).toContain(SECRET_ENV);
  });

  it('takes the key from --key-file or the environment when the keychain holds it', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, KEYCHAIN_SECRET_FILE), 'sealed by safeStorage');
    const keyFile = path.join(path.dirname(dir), 'it-copy.key');
    fs.writeFileSync(keyFile, `${SECRET}\n`, { mode: 0o600 });
    const fromFile = restoreSecretStore({ dataDir: dir, keyFile, env: noEnv });
    expect(fromFile.load()?.toString('hex')).toBe(SECRET);
    const fromEnv = restoreSecretStore({ dataDir: dir, env: { [SECRET_ENV]: SECRET } });
    expect(
      ledgerKeyOf({ dataDir: dir, secretStore: fromEnv, env: { [SECRET_ENV]: SECRET } }),
    ).toEqual(ledgerKeyOf({ dataDir: dir, secretStore: fromFile, env: noEnv }));
  });

  it("uses the browser host's key file beside the data folder", () => {
    const dir = dataDir();
    fs.writeFileSync(keyFileFor(dir), `${SECRET}\n`, { mode: 0o600 });
    expect(restoreSecretStore({ dataDir: dir, env: noEnv }).load()?.toString('hex')).toBe(SECRET);
  });

  it('never makes a new key, even with the ledger gone', () => {
    const dir = dataDir();
    const store = restoreSecretStore({ dataDir: dir, env: noEnv });
    expect(() => ledgerKeyOf({ dataDir: dir, secretStore: store, env: noEnv })).toThrow(
      /--key-file/,
    );
    expect(fs.existsSync(keyFileFor(dir))).toBe(false);
  });

  it('refuses a --key-file that is not there', () => {
    const dir = dataDir();
    expect(() =>
      restoreSecretStore({ dataDir: dir, keyFile: path.join(dir, 'nope.key'), env: noEnv }),
    ).toThrow(/no key file/);
  });

  it('npm run restore says so on an Electron terminal, and changes nothing', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, KEYCHAIN_SECRET_FILE), 'sealed by safeStorage');
    fs.writeFileSync(path.join(dir, LEDGER_FILE), 'damaged');
    const before = fs.readdirSync(dir).sort();
    const env = { ...process.env };
    delete env[SECRET_ENV];
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/restore.ts',
        '--from',
        path.join(dir, 'x.sqlite3'),
        '--data',
        dir,
      ],
      { encoding: 'utf8', env, timeout: 60_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('OS keychain');
    expect(run.stdout).toContain('--key-file');
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  }, 60_000);
});
