import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { openPglite, type PgliteDatabase } from './pglite';
import { listDumps, writeVerifiedDump } from './pgliteDumps';
import { checkSchemaReadable } from './schemaCheck';
import { createHeadOffice } from '../headOffice';
import { enrollTerminal, TerminalScript, TestClock } from '../testing/terminalScript';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function migrated(): Promise<PgliteDatabase> {
  const db = await openPglite();
  await migrate(db);
  cleanups.push(() => db.close());
  return db;
}

describe('PGlite dumps', () => {
  it('writes a dump a fresh PGlite loads with every operation, and rotates old ones', async () => {
    const db = await migrated();
    const clock = new TestClock();
    const headOffice = await createHeadOffice(db, { now: clock.now });
    const till = new TerminalScript(await enrollTerminal(headOffice), clock);
    const member = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    till.sale({ memberId: member.memberId, earn: 100 });
    const pushed = await headOffice.push(till.terminal.auth, till.batch());
    expect(pushed.ok).toBe(true);

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ho-dumps-'));
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    let now = Date.parse('2026-11-01T03:00:00.000Z');
    const first = await writeVerifiedDump(db, folder, () => now, { daily: 2, weekly: 1 });
    expect(first.syncOps).toBe(2);

    // The copy is a real database: it opens and reads back what was pushed.
    const copy = await openPglite(undefined, {
      template: new Blob([fs.readFileSync(path.join(folder, first.file))]),
    });
    cleanups.push(() => copy.close());
    await checkSchemaReadable(copy);
    const { rows } = await copy.query<{ n: number }>('SELECT count(*)::int8 AS n FROM sale');
    expect(rows[0]?.n).toBe(1);

    for (let day = 1; day < 3; day++) {
      now += 86_400_000;
      await writeVerifiedDump(db, folder, () => now, { daily: 2, weekly: 1 });
    }
    expect(listDumps(folder).map((d) => d.manifest.createdAt)).toEqual([
      '2026-11-03T03:00:00.000Z',
      '2026-11-02T03:00:00.000Z',
    ]);
    expect(fs.readdirSync(folder)).toHaveLength(4);
  }, 120_000);
});

describe('the start-up schema check', () => {
  it('passes on a migrated database', async () => {
    await expect(checkSchemaReadable(await migrated())).resolves.toBeUndefined();
  }, 60_000);

  it('says clearly which table head office cannot read', async () => {
    const db = await migrated();
    await db.exec('ALTER TABLE sync_op RENAME TO sync_op_moved');
    await expect(checkSchemaReadable(db)).rejects.toThrow(
      /cannot read its own table sync_op: .*DATABASE_URL/,
    );
  }, 60_000);

  it('refuses a database without its migrations table', async () => {
    const db = await openPglite();
    cleanups.push(() => db.close());
    await expect(checkSchemaReadable(db)).rejects.toThrow(/schema_migrations/);
  }, 60_000);
});
