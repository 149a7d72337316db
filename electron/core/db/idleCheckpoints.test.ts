import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openLedger, WAL_AUTOCHECKPOINT_PAGES } from './connection';
import { startIdleCheckpoints } from './idleCheckpoints';

let dir: string;
let db: Database.Database;
let stop: (() => void) | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
  db = openLedger(join(dir, 'ledger.db'));
  db.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
});
afterEach(() => {
  stop?.();
  stop = null;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** WAL frames not yet copied into the ledger file, read without checkpointing (NOOP). */
const walBacklog = () => {
  const [row] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
  if (!row) throw new Error('no checkpoint row');
  return { log: row.log, left: row.log - row.checkpointed };
};
const write = (n: number) => {
  const insert = db.prepare('INSERT INTO scratch (body) VALUES (?)');
  for (let i = 0; i < n; i++) db.transaction(() => insert.run('x'.repeat(3000)))();
};

describe('WAL checkpoints between sales', () => {
  it(`a commit checkpoints only past ${WAL_AUTOCHECKPOINT_PAGES} pages, not SQLite's default 1,000`, () => {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    write(1500); // about 1,500 pages: past the default, short of ours
    const wal = statSync(join(dir, 'ledger.db-wal')).size;
    expect(wal).toBeGreaterThan(1200 * 4096);
  });

  it('the idle timer copies the WAL into the ledger once writes stop, and not while they go on', async () => {
    stop = startIdleCheckpoints(db, { tickMs: 20 });
    const insert = db.prepare('INSERT INTO scratch (body) VALUES (?)');
    // Busy: a write every few ms, so no tick sees two equal counters.
    const busyUntil = Date.now() + 150;
    let written = 0;
    while (Date.now() < busyUntil) {
      db.transaction(() => insert.run('x'.repeat(3000)))();
      written += 1;
      await sleep(2);
    }
    const { n } = db.prepare('SELECT count(*) AS n FROM scratch').get() as { n: number };
    expect(n).toBe(written);
    await sleep(200); // idle for several ticks
    // Everything written is in the ledger file: nothing is left to copy.
    expect(walBacklog()).toMatchObject({ left: 0 });
    expect(walBacklog().log).toBeGreaterThan(0);
  });

  it('without the timer the same writes stay in the WAL (the test above can fail)', async () => {
    write(50);
    await sleep(200);
    expect(walBacklog().left).toBeGreaterThan(40);
  });
});
