import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { LEDGER_FILE, openCore, type TerminalCore } from '../../../electron/core/core';
import { deriveTerminalKeys, SECRET_ENV } from '../../../electron/core/keys/terminalKeys';
import type { ApiInput } from '../../../shared/api';
import type { TerminalInfo } from '../../../shared/domain';
import type { ShiftView } from '../../../shared/staff';
import type { Program } from '../../../shared/program';
import type { Result } from '../../../shared/result';

/**
 * Test helpers for the terminal core. Every test gets a real SQLite file in its own temp dir.
 * Setting up a terminal hashes a manager PIN with scrypt (tens of ms), so the first set-up ledger
 * of each test file is kept in memory as a template and written out for every later test.
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

/** The ledger key every test terminal has: derived from the secret vitest.config.ts sets. */
export function testLedgerKey(): Buffer {
  const secret = process.env[SECRET_ENV];
  if (!secret) throw new Error(`${SECRET_ENV} is not set (vitest.config.ts sets it).`);
  return deriveTerminalKeys(Buffer.from(secret, 'hex')).ledgerKey;
}

export interface TempDir {
  dir: string;
  remove(): void;
}

/** A fresh directory under the OS temp dir; the test removes it with `remove()`. */
export function makeTempDir(prefix = 'loyalty-test-'): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TestCore extends TerminalCore {
  dataDir: string;
  terminal: TerminalInfo;
  /** Closes the ledger and removes its temp dir. Safe to call twice. */
  cleanup(): void;
}

interface Template {
  /** The bytes of a closed, checkpointed ledger: copied into each test's own temp dir. */
  bytes: Buffer;
  terminal: TerminalInfo;
}

/**
 * One set-up ledger per loyalty program, made through the real operations the first time it is
 * asked for and kept in memory, so no template directory outlives it.
 */
const templates = new Map<string, Template>();

function templateLedger(program: Program | undefined): Template {
  const key = program ? JSON.stringify(program) : 'default';
  const cached = templates.get(key);
  if (cached) return cached;
  const tmp = makeTempDir('loyalty-template-');
  try {
    const core = openCore({ dataDir: tmp.dir });
    let terminal: TerminalInfo;
    try {
      terminal = unwrap(core.dispatch('terminal.setup', hkSetup)) as TerminalInfo;
      if (program) unwrap(core.dispatch('program.update', { program, managerPin: MANAGER_PIN }));
      // Sales need an open shift; the set-up manager opens one with an empty drawer.
      unwrap(core.dispatch('shift.open', { floatMinor: 0 }));
    } finally {
      core.close();
    }
    const template = { bytes: fs.readFileSync(path.join(tmp.dir, LEDGER_FILE)), terminal };
    templates.set(key, template);
    return template;
  } finally {
    tmp.remove();
  }
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

/**
 * Opens a core on a fresh data dir holding a terminal set up for Hong Kong (HKD, HK phones),
 * with the default loyalty program or the one given (applied through `program.update`).
 */
export function openTestCore(options: { now?: () => number; program?: Program } = {}): TestCore {
  const { bytes, terminal } = templateLedger(options.program);
  const tmp = makeTempDir();
  fs.writeFileSync(path.join(tmp.dir, LEDGER_FILE), bytes);
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

/**
 * Closes the shift the template opened (on the wall clock, with an empty drawer), for tests that
 * open their own on the test clock.
 */
export function closeTemplateShift(core: TestCore): void {
  const open = unwrap(core.dispatch('shift.current', {})) as ShiftView;
  unwrap(core.dispatch('shift.close', { shiftId: open.id, countedMinor: 0 }));
}

/** The value of an ok result; fails the test with the error otherwise. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  }
  return result.value;
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
