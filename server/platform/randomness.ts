import { randomFillSync } from 'node:crypto';
import { uuidv7Of } from '../../shared/ids';

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

/**
 * The operating system's CSPRNG, drawn a page at a time: one call per id cost 8 µs, more than the
 * rest of making it (3 s of a 100,000-member import). Each draw is a copy, never shared.
 */
const page = new Uint8Array(4096);
let pageAt = page.length;
const cryptoBytes: RandomBytes = (n) => {
  if (n > page.length) return new Uint8Array(randomFillSync(new Uint8Array(n)));
  if (pageAt + n > page.length) {
    randomFillSync(page);
    pageAt = 0;
  }
  const out = page.slice(pageAt, pageAt + n);
  pageAt += n;
  return out;
};

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
      return uuidv7Of(b, nowMs);
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
