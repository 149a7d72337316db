import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE } from '../core';
import { openLedger } from '../db/connection';
import { migrations } from '../db/migrate';
import { makeTempDir, testLedgerKey, type TempDir } from '../../../test/unit/helpers/terminal';
import { MEMBER_ACTIVITY_SQL, TIER_CHANGES_SQL } from './analyticsQueries';
import { sqlitePlan } from '../../../test/unit/helpers/sqlitePlan';

/** Migration 0006 (analytics) on a fresh ledger, and the query plans that need its index. */
let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => {
  if (db?.open) db.close();
  tmp.remove();
});

const params = { start: 'a', end: 'b', tier: null, firstTier: 'basic' };

const plan = (sql: string) => sqlitePlan(db, sql, params);

describe('migration 6 (analytics)', () => {
  it('adds exactly the index tier_change_created_at on tier_change(created_at), nothing else', () => {
    db = new Database(path.join(tmp.dir, LEDGER_FILE));
    const six = migrations.find((m) => m.version === 6);
    expect(six).toBeDefined();
    for (const migration of migrations.filter((m) => m.version < 6)) db.exec(migration.up);
    const objects = () =>
      (
        db.prepare('SELECT type, name FROM sqlite_schema ORDER BY name').all() as {
          type: string;
          name: string;
        }[]
      ).map((o) => `${o.type}:${o.name}`);
    const before = new Set(objects());
    db.exec(six?.up ?? '');
    expect(objects().filter((o) => !before.has(o))).toEqual(['index:tier_change_created_at']);
    expect(
      (
        db.prepare("SELECT name FROM pragma_index_info('tier_change_created_at')").all() as {
          name: string;
        }[]
      ).map((c) => c.name),
    ).toEqual(['created_at']);
  });

  it('tier movement over a period searches tier_change by created_at', () => {
    db = openLedger(path.join(tmp.dir, LEDGER_FILE), { key: testLedgerKey() });
    expect(plan(TIER_CHANGES_SQL)).toContain(
      'SEARCH c USING INDEX tier_change_created_at (created_at>? AND created_at<?)',
    );
  });

  it('a period’s member sales are a range search on sale.created_at, not a scan of every sale', () => {
    db = openLedger(path.join(tmp.dir, LEDGER_FILE), { key: testLedgerKey() });
    expect(plan(MEMBER_ACTIVITY_SQL)).toMatch(
      /SEARCH s USING INDEX \w+ \(created_at>\? AND created_at<\?\)/,
    );
    expect(plan(MEMBER_ACTIVITY_SQL)).not.toMatch(/SCAN s\b/);
  });
});
