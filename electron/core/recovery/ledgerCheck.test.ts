import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/result';
import { LEDGER_FILE, ledgerKeyOf, openCore } from '../core';
import { goods, sell } from '../../../test/unit/helpers/loyalty';
import { makeTempDir, openTestCore, type TempDir } from '../../../test/unit/helpers/terminal';
import { randomBytes } from 'node:crypto';
import { fileSecretStore, keyFileFor } from '../keys/terminalKeys';
import { corruptLedger, type Corruption } from './corruptLedger';
import {
  KNOWN_MARKER,
  LedgerUnusable,
  markStopped,
  openCheckedLedger,
  RUNNING_MARKER,
} from './ledgerCheck';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A closed ledger with a few sales, and its folder. */
function closedLedger(): string {
  const core = openTestCore();
  for (let i = 0; i < 150; i++) sell(core, { lines: [goods(100 + i)] });
  core.close();
  cleanups.push(() => {
    core.cleanup();
    fs.rmSync(keyFileFor(core.dataDir), { force: true });
  });
  return core.dataDir;
}

function refusal(dataDir: string): LedgerUnusable {
  try {
    openCore({ dataDir }).close();
  } catch (error) {
    if (error instanceof LedgerUnusable) return error;
    // Encrypted: a damaged first page reads as another key's ledger; the door takes it as unreadable.
    if (error instanceof DomainError && error.error.code === 'ledger_key_wrong')
      return new LedgerUnusable('unreadable', error.message);
    throw error;
  }
  throw new Error('the ledger was opened');
}

describe('the start-up check', { timeout: 30_000 }, () => {
  it('opens a sound ledger, marks it running, and a clean stop removes the mark', () => {
    const dataDir = closedLedger();
    expect(fs.existsSync(path.join(dataDir, RUNNING_MARKER))).toBe(false);
    const core = openCore({ dataDir });
    expect(fs.existsSync(path.join(dataDir, RUNNING_MARKER))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, KNOWN_MARKER))).toBe(true);
    core.close();
    expect(fs.existsSync(path.join(dataDir, RUNNING_MARKER))).toBe(false);
  });

  it('starts a brand-new terminal in an empty folder', () => {
    const tmp: TempDir = makeTempDir();
    cleanups.push(() => {
      tmp.remove();
      fs.rmSync(keyFileFor(tmp.dir), { force: true });
    });
    const core = openCore({ dataDir: tmp.dir });
    expect(core.dispatch('terminal.info', {})).toEqual({ ok: true, value: null });
    core.close();
  });

  it('treats a missing ledger as lost when the marker says one existed', () => {
    const dataDir = closedLedger();
    fs.rmSync(path.join(dataDir, LEDGER_FILE));
    fs.rmSync(keyFileFor(dataDir), { force: true });
    expect(refusal(dataDir).problem).toBe('missing');
    expect(fs.existsSync(path.join(dataDir, LEDGER_FILE))).toBe(false);
  });

  it("treats a missing ledger as lost when the terminal's key is still beside the folder", () => {
    const dataDir = closedLedger();
    fs.rmSync(path.join(dataDir, LEDGER_FILE));
    fs.rmSync(path.join(dataDir, KNOWN_MARKER));
    // Tests take the secret from the environment; a terminal keeps it in this file.
    fileSecretStore(keyFileFor(dataDir)).save(randomBytes(32));
    expect(refusal(dataDir).problem).toBe('missing');
    // Nothing was made in its place.
    expect(fs.existsSync(path.join(dataDir, LEDGER_FILE))).toBe(false);
  });

  const expected: Record<Corruption, string[]> = {
    zero_bytes: ['empty'],
    truncated: ['damaged', 'unreadable'],
    damaged_page: ['damaged', 'unreadable'],
    damaged_header: ['unreadable'],
  };
  for (const how of Object.keys(expected) as Corruption[]) {
    it(`never uses a ledger with ${how.replace('_', ' ')}`, () => {
      const dataDir = closedLedger();
      const file = path.join(dataDir, LEDGER_FILE);
      corruptLedger(file, how);
      const before = fs.readFileSync(file);
      expect(expected[how]).toContain(refusal(dataDir).problem);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    });
  }

  it('runs the full integrity check after a run that did not stop cleanly, the quick one otherwise', () => {
    const dataDir = closedLedger();
    const place = { dataDir, file: path.join(dataDir, LEDGER_FILE) };
    const keyed = { key: ledgerKeyOf({ dataDir }) };
    const first = openCheckedLedger(place, keyed);
    expect(first.fullCheck).toBe(false);
    // Killed: the running mark stays.
    first.db.close();
    const second = openCheckedLedger(place, keyed);
    expect(second.fullCheck).toBe(true);
    second.db.close();
    markStopped(dataDir);
    const third = openCheckedLedger(place, keyed);
    expect(third.fullCheck).toBe(false);
    third.db.close();
  });
});
