import type { PrinterCharset } from '../../../shared/printer';

/**
 * Text in the printer's double-byte character set. A Chinese ESC/POS printer in double-byte mode
 * (FS &) prints bytes below 0x80 as ASCII and pairs from 0x81 up as Big5 or GB18030 characters.
 * Node (like browsers) decodes both but encodes neither, so the table is the decoder's, turned
 * round once per character set: every lead and trail byte pair, and the character it reads as.
 */
const tables = new Map<PrinterCharset, Map<string, number>>();

function tableOf(charset: PrinterCharset): Map<string, number> {
  const known = tables.get(charset);
  if (known) return known;
  const decoder = new TextDecoder(charset, { fatal: true });
  const table = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let char: string;
      try {
        char = decoder.decode(pair);
      } catch {
        continue;
      }
      // The first pair for a character wins: Big5 repeats a few in its extension rows.
      if (char.length >= 1 && !table.has(char)) table.set(char, (lead << 8) | trail);
    }
  }
  tables.set(charset, table);
  return table;
}

/** Characters a receipt may carry that the double-byte sets spell differently, or not at all. */
const standIns: Record<string, string> = {
  '\u2019': "'",
  '\u2018': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** The bytes of a text for the printer: ASCII as is, the rest as pairs, `?` for what has none. */
export function encodeDoubleByte(value: string, charset: PrinterCharset): Uint8Array {
  const table = tableOf(charset);
  const out: number[] = [];
  for (const raw of value) {
    const char = standIns[raw] ?? raw;
    const code = char.codePointAt(0) ?? 0x3f;
    if (code >= 0x20 && code < 0x7f) {
      out.push(code);
      continue;
    }
    const pair = table.get(char);
    if (pair === undefined) out.push(0x3f);
    else out.push(pair >> 8, pair & 0xff);
  }
  return Uint8Array.from(out);
}

/**
 * How many columns a text takes on paper: as many as its bytes, a double-byte character being two
 * columns wide on every CJK thermal printer.
 */
export function columnsOf(value: string, charset: PrinterCharset): number {
  return encodeDoubleByte(value, charset).length;
}
