import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { LEDGER_FILE } from '../../../electron/core/core';

const FIXTURE = fileURLToPath(new URL('../../fixtures/plaintext-ledger/', import.meta.url));

/** Who is in the plaintext fixture: Amy was checkpointed into the file, Bob is only in its WAL. */
export const PLAINTEXT_MEMBERS = ['Amy Plaintext', 'Bob Walonly'];

/**
 * Puts the ledger today's app wrote before encryption (test/fixtures/plaintext-ledger) in
 * `dataDir`, with its WAL; returns the ledger's path.
 */
export function placePlaintextLedger(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LEDGER_FILE);
  for (const suffix of ['', '-wal'])
    fs.writeFileSync(
      `${file}${suffix}`,
      gunzipSync(fs.readFileSync(path.join(FIXTURE, `${LEDGER_FILE}${suffix}.gz`))),
    );
  return file;
}
