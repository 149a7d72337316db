/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids made offline on
 * different terminals never collide and sort by creation time.
 */
const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Random bytes are drawn from the platform's CSPRNG a page at a time: one call per id cost more
 * than the rest of making it, and a sale makes several ids.
 */
const pool = new Uint8Array(4096);
let poolAt = pool.length;

export function uuidv7(nowMs: number = Date.now()): string {
  if (poolAt + 16 > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const bytes = pool.subarray(poolAt, poolAt + 16);
  poolAt += 16;
  return uuidv7Of(bytes, nowMs);
}

/**
 * The UUIDv7 for `nowMs` made of 16 bytes whose last ten are random (the first six are
 * overwritten with the time, and the version and variant bits set, in place).
 */
export function uuidv7Of(bytes: Uint8Array, nowMs: number): string {
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += hex[bytes[i] ?? 0];
  }
  return out;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
