import { closeSync, openSync, readSync } from 'node:fs';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether a file is an unencrypted SQLite database: its first 16 bytes are SQLite's magic.
 * A ledger from before the secret existed is one, so a new secret may be made for it; an
 * encrypted ledger's first page is noise.
 */
export function isPlaintextSqlite(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}
