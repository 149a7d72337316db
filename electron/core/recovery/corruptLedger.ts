import fs from 'node:fs';

/**
 * The four ways a ledger file is found broken, as a failing disk, a pulled plug or a bad copy
 * leaves it. For the restore tests and for IT rehearsing a restore; never used by the terminal.
 */
export const corruptions = ['zero_bytes', 'truncated', 'damaged_page', 'damaged_header'] as const;
export type Corruption = (typeof corruptions)[number];

export function corruptLedger(file: string, how: Corruption, page?: number): void {
  const bytes = fs.readFileSync(file);
  // A plaintext file names its page size at offset 16; an encrypted one (SQLCipher 4) begins with
  // its salt and uses 4,096-byte pages.
  const plaintext = bytes.subarray(0, 16).toString('latin1') === 'SQLite format 3\0';
  const pageSize = !plaintext
    ? 4096
    : bytes.readUInt16BE(16) === 1
      ? 65536
      : bytes.readUInt16BE(16);
  switch (how) {
    case 'zero_bytes':
      fs.writeFileSync(file, Buffer.alloc(0));
      return;
    case 'truncated':
      // Half the pages gone, cut mid-page.
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2) + 100));
      return;
    case 'damaged_page': {
      const target = page ?? Math.max(2, Math.floor(bytes.length / pageSize / 2));
      bytes.fill(0x5a, (target - 1) * pageSize + 8, target * pageSize - 8);
      fs.writeFileSync(file, bytes);
      return;
    }
    case 'damaged_header':
      bytes.fill(0xa5, 0, 100);
      fs.writeFileSync(file, bytes);
      return;
    default: {
      const never: never = how;
      throw new Error(`unknown corruption ${String(never)}`);
    }
  }
}
