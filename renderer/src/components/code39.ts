/**
 * Code 39: each character is 9 elements (5 bars, 4 spaces, alternating from a bar), 3 of them
 * wide; characters are separated by one narrow space and the symbol is framed by '*'.
 * Encodings are the standard table (bit 8 - i set = element i is wide).
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';
// prettier-ignore
const ENCODINGS = [
  0x034, 0x121, 0x061, 0x160, 0x031, 0x130, 0x070, 0x025, 0x124, 0x064, // 0-9
  0x109, 0x049, 0x148, 0x019, 0x118, 0x058, 0x00d, 0x10c, 0x04c, 0x01c, // A-J
  0x103, 0x043, 0x142, 0x013, 0x112, 0x052, 0x007, 0x106, 0x046, 0x016, // K-T
  0x181, 0x0c1, 0x1c0, 0x091, 0x190, 0x0d0, 0x085, 0x184, 0x0c4, 0x0a8, // U-Z - . space $
  0x0a2, 0x08a, 0x02a, // / + %
];
const START_STOP = 0x094;
export const NARROW = 1;
export const WIDE = 3;

/** A bar to draw: where it starts and how wide it is, in narrow-module units. */
export interface Bar {
  x: number;
  width: number;
}

export interface Code39Symbol {
  bars: Bar[];
  /** Total width in narrow-module units, without quiet zones. */
  width: number;
}

function elements(encoding: number): number[] {
  return Array.from({ length: 9 }, (_, i) => ((encoding >> (8 - i)) & 1 ? WIDE : NARROW));
}

/** The bars of `text` (upper-cased), or null if it has a character Code 39 cannot carry. */
export function code39(text: string): Code39Symbol | null {
  const data = text.toUpperCase();
  const encodings: number[] = [START_STOP];
  for (const char of data) {
    const index = ALPHABET.indexOf(char);
    if (index < 0 || char === '*') return null;
    encodings.push(ENCODINGS[index] as number);
  }
  encodings.push(START_STOP);
  const bars: Bar[] = [];
  let x = 0;
  encodings.forEach((encoding, position) => {
    if (position > 0) x += NARROW; // inter-character gap
    elements(encoding).forEach((width, i) => {
      if (i % 2 === 0) bars.push({ x, width });
      x += width;
    });
  });
  return { bars, width: x };
}
