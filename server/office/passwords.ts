import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Admin passwords are chosen by people, so unlike credentials they are guessable: they are stored
 * with scrypt, a deliberately slow and memory-hard hash. The cost is written into the stored text
 * ("scrypt$N$r$p$salt$hash") so it can be raised later without breaking older hashes.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
/** Large enough for N = 2^16 at r = 8 (128 * N * r bytes), should the cost be raised. */
const MAX_MEMORY = 160 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export const PASSWORD_SALT_BYTES = 16;

/** `salt` is PASSWORD_SALT_BYTES random bytes from the service's source. */
export async function hashPassword(password: string, saltBytes: Uint8Array): Promise<string> {
  const salt = Buffer.from(saltBytes);
  const key = await derive(password, salt, { ...COST, maxmem: MAX_MEMORY });
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** True when `password` matches `stored`; any malformed stored text is simply no match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    ...cost,
    maxmem: MAX_MEMORY,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash of nothing anyone knows, checked when the name is unknown so the answer takes as long
 * as for a real name. Drawn from the OS, not the service's source: a seeded simulation's
 * sequence must not depend on whether someone tried to sign in.
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'), randomBytes(PASSWORD_SALT_BYTES));
  return decoy;
}
