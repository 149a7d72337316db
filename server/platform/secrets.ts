import { createHash } from 'node:crypto';
import type { ServiceRandom } from './randomness';

/**
 * Credentials are 256 random bits, so a plain SHA-256 is enough to store them: there is nothing
 * to guess, and looking a credential up by its hash needs no constant-time compare.
 * The prefixes make a leaked secret easy to recognise (and to grep for).
 */
export function newTerminalCredential(random: ServiceRandom): string {
  return `hot_${Buffer.from(random.bytes(32)).toString('base64url')}`;
}

export function newAdminToken(random: ServiceRandom): string {
  return `hoa_${Buffer.from(random.bytes(32)).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** No 0/O, 1/I/L: read aloud over the phone and typed at a till without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** A one-time enrollment code, e.g. "KXM4-7PQR" (about 40 bits; short-lived and rate-limited). */
export function newEnrollmentCode(random: ServiceRandom): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[random.below(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What was typed, as stored: upper case without spaces or dashes. */
export function normaliseEnrollmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

export function hashEnrollmentCode(typed: string): string {
  return hashSecret(`enrollment:${normaliseEnrollmentCode(typed)}`);
}
