import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LEDGER_FILE, ledgerKeyOf } from '../../../electron/core/core';

/** SQLCipher 4 pages: 4096 bytes, the last 80 reserved for the IV (16) and the HMAC (64). */
const PAGE = 4096;
const RESERVE = 80;

/**
 * The plaintext of every page of an encrypted ledger file or WAL, as SQLCipher would read it:
 * the file at rest is ciphertext, so a byte scan of it would prove nothing. Free pages and the
 * free space inside pages are decrypted too: that is where a deleted value would linger.
 */
export function decryptedPages(bytes: Buffer, key: Buffer, wal: boolean): Buffer {
  const out: Buffer[] = [];
  const pageAt = (offset: number, pageNo: number) => {
    const page = bytes.subarray(offset, offset + PAGE);
    if (page.length < PAGE) return;
    const start = pageNo === 1 ? 16 : 0;
    const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    out.push(decipher.update(page.subarray(start, PAGE - RESERVE)), decipher.final());
  };
  if (!wal) {
    for (let offset = 0, n = 1; offset + PAGE <= bytes.length; offset += PAGE, n++)
      pageAt(offset, n);
  } else {
    // 32-byte WAL header, then frames: a 24-byte header (page number first) and the page.
    for (let offset = 32; offset + 24 + PAGE <= bytes.length; offset += 24 + PAGE) {
      pageAt(offset + 24, bytes.readUInt32BE(offset));
    }
  }
  return Buffer.concat(out);
}

/**
 * The plaintext of a terminal's ledger file and its WAL, decrypted with the key the terminal
 * keeps beside its data folder (as openCore derives it).
 */
export function ledgerPlaintext(dataDir: string): Buffer {
  const file = path.join(dataDir, LEDGER_FILE);
  const key = ledgerKeyOf({ dataDir });
  const wal = `${file}-wal`;
  return Buffer.concat([
    decryptedPages(readFileSync(file), key, false),
    existsSync(wal) ? decryptedPages(readFileSync(wal), key, true) : Buffer.alloc(0),
  ]);
}
