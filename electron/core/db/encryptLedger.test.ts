import fs from 'node:fs';
import { KNOWN_MARKER, RUNNING_MARKER } from '../recovery/ledgerCheck';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/result';
import { DATA_DIR_MODE, LEDGER_FILE, openCore } from '../core';
import { isPlaintextSqlite } from '../keys/ledgerFile';
import { keyFileFor, SECRET_ENV } from '../keys/terminalKeys';
import { openKeyed, writeEncryptedCopy } from './connection';
import { encryptPlaintextLedger, type EncryptStep } from './encryptLedger';
import {
  MANAGER_PIN,
  hkSetup,
  makeTempDir,
  openTestCore,
  testLedgerKey,
  unwrap,
  type TempDir,
} from '../../../test/unit/helpers/terminal';
import {
  PLAINTEXT_MEMBERS,
  placePlaintextLedger as placeLedger,
} from '../../../test/unit/helpers/plaintextLedger';

/**
 * The ledger is encrypted at rest (issue 11 §2): a plaintext ledger written by the app before
 * encryption is migrated on first start, verified before the plaintext goes; a wrong key is a
 * clear error, never a new terminal; the data folder and its files are the owner's alone.
 */

const key = testLedgerKey();

let tmp: TempDir;
let dataDir: string;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  dataDir = path.join(tmp.dir, 'till');
  file = path.join(dataDir, LEDGER_FILE);
});
afterEach(() => tmp.remove());

const placePlaintextLedger = () => void placeLedger(dataDir);

/** What the bare driver sees, without a key. */
function readPlaintext(): { members: string[]; sales: number[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      members: db.prepare('SELECT name FROM member ORDER BY name').pluck().all() as string[],
      sales: db.prepare('SELECT total_minor FROM sale ORDER BY sale_no').pluck().all() as number[],
    };
  } finally {
    db.close();
  }
}

/** Runs on the encrypted copy once it is keyed, just before it is verified. */
const atKeyed = (act: (copy: string) => void) => (step: EncryptStep, copy: string) => {
  if (step === 'keyed') act(copy);
};

const leftovers = () => fs.readdirSync(dataDir).filter((name) => name.includes('.encrypting'));

describe('a plaintext ledger from before encryption', () => {
  it('is encrypted on first start with everything in it, its WAL included, and the plaintext gone', () => {
    placePlaintextLedger();
    expect(isPlaintextSqlite(file)).toBe(true);
    expect(readPlaintext()).toEqual({
      members: PLAINTEXT_MEMBERS,
      sales: [40_000, 35_000],
    });

    const core = openCore({ dataDir });
    try {
      expect(core.db.prepare('SELECT name FROM member ORDER BY name').pluck().all()).toEqual([
        'Amy Plaintext',
        'Bob Walonly',
      ]);
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // The old terminal goes on selling: its staff, shift and PIN work as before.
      unwrap(core.dispatch('staff.signIn', { pin: MANAGER_PIN }));
      unwrap(
        core.dispatch('sale.record', {
          saleId: '01900000-0000-7000-8000-000000000003',
          memberId: null,
          lines: [{ description: 'Bun', quantity: 1, unitPriceMinor: 1_000 }],
          redeemPoints: 0,
        }),
      );
    } finally {
      core.close();
    }
    expect(isPlaintextSqlite(file)).toBe(false);
    expect(leftovers()).toEqual([]);
    // Nobody's name is left readable in any file of the folder.
    for (const name of fs.readdirSync(dataDir))
      expect(fs.readFileSync(path.join(dataDir, name)).includes('Walonly')).toBe(false);
  });

  it('is kept as it was when the encrypted copy fails its verification, and migrated at the next start', () => {
    placePlaintextLedger();
    const damage = (copy: string) => fs.truncateSync(copy, fs.statSync(copy).size / 2);
    let thrown: unknown;
    try {
      encryptPlaintextLedger(file, { key, onStep: atKeyed(damage) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).error.code).toBe('ledger_encryption_failed');
    expect(isPlaintextSqlite(file)).toBe(true);
    expect(readPlaintext().members).toEqual(['Amy Plaintext', 'Bob Walonly']);
    expect(leftovers()).toEqual([]);

    const core = openCore({ dataDir });
    expect(core.db.prepare('SELECT count(*) FROM sale').pluck().get()).toBe(2);
    core.close();
    expect(isPlaintextSqlite(file)).toBe(false);
  });

  it('is kept when the copy lacks a table or rows the plaintext has', () => {
    placePlaintextLedger();
    const addTable = (copy: string) => {
      const db = openKeyed(copy, { key });
      db.exec('CREATE TABLE stray (id INTEGER PRIMARY KEY) STRICT');
      db.close();
    };
    expect(() => encryptPlaintextLedger(file, { key, onStep: atKeyed(addTable) })).toThrow(
      /table stray/,
    );
    const dropRows = (copy: string) => {
      const db = openKeyed(copy, { key });
      db.exec("DELETE FROM sync_cursor; INSERT INTO sync_cursor VALUES ('config', 7)");
      db.exec('DELETE FROM business_day_setting');
      db.close();
    };
    const before = readPlaintext();
    expect(() => encryptPlaintextLedger(file, { key, onStep: atKeyed(dropRows) })).toThrow(
      /does not match/,
    );
    expect(isPlaintextSqlite(file)).toBe(true);
    expect(readPlaintext()).toEqual(before);
  });

  it('survives a crash that left a half-written copy: the copy is discarded and the plaintext migrated', () => {
    placePlaintextLedger();
    fs.writeFileSync(`${file}.encrypting`, Buffer.alloc(8192, 0x11));
    fs.writeFileSync(`${file}.encrypting-journal`, Buffer.alloc(512, 0x22));
    const core = openCore({ dataDir });
    expect(core.db.prepare('SELECT count(*) FROM member').pluck().get()).toBe(2);
    core.close();
    expect(leftovers()).toEqual([]);
  });
});

describe('a ledger without its key', () => {
  it('cannot be read by the bare driver, and shows no member in its bytes', () => {
    const core = openTestCore();
    try {
      unwrap(
        core.dispatch('member.enroll', {
          name: 'Stolen Laptop',
          phone: '9123 4567',
          marketingConsent: true,
        }),
      );
      core.close();
      const stolen = new Database(path.join(core.dataDir, LEDGER_FILE), { readonly: true });
      expect(() => stolen.prepare('SELECT count(*) FROM member').get()).toThrow(/not a database/);
      stolen.close();
      expect(fs.readFileSync(path.join(core.dataDir, LEDGER_FILE)).includes('Stolen')).toBe(false);
    } finally {
      core.cleanup();
    }
  });

  it('is refused with ledger_key_wrong under another key, untouched, never taken for a new terminal', () => {
    const core = openTestCore();
    core.close();
    const ledger = path.join(core.dataDir, LEDGER_FILE);
    const before = fs.readFileSync(ledger);
    let thrown: unknown;
    try {
      openCore({ dataDir: core.dataDir, env: { [SECRET_ENV]: '11'.repeat(32) } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).error.code).toBe('ledger_key_wrong');
    expect((thrown as DomainError).error.message).toMatch(
      /cannot be read with this terminal's key/,
    );
    expect(fs.readFileSync(ledger).equals(before)).toBe(true);
    // Only the ledger and the mark that one lives here (recovery/ledgerCheck.ts): no new key, no new ledger.
    expect(fs.readdirSync(core.dataDir).sort()).toEqual([KNOWN_MARKER, LEDGER_FILE]);
    // With its own key it opens as the same, set-up terminal.
    const again = openCore({ dataDir: core.dataDir });
    expect(unwrap(again.dispatch('terminal.info', {}))).toMatchObject({
      storeName: 'Causeway Bay',
    });
    again.close();
    core.cleanup();
  });
});

describe('a copy of the ledger (for backups)', () => {
  it('cannot come from db.backup, which the cipher refuses; writeEncryptedCopy makes one under the same key', async () => {
    const core = openTestCore();
    try {
      unwrap(
        core.dispatch('member.enroll', {
          name: 'Backed Up',
          phone: '9123 4567',
          marketingConsent: true,
        }),
      );
      await expect(
        core.db.backup(path.join(core.dataDir, 'by-backup-api.sqlite3')),
      ).rejects.toThrow(/backup is not supported/);
      const copy = path.join(core.dataDir, 'copy.sqlite3');
      writeEncryptedCopy(core.db, copy);
      expect(isPlaintextSqlite(copy)).toBe(false);
      expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(copy).includes('Backed Up')).toBe(false);
      const opened = openKeyed(copy, { key, readonly: true });
      try {
        expect(opened.prepare('SELECT name FROM member').pluck().all()).toEqual(['Backed Up']);
        expect(opened.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        opened.close();
      }
      expect(() => writeEncryptedCopy(core.db, copy)).toThrow(/EEXIST/);
    } finally {
      core.cleanup();
    }
  });
});

describe('a stolen ledger', () => {
  it('copied to another folder without its key is refused with terminal_secret_missing, and no key is made', () => {
    const core = openTestCore();
    core.close();
    fs.mkdirSync(dataDir, { recursive: true });
    fs.copyFileSync(path.join(core.dataDir, LEDGER_FILE), file);
    core.cleanup();
    const before = fs.readFileSync(file);
    let thrown: unknown;
    try {
      openCore({ dataDir, env: {} });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as DomainError).error?.code).toBe('terminal_secret_missing');
    expect(fs.existsSync(keyFileFor(dataDir))).toBe(false);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('the data folder', () => {
  it('is 0700 and its files 0600 (the ledger, its -wal and -shm, the key file) while the terminal runs', () => {
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    const core = openCore({ dataDir, env: {} });
    try {
      unwrap(core.dispatch('terminal.setup', hkSetup));
      expect(fs.statSync(dataDir).mode & 0o777).toBe(DATA_DIR_MODE);
      const files = fs.readdirSync(dataDir).sort();
      expect(files).toEqual([
        KNOWN_MARKER,
        RUNNING_MARKER,
        LEDGER_FILE,
        `${LEDGER_FILE}-shm`,
        `${LEDGER_FILE}-wal`,
      ]);
      for (const name of files)
        expect({ name, mode: fs.statSync(path.join(dataDir, name)).mode & 0o777 }).toEqual({
          name,
          mode: 0o600,
        });
      expect(fs.statSync(keyFileFor(dataDir)).mode & 0o777).toBe(0o600);
    } finally {
      core.close();
    }
  });

  it('takes back a ledger an older app left readable by others', () => {
    placePlaintextLedger();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(`${file}-wal`, 0o644);
    openCore({ dataDir }).close();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
