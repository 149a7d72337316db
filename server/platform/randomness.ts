import { randomBytes } from 'node:crypto';

/** Fills `bytes` random bytes. Production uses the operating system's; a simulation seeds its own. */
export type RandomBytes = (bytes: number) => Uint8Array;

/**
 * Every random choice head office makes (ids, credentials, admin tokens, enrollment codes,
 * terminal numbers) draws from one source, so a simulation that injects a seeded generator
 * replays exactly. Secrets are only as good as the source: production keeps the default.
 */
export interface ServiceRandom {
  bytes: RandomBytes;
  /** A UUIDv7 for `nowMs` (RFC 9562: 48-bit milliseconds, then random bits). */
  uuidv7(nowMs: number): string;
  /** A whole number in [0, bound), every value equally likely. */
  below(bound: number): number;
}

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const cryptoBytes: RandomBytes = (n) => new Uint8Array(randomBytes(n));

export function serviceRandom(source: RandomBytes = cryptoBytes): ServiceRandom {
  const bytes: RandomBytes = (n) => {
    const out = source(n);
    if (out.length !== n) throw new Error(`random source gave ${out.length} bytes, not ${n}`);
    return out;
  };
  return {
    bytes,
    uuidv7(nowMs) {
      const b = new Uint8Array(16);
      b.set(bytes(10), 6);
      let ms = Math.max(0, Math.floor(nowMs));
      for (let i = 5; i >= 0; i--) {
        b[i] = ms % 256;
        ms = Math.floor(ms / 256);
      }
      b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
      b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
      let out = '';
      for (let i = 0; i < 16; i++) {
        if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
        out += hex[b[i] ?? 0];
      }
      return out;
    },
    below(bound) {
      if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) {
        throw new Error(`cannot draw below ${bound}`);
      }
      // Draws at or above the largest multiple of `bound` are drawn again: no value is favoured.
      const limit = 2 ** 32 - (2 ** 32 % bound);
      for (;;) {
        const [a = 0, b = 0, c = 0, d = 0] = bytes(4);
        const value = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
        if (value < limit) return value % bound;
      }
    },
  };
}
