import { spawnSync } from 'node:child_process';
import { KNOWN_MARKER } from '../../electron/core/recovery/ledgerCheck';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE, openCore } from '../../electron/core/core';
import type { EncryptStep } from '../../electron/core/db/encryptLedger';
import { isPlaintextSqlite } from '../../electron/core/keys/ledgerFile';
import { makeTempDir, type TempDir } from '../unit/helpers/terminal';
import { PLAINTEXT_MEMBERS, placePlaintextLedger } from '../unit/helpers/plaintextLedger';

/**
 * Encrypting a plaintext ledger is killed (SIGKILL) as each of its steps ends: at every point
 * the next start finds a whole ledger, the plaintext before the swap, the verified encrypted
 * copy after it, and finishes the job with every member and sale there (issue 11 §2).
 */

const child = fileURLToPath(new URL('./encryptLedgerChild.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

let tmp: TempDir;
beforeEach(() => {
  tmp = makeTempDir('loyalty-encrypt-crash-');
});
afterEach(() => tmp.remove());

const killedAt: [EncryptStep, 'plaintext' | 'encrypted'][] = [
  ['checkpointed', 'plaintext'],
  ['copied', 'plaintext'],
  ['keyed', 'plaintext'],
  ['verified', 'plaintext'],
  ['swapped', 'encrypted'],
];

describe('encrypting a plaintext ledger, killed part way', () => {
  it.each(killedAt)(
    'killed once %s, it leaves the %s ledger, and the next start has everything',
    (step, left) => {
      const dataDir = path.join(tmp.dir, 'till');
      const file = placePlaintextLedger(dataDir);
      const run = spawnSync(process.execPath, ['--import', 'tsx', child], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, ENCRYPT_FILE: file, ENCRYPT_KILL_AT: step },
      });
      expect({ signal: run.signal, stdout: run.stdout }).toEqual({ signal: 'SIGKILL', stdout: '' });
      expect(isPlaintextSqlite(file) ? 'plaintext' : 'encrypted').toBe(left);

      const core = openCore({ dataDir });
      try {
        expect(core.db.prepare('SELECT name FROM member ORDER BY name').pluck().all()).toEqual(
          PLAINTEXT_MEMBERS,
        );
        expect(core.db.prepare('SELECT count(*) FROM sale').pluck().get()).toBe(2);
        expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        core.close();
      }
      expect(isPlaintextSqlite(file)).toBe(false);
      // Nothing but the ledger and the mark that one lives here: no copy, no plaintext left.
      expect(fs.readdirSync(dataDir).filter((name) => name !== LEDGER_FILE)).toEqual([
        KNOWN_MARKER,
      ]);
    },
    90_000,
  );
});
