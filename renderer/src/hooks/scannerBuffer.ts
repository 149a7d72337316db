import { isCardNumber } from '../../../shared/card';

/**
 * A barcode scanner "types" a whole card number in a few milliseconds and presses Enter.
 * People type far slower. A run of digits averaging under MAX_AVERAGE_GAP_MS per key (with no
 * single pause over MAX_PAUSE_MS, which tolerates a busy page), ending in Enter and forming a
 * valid card number, is a scan; anything else is ordinary typing.
 */
export const MAX_AVERAGE_GAP_MS = 100;
export const MAX_PAUSE_MS = 400;

export class ScannerBuffer {
  private digits = '';
  private startedAt = 0;
  private lastAt = -Infinity;

  /** Feeds one key; returns the card number when this Enter completes a scan. */
  feed(key: string, at: number): string | null {
    const gap = at - this.lastAt;
    this.lastAt = at;
    if (key === 'Enter') {
      const candidate = this.digits;
      this.digits = '';
      if (gap > MAX_PAUSE_MS || !isCardNumber(candidate)) return null;
      const averageGap = (at - this.startedAt) / candidate.length;
      return averageGap <= MAX_AVERAGE_GAP_MS ? candidate : null;
    }
    if (/^\d$/.test(key)) {
      if (gap <= MAX_PAUSE_MS && this.digits.length > 0) {
        this.digits += key;
      } else {
        this.digits = key;
        this.startedAt = at;
      }
      // Keep only the most recent card-length run: a scan may follow digits already typed.
      if (this.digits.length > 13) {
        this.digits = this.digits.slice(-13);
      }
      return null;
    }
    this.digits = '';
    return null;
  }
}
