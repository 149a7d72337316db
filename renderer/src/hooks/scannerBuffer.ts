import { hasCheckDigit, scannedCode, type ScannedCode } from '../../../shared/catalogue';

/**
 * A barcode scanner "types" a whole code in a few milliseconds and presses Enter; people type far
 * slower. What a scan read (a member card, an EAN-13 or UPC-A, Code 128 text) is told apart in
 * shared/catalogue.ts; this buffer only decides, by timing, whether keys were a scan:
 * - a number with a check digit (card, EAN-13, UPC-A) is a scan when its keys average under
 *   MAX_AVERAGE_GAP_MS, with no single pause over MAX_PAUSE_MS (which tolerates a busy page);
 * - Code 128 text, which a mistyped word could pass for, needs MIN_TEXT_LENGTH characters at a
 *   scanner's pace (MAX_TEXT_AVERAGE_GAP_MS), faster than anyone types a word.
 * Anything else is ordinary typing.
 */
export const MAX_AVERAGE_GAP_MS = 100;
export const MAX_PAUSE_MS = 400;
export const MAX_TEXT_AVERAGE_GAP_MS = 30;
export const MIN_TEXT_LENGTH = 4;
/** The longest Code 128 text a scan keeps (normaliseBarcode's limit). */
const MAX_RUN = 48;

/** Keys that type nothing and do not break a scan (a scanner holds Shift for capitals). */
const NEUTRAL_KEYS = new Set(['Shift', 'CapsLock']);

export interface Scan {
  /** The characters as typed, which a focused field may have swallowed. */
  typed: string;
  scanned: ScannedCode;
}

export class ScannerBuffer {
  private chars = '';
  private times: number[] = [];
  private lastAt = -Infinity;

  /** Feeds one key; returns what was scanned when this Enter completes a scan. */
  feed(key: string, at: number): Scan | null {
    if (NEUTRAL_KEYS.has(key)) return null;
    const gap = at - this.lastAt;
    this.lastAt = at;
    if (key === 'Enter') {
      const run = this.chars;
      const times = this.times;
      this.chars = '';
      this.times = [];
      if (gap > MAX_PAUSE_MS || run === '') return null;
      return this.scanIn(run, times, at);
    }
    if (key.length === 1 && key >= ' ' && key <= '~') {
      if (gap > MAX_PAUSE_MS || this.chars === '') {
        this.chars = '';
        this.times = [];
      }
      this.chars += key;
      this.times.push(at);
      // Keep only the most recent run: a scan may follow characters already typed.
      if (this.chars.length > MAX_RUN) {
        this.chars = this.chars.slice(-MAX_RUN);
        this.times = this.times.slice(-MAX_RUN);
      }
      return null;
    }
    this.chars = '';
    this.times = [];
    return null;
  }

  /**
   * The scan that ends the run: a 13- or 12-digit checked number at its end (digits typed into
   * the price field just before a scan stay out of it), else the whole run as Code 128 text.
   */
  private scanIn(run: string, times: number[], enterAt: number): Scan | null {
    for (const length of [13, 12]) {
      const tail = run.slice(-length);
      if (tail.length !== length || !/^\d+$/.test(tail)) continue;
      const scanned = scannedCode(tail);
      if (!scanned || !hasCheckDigit(scanned)) continue;
      const startedAt = times[times.length - length] ?? enterAt;
      if ((enterAt - startedAt) / length <= MAX_AVERAGE_GAP_MS) return { typed: tail, scanned };
    }
    const scanned = scannedCode(run);
    if (!scanned || hasCheckDigit(scanned) || run.length < MIN_TEXT_LENGTH) return null;
    const startedAt = times[0] ?? enterAt;
    return (enterAt - startedAt) / run.length <= MAX_TEXT_AVERAGE_GAP_MS
      ? { typed: run, scanned }
      : null;
  }
}
