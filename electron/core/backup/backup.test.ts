import fs from 'node:fs';
import path from 'node:path';
import { openKeyed, writeEncryptedCopy } from '../db/cipher';
import { corruptLedger } from '../recovery/corruptLedger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeTemplateShift,
  makeTempDir,
  openTestCore,
  unwrap,
  type TempDir,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import { goods, sell } from '../../../test/unit/helpers/loyalty';
import { writeVerifiedBackup, verifyOffThread, backupFileName } from './writeBackup';
import { readManifest } from './manifest';
import { backupsToKeep, listVerifiedBackups, rotateBackups } from './rotation';
import { BackupVerificationError, verifyBackupFile } from './verifyBackup';
import { lastKeys } from './appendOnlyTables';

let core: TestCore;
let folder: TempDir;

beforeEach(() => {
  core = openTestCore();
  folder = makeTempDir('loyalty-backups-');
});
afterEach(() => {
  core.cleanup();
  folder.remove();
});

const target = (now = Date.now) => ({
  folder: folder.dir,
  ledgerFile: core.ledger.file,
  ledgerOptions: core.ledger,
  now,
});

// Each check runs on a thread of its own, which loads the TypeScript source through tsx first.
describe('a verified backup', { timeout: 60_000 }, () => {
  it('is written with a manifest whose figures match the ledger', async () => {
    sell(core, { lines: [goods(1000)] });
    sell(core, { lines: [goods(2500)] });
    const manifest = await writeVerifiedBackup(core.db, target(), 'manual');
    const file = path.join(folder.dir, manifest.file);
    expect(readManifest(file)).toEqual(manifest);
    expect(manifest.rowCounts.sale).toBe(2);
    expect(manifest.appendOnly.sale?.rows).toBe(2);
    expect(manifest.outboxSeq).toBeGreaterThan(0);
    expect(fs.readdirSync(folder.dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    // The copy on its own still verifies against what its manifest says.
    const again = await verifyBackupFile({
      backupFile: file,
      expected: manifest.appendOnly,
      ledgerOptions: core.ledger,
    });
    expect(again.appendOnly).toEqual(manifest.appendOnly);
  });

  it('keeps sales rung up during the copy out of the check: they come after the backup point', async () => {
    for (let i = 0; i < 30; i++) sell(core, { lines: [goods(100 + i)] });
    const writing = writeVerifiedBackup(core.db, target(), 'scheduled');
    sell(core, { lines: [goods(999)] });
    const manifest = await writing;
    expect(manifest.rowCounts.sale).toBeGreaterThanOrEqual(30);
    sell(core, { lines: [goods(42)] });
    expect(listVerifiedBackups(folder.dir)).toHaveLength(1);
  });

  it('is taken beside the sales when a shift closes, once automatic backups are on', async () => {
    const backups = core.ctx.backups;
    if (!backups) throw new Error('no backup services');
    const inDefaultFolder = () => listVerifiedBackups(path.join(core.dataDir, 'backups'));
    // Off (a bare core): closing a shift takes none. Card sales: the drawer stays as counted.
    sell(core, { lines: [goods(1000)], moneyTender: 'card' });
    closeTemplateShift(core);
    unwrap(core.dispatch('shift.open', { floatMinor: 0 }));
    const stop = backups.startAutomatic();
    try {
      sell(core, { lines: [goods(2000)], moneyTender: 'card' });
      closeTemplateShift(core);
      // The backup runs after the close has answered; wait for its manifest.
      for (let i = 0; i < 1200 && inDefaultFolder().length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const taken = inDefaultFolder();
      expect(taken.map((b) => b.manifest.reason)).toEqual(['shift_close']);
      expect(taken[0]?.manifest.rowCounts.sale).toBe(2);
    } finally {
      stop();
    }
  });

  it("can be copied on the check's thread instead (VACUUM INTO: how an encrypted ledger is copied)", async () => {
    sell(core, { lines: [goods(1000)] });
    sell(core, { lines: [goods(2000)] });
    const manifest = await writeVerifiedBackup(
      core.db,
      { ...target(), copyOnThread: true },
      'manual',
    );
    expect(manifest.rowCounts.sale).toBe(2);
    expect(manifest.appendOnly.sale?.rows).toBe(2);
    expect(listVerifiedBackups(folder.dir)).toHaveLength(1);
  });

  it('is refused when the copy does not hold what the ledger held at the backup point', async () => {
    sell(core, { lines: [goods(1000)] });
    const backupFile = path.join(folder.dir, 'copy.sqlite3');
    writeEncryptedCopy(core.db, backupFile);
    const keys = lastKeys(core.db);
    sell(core, { lines: [goods(2000)] });
    // The ledger had one more sale than this copy holds at the point the check is told about.
    await expect(
      verifyOffThread({
        backupFile,
        sourceFile: core.ledger.file,
        sourceLastKeys: lastKeys(core.db),
        ledgerOptions: core.ledger,
      }),
    ).rejects.toThrow(BackupVerificationError);
    // With the right point it verifies.
    await expect(
      verifyOffThread({
        backupFile,
        sourceFile: core.ledger.file,
        sourceLastKeys: keys,
        ledgerOptions: core.ledger,
      }),
    ).resolves.toMatchObject({ rowCounts: { sale: 1 } });
  });

  it('is refused when a page of the copy is damaged, and no manifest is written', async () => {
    for (let i = 0; i < 200; i++) sell(core, { lines: [goods(100 + i)] });
    const backupFile = path.join(folder.dir, backupFileName(Date.now(), 'manual'));
    writeEncryptedCopy(core.db, backupFile);
    // The sales table's page in the copy (VACUUM INTO lays the copy out afresh).
    const copy = openKeyed(backupFile, { key: core.ledger.key, readonly: true });
    const { rootpage } = copy
      .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sale'")
      .get() as { rootpage: number };
    copy.close();
    corruptLedger(backupFile, 'damaged_page', rootpage);
    await expect(verifyOffThread({ backupFile, ledgerOptions: core.ledger })).rejects.toThrow(
      BackupVerificationError,
    );
    expect(readManifest(backupFile)).toBeNull();
    expect(listVerifiedBackups(folder.dir)).toEqual([]);
  });

  it('is refused when its rows no longer match the digests of its manifest', async () => {
    sell(core, { lines: [goods(1000)] });
    const manifest = await writeVerifiedBackup(core.db, target(), 'manual');
    const tampered = {
      ...manifest.appendOnly,
      sale: { ...manifest.appendOnly.sale!, sha256: '0'.repeat(64) },
    };
    await expect(
      verifyBackupFile({
        backupFile: path.join(folder.dir, manifest.file),
        expected: tampered,
        ledgerOptions: core.ledger,
      }),
    ).rejects.toThrow(/sale rows/);
  });
});

describe('rotation', { timeout: 60_000 }, () => {
  const at = (iso: string) => ({ file: iso, createdAt: iso });

  it('keeps the newest of each of the last 7 days and of the last 4 weeks', () => {
    const backups = [];
    // Three backups a day for 60 days, from 2026-10-01 (a Thursday).
    for (let day = 0; day < 60; day++) {
      for (const hour of ['09', '14', '21']) {
        const date = new Date(Date.UTC(2026, 9, 1 + day)).toISOString().slice(0, 10);
        backups.push(at(`${date}T${hour}:00:00.000Z`));
      }
    }
    const keep = [...backupsToKeep(backups)].sort();
    // Days 2026-11-23..29 (the last 7, newest of each) and the newest of the 3 weeks before.
    expect(keep).toEqual([
      '2026-11-08T21:00:00.000Z',
      '2026-11-15T21:00:00.000Z',
      '2026-11-22T21:00:00.000Z',
      '2026-11-23T21:00:00.000Z',
      '2026-11-24T21:00:00.000Z',
      '2026-11-25T21:00:00.000Z',
      '2026-11-26T21:00:00.000Z',
      '2026-11-27T21:00:00.000Z',
      '2026-11-28T21:00:00.000Z',
      '2026-11-29T21:00:00.000Z',
    ]);
  });

  it('keeps everything while there are fewer backups than the policy allows', () => {
    const backups = [at('2026-11-01T09:00:00.000Z'), at('2026-11-02T09:00:00.000Z')];
    expect(backupsToKeep(backups).size).toBe(2);
  });

  it('deletes what it does not keep, with its manifest, and unfinished copies', async () => {
    sell(core, { lines: [goods(1000)] });
    let clock = Date.parse('2026-11-01T12:00:00.000Z');
    for (let day = 0; day < 8; day++) {
      await writeVerifiedBackup(
        core.db,
        { ...target(() => clock), rotation: { daily: 3, weekly: 1 } },
        'z_close',
      );
      clock += 86_400_000;
    }
    fs.writeFileSync(
      path.join(folder.dir, 'ledger-20261101T000000000Z-manual.sqlite3.partial'),
      'x',
    );
    fs.writeFileSync(path.join(folder.dir, 'ledger-20261101T000000000Z-manual.sqlite3'), 'x');
    rotateBackups(folder.dir, { daily: 3, weekly: 1 });
    const names = fs.readdirSync(folder.dir).sort();
    expect(names.filter((n) => n.endsWith('.sqlite3'))).toEqual([
      'ledger-20261106T120000000Z-z_close.sqlite3',
      'ledger-20261107T120000000Z-z_close.sqlite3',
      'ledger-20261108T120000000Z-z_close.sqlite3',
    ]);
    expect(names.filter((n) => n.endsWith('.manifest.json'))).toHaveLength(3);
    expect(names).toHaveLength(6);
  }, 60_000);
});
