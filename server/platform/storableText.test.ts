import fc from 'fast-check';
import { requiredText, text } from '../../shared/text';
import { describe, expect, it } from 'vitest';
import {
  hashEnrollmentCode,
  newEnrollmentCode,
  newTerminalCredential,
  normaliseEnrollmentCode,
} from './secrets';
import { serviceRandom } from './randomness';
import { findUnstorableText } from './storableText';

describe('text PostgreSQL can store', () => {
  it('passes ordinary text in any script, emoji included', () => {
    expect(findUnstorableText({ name: '陳大文 Chan 🍵', lines: [{ d: 'Ünïcödé' }] })).toBeNull();
    expect(findUnstorableText([1, true, null, { a: [] }])).toBeNull();
  });

  it('finds NUL and lone surrogates, in values and keys, with their path', () => {
    expect(findUnstorableText({ a: [{ b: 'x\u0000y' }] })).toBe(
      '$.a[0].b: contains a NUL character',
    );
    expect(findUnstorableText({ s: 'high \ud83d alone' })).toBe(
      '$.s: contains a lone UTF-16 surrogate',
    );
    expect(findUnstorableText({ s: 'low \udc00 alone' })).toMatch(/lone/);
    expect(findUnstorableText({ ['k\u0000']: 1 })).toBe('$: a key contains a NUL character');
  });

  it('stops at absurd nesting instead of overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toMatch(/nested too deeply/);
  });
});

describe('secrets', () => {
  const random = serviceRandom();

  it('makes enrollment codes people can read aloud', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newEnrollmentCode(random)));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(normaliseEnrollmentCode(' kxm4 - 7pqr ')).toBe('KXM47PQR');
    expect(hashEnrollmentCode('kxm4-7pqr')).toBe(hashEnrollmentCode('KXM47PQR'));
  });

  it('makes credentials of 256 random bits', () => {
    const credential = newTerminalCredential(random);
    expect(credential).toMatch(/^hot_[A-Za-z0-9_-]{43}$/);
    expect(newTerminalCredential(random)).not.toBe(credential);
  });
});

describe('typed text from the terminal', () => {
  it('property: whatever typed text accepts, head office can store', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        for (const schema of [requiredText(60), text(300, { multiline: true })]) {
          const parsed = schema.safeParse(raw);
          if (parsed.success) expect(findUnstorableText(parsed.data)).toBeNull();
        }
      }),
      { numRuns: 2000 },
    );
  });
});
