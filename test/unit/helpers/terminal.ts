import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { LEDGER_FILE, openCore, type TerminalCore } from '../../../electron/core/core';
import type { ApiInput, ApiOutput, OperationName } from '../../../shared/api';
import type { TerminalInfo } from '../../../shared/domain';
import type { Result } from '../../../shared/result';

/**
 * Test helpers for the terminal core. Every test gets a real SQLite file in its own temp dir.
 * Setting up a terminal hashes a manager PIN with scrypt (tens of ms), so the first set-up ledger
 * of each test process is kept as a template and copied for every later test.
 */

export const MANAGER_PIN = '2468';

export const hkSetup: ApiInput<'terminal.setup'> = {
  storeName: 'Causeway Bay',
  terminalName: 'Till 1',
  currency: 'HKD',
  timeZone: 'Asia/Hong_Kong',
  locale: 'en',
  phoneCountry: 'HK',
  managerName: 'Mandy Manager',
  managerPin: MANAGER_PIN,
};

const createdDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of createdDirs) fs.rmSync(dir, { recursive: true, force: true });
});

export interface TempDir {
  dir: string;
  remove(): void;
}

/** A fresh directory under the OS temp dir, removed by `remove()` (or at process exit at the latest). */
export function makeTempDir(prefix = 'loyalty-test-'): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  createdDirs.add(dir);
  return {
    dir,
    remove: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      createdDirs.delete(dir);
    },
  };
}

export interface TestCore extends TerminalCore {
  dataDir: string;
  terminal: TerminalInfo;
  /** Closes the ledger and removes its temp dir. Safe to call twice. */
  cleanup(): void;
}

let template: { file: string; terminal: TerminalInfo } | null = null;

function templateLedger(): { file: string; terminal: TerminalInfo } {
  if (template) return template;
  const tmp = makeTempDir('loyalty-template-');
  const core = openCore({ dataDir: tmp.dir });
  const setup = core.dispatch('terminal.setup', hkSetup);
  core.close();
  if (!setup.ok) throw new Error(`template setup failed: ${setup.error.message}`);
  template = { file: path.join(tmp.dir, LEDGER_FILE), terminal: setup.value as TerminalInfo };
  return template;
}

/** Opens a core on a fresh, empty data dir: nothing set up yet. */
export function openBlankCore(options: { now?: () => number } = {}): TerminalCore & {
  dataDir: string;
  cleanup(): void;
} {
  const tmp = makeTempDir();
  const core = openCore({ dataDir: tmp.dir, ...(options.now ? { now: options.now } : {}) });
  let closed = false;
  return {
    ...core,
    dataDir: tmp.dir,
    cleanup: () => {
      if (!closed) core.close();
      closed = true;
      tmp.remove();
    },
  };
}

/** Opens a core on a fresh data dir holding a terminal set up for Hong Kong (HKD, HK phones). */
export function openTestCore(options: { now?: () => number } = {}): TestCore {
  const { file, terminal } = templateLedger();
  const tmp = makeTempDir();
  fs.copyFileSync(file, path.join(tmp.dir, LEDGER_FILE));
  const core = openCore({ dataDir: tmp.dir, ...(options.now ? { now: options.now } : {}) });
  let closed = false;
  return {
    ...core,
    dataDir: tmp.dir,
    terminal,
    cleanup: () => {
      if (!closed) core.close();
      closed = true;
      tmp.remove();
    },
  };
}

/** The value of an ok result; fails the test with the error otherwise. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  }
  return result.value;
}

/** A typed call into the core through the one public door. */
export function call<K extends OperationName>(
  core: Pick<TerminalCore, 'dispatch'>,
  name: K,
  input: ApiInput<K>,
): Result<ApiOutput<K>> {
  return core.dispatch(name, input) as Result<ApiOutput<K>>;
}

/**
 * Everything in the ledger, row by row: every ordinary and FTS shadow table, the schema and
 * user_version. Two equal snapshots mean nothing was written.
 */
export function snapshot(db: Database.Database): string {
  const tables = (db.prepare('PRAGMA main.table_list').all() as { name: string; type: string }[])
    .filter((t) => (t.type === 'table' || t.type === 'shadow') && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  const out: Record<string, unknown> = {
    user_version: db.pragma('user_version', { simple: true }),
    schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
  };
  for (const name of tables) {
    // Names come from the database's own catalogue, never from input.
    out[name] = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all();
  }
  return JSON.stringify(out);
}

/** Row counts per table plus every member's cached balance: a cheap summary for messages. */
export function counts(db: Database.Database): Record<string, number> {
  const result: Record<string, number> = {};
  for (const name of ['staff', 'member', 'sale', 'sale_line', 'points_entry', 'outbox']) {
    result[name] = (db.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n;
  }
  return result;
}
