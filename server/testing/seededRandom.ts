import type { RandomBytes } from '../platform/randomness';

/**
 * A repeatable byte source for simulations and tests (mulberry32): the same seed gives the same
 * bytes, so a head office created with it hands out the same ids, codes and terminal numbers.
 * Never a source for real credentials.
 */
export function seededRandom(seed: number): RandomBytes {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const value = next();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (value >>> (8 * j)) & 0xff;
    }
    return out;
  };
}
