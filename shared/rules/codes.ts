/**
 * Coupon, gift-card and referral codes: unguessable (random), readable aloud (no 0/O or 1/I),
 * and carrying a check character so a typo is caught before any lookup.
 *
 *   PPXX-XXXX-XXXC   PP: kind prefix, X: random, C: check character (mod-31 weighted)
 */
/**
 * 31 characters: no 0/O or 1/I, and no Z (a look-alike of 2). The count matters: the check is
 * modulo 31, a prime, and catches every single-character error and every swap of neighbours only
 * because no two characters share a value modulo 31 (with a Z at value 31, 2 ↔ Z slipped by).
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXY';
const RADIX = CODE_ALPHABET.length; // 31
const CHECK_MODULUS = 31;
/** Bytes at or above this are drawn again, so every character is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % RADIX);

export type CodeKind = 'coupon' | 'giftCard' | 'referral';
const prefixes: Record<CodeKind, string> = { coupon: 'CP', giftCard: 'GC', referral: 'RF' };
const RANDOM_CHARS = 9;

export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = CODE_ALPHABET.indexOf(body[i] ?? '');
    sum = (sum + value * (i + 1)) % CHECK_MODULUS;
  }
  return CODE_ALPHABET[sum] ?? '2';
}

/** A new code of `kind`; `random` returns bytes (crypto.getRandomValues in production). */
export function makeCode(kind: CodeKind, random: (n: number) => Uint8Array = randomBytes): string {
  const prefix = prefixes[kind];
  let body = prefix;
  while (body.length < prefix.length + RANDOM_CHARS) {
    for (const byte of random(RANDOM_CHARS)) {
      if (byte < UNBIASED_LIMIT && body.length < prefix.length + RANDOM_CHARS) {
        body += CODE_ALPHABET[byte % RADIX];
      }
    }
  }
  return format(body + checkCharacter(body));
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

function format(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/**
 * Reads what a cashier typed or scanned: case, spaces and dashes do not matter, and the
 * look-alikes O→0→… are not guessed at. Returns the canonical form, or null if the check fails.
 */
export function normaliseCode(input: string, kind: CodeKind): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== 2 + RANDOM_CHARS + 1 || !raw.startsWith(prefixes[kind])) return null;
  for (const char of raw) if (!CODE_ALPHABET.includes(char) && !/[A-Z]/.test(char)) return null;
  for (const char of raw.slice(2)) if (!CODE_ALPHABET.includes(char)) return null;
  const body = raw.slice(0, -1);
  if (checkCharacter(body) !== raw.slice(-1)) return null;
  return format(raw);
}

export function codeKindOf(input: string): CodeKind | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  for (const [kind, prefix] of Object.entries(prefixes) as [CodeKind, string][]) {
    if (raw.startsWith(prefix)) return kind;
  }
  return null;
}
