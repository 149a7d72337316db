import { createHmac, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * A PIN is four to six digits: a million guesses at most, so no hash, however slow, survives an
 * attacker holding the ledger. What protects it is a secret the ledger does not hold, the
 * terminal's PIN pepper (keys/terminalKeys.ts). A PIN is stored as its tag, HMAC-SHA256 under
 * the pepper: one indexed lookup finds its owner, so signing in never waits on a hash per staff
 * member (it took 2.26 s with 57 staff).
 */
export function pinTag(pepper: Buffer, pin: string): string {
  return createHmac('sha256', pepper).update(`pin\0${pin}`).digest('base64');
}

/** The pepper of each open ledger, bound by openCore: PIN code asks for it by the handle. */
const peppers = new WeakMap<Database.Database, Buffer>();

export function bindPinPepper(db: Database.Database, pepper: Buffer): void {
  peppers.set(db, pepper);
}

export function pinTagFor(db: Database.Database, pin: string): string {
  const pepper = peppers.get(db);
  if (!pepper) throw new Error('This ledger was opened without the terminal’s PIN pepper.');
  return pinTag(pepper, pin);
}

/**
 * Ledgers from before the pepper hold scrypt hashes ("scrypt$N$r$p$salt$hash"). They are checked
 * only when no tag matches, and each is replaced by its tag at its owner's next sign-in.
 */
export function verifyLegacyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, rr, pp, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
  });
  return timingSafeEqual(expected, actual);
}
