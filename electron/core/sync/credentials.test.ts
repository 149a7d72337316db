import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../core';
import { openTestCore, type TestCore } from '../../../test/unit/helpers/terminal';
import { moveCredentialsIntoLedger, type LegacyCredential } from './credentials';

/** The head-office credential lives inside the encrypted ledger (issue 11 §2). */

const TOKEN = 'tok_live_4f9a1c2e8b7d6a5f4e3d2c1b';
let core: TestCore | null = null;
afterEach(() => core?.cleanup());

describe('the head-office credential', () => {
  it('is kept in the encrypted ledger, and nowhere in the data folder in the clear', () => {
    core = openTestCore();
    expect(core.credentials.read()).toBeNull();
    core.credentials.write(TOKEN);
    core.credentials.write(`${TOKEN}-2`);
    expect(core.credentials.read()).toBe(`${TOKEN}-2`);
    expect(core.credentials.protection).toBe('encrypted-ledger');
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readdirSync(core.dataDir).filter((name) => name.includes('credential'))).toEqual([]);
    for (const name of fs.readdirSync(core.dataDir))
      expect(fs.readFileSync(path.join(core.dataDir, name)).includes(TOKEN)).toBe(false);
  });

  it('moves in from the file an older browser host kept, which is then removed', () => {
    core = openTestCore();
    core.close();
    const old = path.join(core.dataDir, 'head-office.credential');
    fs.writeFileSync(old, `${TOKEN}\n`, { mode: 0o600 });
    const again = openCore({ dataDir: core.dataDir });
    try {
      expect(again.credentials.read()).toBe(TOKEN);
      expect(fs.existsSync(old)).toBe(false);
    } finally {
      again.close();
    }
  });

  it('never replaces one already in the ledger; the stale copy is still removed', () => {
    core = openTestCore();
    core.credentials.write(TOKEN);
    let removed = 0;
    const stale: LegacyCredential = {
      describe: 'stale',
      read: () => 'tok_stale',
      remove: () => void removed++,
    };
    moveCredentialsIntoLedger(core.credentials, [stale]);
    expect(core.credentials.read()).toBe(TOKEN);
    expect(removed).toBe(1);
  });

  it('is kept in the old place when storing it in the ledger fails', () => {
    core = openTestCore();
    let removed = 0;
    const old: LegacyCredential = {
      describe: 'old',
      read: () => TOKEN,
      remove: () => void removed++,
    };
    const failing = {
      ...core.credentials,
      write: () => {
        throw new Error('disk full');
      },
    };
    expect(() => moveCredentialsIntoLedger(failing, [old])).toThrow(/disk full/);
    expect(removed).toBe(0);
  });
});

describe('migration 12', () => {
  it('holds one credential at most, never an empty one', () => {
    core = openTestCore();
    const insert = core.db.prepare(
      "INSERT INTO head_office_credential (id, credential, saved_at) VALUES (?, ?, 'x')",
    );
    expect(() => insert.run(2, TOKEN)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(1, '')).toThrow(/CHECK constraint failed/);
    insert.run(1, TOKEN);
    expect(() => insert.run(1, TOKEN)).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});
