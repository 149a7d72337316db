import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODE_ALPHABET, codeKindOf, makeCode, normaliseCode, type CodeKind } from './codes';

/**
 * Coupon, gift-card and referral codes: readable (no 0/O, 1/I), unguessable, and carrying a check
 * character that catches every single-character slip and every swap of neighbours.
 */

/** Deterministic "random" bytes: each call hands out the next values of a counter. */
function bytesFrom(values: number[]): (n: number) => Uint8Array {
  let at = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = values[at++ % values.length] ?? 0;
    return out;
  };
}

const raw = (code: string) => code.replace(/-/g, '');
const format = (r: string) => `${r.slice(0, 4)}-${r.slice(4, 8)}-${r.slice(8)}`;

/** A spread of codes: all-lowest, all-highest, each alphabet character, and random ones. */
function sampleCodes(kind: CodeKind): string[] {
  const n = CODE_ALPHABET.length;
  const codes = [
    makeCode(kind, bytesFrom([0])),
    makeCode(kind, bytesFrom([n - 1])),
    makeCode(kind, bytesFrom([0, n - 1])),
    makeCode(kind, bytesFrom(Array.from({ length: 9 }, (_, i) => i * 3))),
  ];
  for (let start = 0; start < n; start += 9) {
    codes.push(makeCode(kind, bytesFrom(Array.from({ length: 9 }, (_, i) => start + i))));
  }
  for (let i = 0; i < 8; i++) codes.push(makeCode(kind));
  return codes;
}

describe('the alphabet', () => {
  it.each(['0', 'O', '1', 'I', 'Z'])('has no %s (look-alikes a cashier would misread)', (char) => {
    expect(CODE_ALPHABET).not.toContain(char);
  });

  it('has 31 distinct characters (the check is modulo the prime 31), only digits 2-9 and capitals', () => {
    expect(CODE_ALPHABET.length).toBe(31);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    expect(CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });
});

describe('makeCode', () => {
  it.each<[CodeKind, string]>([
    ['coupon', 'CP'],
    ['giftCard', 'GC'],
    ['referral', 'RF'],
  ])('a %s code reads PPXX-XXXX-XXXC with prefix %s, and passes its own check', (kind, prefix) => {
    for (const code of sampleCodes(kind)) {
      expect(code).toMatch(
        new RegExp(`^${prefix}[${CODE_ALPHABET}]{2}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`),
      );
      expect(normaliseCode(code, kind)).toBe(code);
      expect(codeKindOf(code)).toBe(kind);
    }
  });

  it('the same random bytes give the same code; different bytes a different one', () => {
    expect(makeCode('coupon', bytesFrom([5, 9, 200]))).toBe(
      makeCode('coupon', bytesFrom([5, 9, 200])),
    );
    expect(makeCode('coupon', bytesFrom([250, 5, 9, 200]))).toBe(
      makeCode('coupon', bytesFrom([5, 9, 200])),
    );
    expect(makeCode('coupon', bytesFrom([5, 9, 200]))).not.toBe(
      makeCode('coupon', bytesFrom([5, 9, 201])),
    );
  });

  it('every random character is drawn from the whole alphabet (9 random characters: ≥ 44 bits)', () => {
    const seen = new Set<string>();
    // Bytes from 248 up are drawn again (248 = 8 × 31), so each character is equally likely.
    for (let b = 0; b < 248; b++) {
      for (const char of raw(makeCode('coupon', bytesFrom([b]))).slice(2, 11)) seen.add(char);
    }
    expect([...seen].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
    expect(9 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(44);
  });

  it('10,000 real codes do not collide', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => makeCode('giftCard')));
    expect(codes.size).toBe(10_000);
  });
});

describe('the check character', () => {
  it.each<CodeKind>(['coupon', 'giftCard', 'referral'])(
    '%s: catches every single-character change, exhaustively (each position × each other character)',
    (kind) => {
      const missed: string[] = [];
      for (const code of sampleCodes(kind)) {
        const r = raw(code);
        for (let pos = 2; pos < r.length; pos++) {
          for (const char of CODE_ALPHABET) {
            if (char === r[pos]) continue;
            const changed = r.slice(0, pos) + char + r.slice(pos + 1);
            if (normaliseCode(changed, kind) !== null) missed.push(`${code} → ${format(changed)}`);
          }
        }
      }
      expect(missed).toEqual([]);
    },
  );

  it.each<CodeKind>(['coupon', 'giftCard', 'referral'])(
    '%s: catches every swap of two different neighbours, exhaustively (including the check character)',
    (kind) => {
      const missed: string[] = [];
      for (const code of sampleCodes(kind)) {
        const r = raw(code);
        for (let pos = 2; pos < r.length - 1; pos++) {
          if (r[pos] === r[pos + 1]) continue;
          const swapped = r.slice(0, pos) + r[pos + 1] + r[pos] + r.slice(pos + 2);
          if (normaliseCode(swapped, kind) !== null) missed.push(`${code} → ${format(swapped)}`);
        }
      }
      expect(missed).toEqual([]);
    },
  );

  it('property: any single change or neighbour swap of any code is caught', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 9, maxLength: 9 }),
        fc.integer({ min: 2, max: 11 }),
        fc.integer({ min: 1, max: CODE_ALPHABET.length - 1 }),
        fc.boolean(),
        (bytes, pos, shift, swap) => {
          const code = makeCode('coupon', () => bytes);
          const r = raw(code);
          let changed: string;
          if (swap && pos < 11) {
            fc.pre(r[pos] !== r[pos + 1]);
            changed = r.slice(0, pos) + r[pos + 1] + r[pos] + r.slice(pos + 2);
          } else {
            const at = CODE_ALPHABET.indexOf(r[pos] ?? '');
            const char = CODE_ALPHABET[(at + shift) % CODE_ALPHABET.length] ?? '';
            changed = r.slice(0, pos) + char + r.slice(pos + 1);
          }
          expect(normaliseCode(changed, 'coupon')).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('normaliseCode reads what a cashier typed or scanned', () => {
  const code = makeCode('coupon', bytesFrom([3, 14, 15, 9, 26, 5, 3, 5, 8]));
  const r = raw(code);

  it.each([
    ['as printed', code],
    ['lower case', code.toLowerCase()],
    ['without dashes', r],
    ['with spaces instead of dashes', code.replace(/-/g, ' ')],
    ['with extra spaces and dashes', ` ${r.slice(0, 2)}--${r.slice(2, 7)} - ${r.slice(7)} `],
    ['mixed case, no separators', r.slice(0, 6).toLowerCase() + r.slice(6)],
  ])('%s → the canonical form', (_name, input) => {
    expect(normaliseCode(input, 'coupon')).toBe(code);
  });

  it.each([
    ['the wrong kind: a coupon code read as a gift card', code, 'giftCard' as CodeKind],
    ['one character short', r.slice(0, -1), 'coupon' as CodeKind],
    ['one character long', `${r}2`, 'coupon' as CodeKind],
    ['an empty string', '', 'coupon' as CodeKind],
    [
      'an O where a 0 was meant (no 0 or O is ever issued)',
      `${r.slice(0, 5)}O${r.slice(6)}`,
      'coupon' as CodeKind,
    ],
    ['a 1 typed in', `${r.slice(0, 5)}1${r.slice(6)}`, 'coupon' as CodeKind],
    ['an I typed in', `${r.slice(0, 5)}I${r.slice(6)}`, 'coupon' as CodeKind],
    ['a 0 typed in', `${r.slice(0, 5)}0${r.slice(6)}`, 'coupon' as CodeKind],
    ['a Z typed in (Z is never issued)', `${r.slice(0, 5)}Z${r.slice(6)}`, 'coupon' as CodeKind],
    ['punctuation inside', `${r.slice(0, 5)}.${r.slice(6)}`, 'coupon' as CodeKind],
    ['SQL', "CP'; DROP TABLE coupon;--", 'coupon' as CodeKind],
    ['a full-width look-alike', r.replace(/^CP/, 'ＣＰ'), 'coupon' as CodeKind],
  ])('refuses %s', (_name, input, kind) => {
    expect(normaliseCode(input, kind)).toBeNull();
  });

  it.each([
    ['CP22-2222-2222', 'coupon'],
    ['gc23-4567-89ab', 'giftCard'],
    ['rf', 'referral'],
    ['XX23-4567-89AB', null],
    ['', null],
  ])('codeKindOf(%j) = %j (by prefix only; the check is normaliseCode’s job)', (input, kind) => {
    expect(codeKindOf(input)).toBe(kind);
  });
});
