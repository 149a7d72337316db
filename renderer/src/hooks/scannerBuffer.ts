import { isCardNumber } from '../../../shared/card';

/**
 * A barcode scanner "types" a whole card number in a few milliseconds and presses Enter.
 * People type far slower. A burst of digits with every gap under MAX_GAP_MS, ending in Enter
 * and forming a valid card number, is a scan; anything else is ordinary typing.
 */
export const MAX_GAP_MS = 50;

export class ScannerBuffer {
  private digits = '';
  private lastAt = -Infinity;

  /** Feeds one key; returns the card number when this Enter completes a scan. */
  feed(key: string, at: number): string | null {
    const gap = at - this.lastAt;
    this.lastAt = at;
    if (key === 'Enter') {
      const candidate = this.digits;
      this.digits = '';
      return gap <= MAX_GAP_MS && isCardNumber(candidate) ? candidate : null;
    }
    if (/^\d$/.test(key)) {
      this.digits = gap <= MAX_GAP_MS ? this.digits + key : key;
      return null;
    }
    this.digits = '';
    return null;
  }
}
