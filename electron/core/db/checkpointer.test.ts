import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openLedger, WAL_AUTOCHECKPOINT_PAGES } from './connection';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { testLedgerKey } from '../../../test/unit/helpers/terminal';

let dir: string;
let file: string;
let db: Database.Database;
let checkpointer: Checkpointer | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
  file = join(dir, 'ledger.db');
  db = openLedger(file, { key: testLedgerKey() });
  db.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
});
afterEach(async () => {
  await checkpointer?.stop();
  checkpointer = null;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** WAL frames not yet copied into the ledger file, read without checkpointing (NOOP). */
const walBacklog = () => {
  const [row] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
  if (!row) throw new Error('no checkpoint row');
  return { log: row.log, left: row.log - row.checkpointed };
};
const insert = () => db.prepare('INSERT INTO scratch (body) VALUES (?)');
const write = (n: number) => {
  const statement = insert();
  for (let i = 0; i < n; i++) db.transaction(() => statement.run('x'.repeat(3000)))();
};
const rows = () => (db.prepare('SELECT count(*) AS n FROM scratch').get() as { n: number }).n;
/** Waits until the WAL backlog is below `pages`, for up to 5 s (a loaded machine is slow). */
async function backlogBelow(pages: number): Promise<number> {
  const until = Date.now() + 5000;
  let left = walBacklog().left;
  while (left >= pages && Date.now() < until) {
    await sleep(20);
    left = walBacklog().left;
  }
  return left;
}

describe('WAL checkpoints on a thread of their own', () => {
  it(`a commit checkpoints only past ${WAL_AUTOCHECKPOINT_PAGES} pages, not SQLite's default 1,000`, () => {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    write(1500); // about 1,500 pages: past the default, short of ours
    const wal = statSync(join(dir, 'ledger.db-wal')).size;
    expect(wal).toBeGreaterThan(1200 * 4096);
    // 1,500 durable commits: slow on a loaded machine, and nothing here is about speed.
  }, 60_000);

  it('the thread copies the WAL into the ledger file while writes go on, and they all commit', async () => {
    const copied: number[] = [];
    checkpointer = startCheckpointer(file, {
      key: testLedgerKey(),
      tickMs: 10,
      minPages: 50,
      onCheckpoint: (pages) => copied.push(pages),
    });
    const statement = insert();
    let written = 0;
    // At least 400 ms of writes, and on until the thread has copied twice: on a loaded machine
    // the thread may take a while to start (a real failure only if it never copies in 30 s).
    const busyUntil = Date.now() + 400;
    const giveUp = Date.now() + 30_000;
    while (Date.now() < busyUntil || (copied.length < 2 && Date.now() < giveUp)) {
      db.transaction(() => statement.run('x'.repeat(3000)))();
      written += 1;
      await sleep(1);
    }
    expect(rows()).toBe(written);
    // Checkpoints ran during the writes, not only after them.
    expect(copied.length).toBeGreaterThan(1);
    expect(await backlogBelow(50)).toBeLessThan(50);
  }, 60_000);

  it('below the threshold it leaves the WAL alone, and without it the WAL is never copied (the test above can fail)', async () => {
    checkpointer = startCheckpointer(file, { key: testLedgerKey(), tickMs: 10, minPages: 500 });
    write(100);
    await sleep(150);
    expect(walBacklog().left).toBeGreaterThan(90);
  });

  it('stops cleanly: its connection closes, and the main one still reads and writes', async () => {
    checkpointer = startCheckpointer(file, { key: testLedgerKey(), tickMs: 10, minPages: 1 });
    write(20);
    expect(await backlogBelow(1)).toBe(0);
    await checkpointer.stop();
    checkpointer = null;
    write(5);
    expect(rows()).toBe(25);
  });
});
