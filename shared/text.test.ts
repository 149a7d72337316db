import { describe, expect, it } from 'vitest';
import { normaliseText, requiredText, searchText, text } from './text';

describe('typed text', () => {
  const name = requiredText(60);
  const note = text(300, { multiline: true });

  it('trims plain ASCII as it is', () => {
    expect(normaliseText('  Member 12 ')).toBe('Member 12');
    expect(normaliseText('a\r\nb')).toBe('a\nb');
  });

  it('trims, and normalises to NFC: "e" + combining acute (2 code points) is stored as "é" (1)', () => {
    expect(name.parse('  Cafe\u0301  ')).toBe('Café');
    expect(name.parse('Cafe\u0301')).toBe(name.parse('Caf\u00e9'));
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['a DEL', 'a\u007fb'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDC00b'],
    ['a right-to-left override', 'a\u202Eb'],
    ['a zero-width space', 'a\u200Bb'],
    ['a line separator', 'a\u2028b'],
    ['a newline, on one line', 'a\nb'],
    ['a tab, on one line', 'a\tb'],
  ])('refuses %s', (_what, value) => {
    expect(name.safeParse(value).success).toBe(false);
  });

  it('keeps emoji (a surrogate pair is not lone) and CJK', () => {
    expect(name.parse('陳大文 😀')).toBe('陳大文 😀');
  });

  it('multi-line text keeps tab and newline, turns CR LF into LF, and refuses the rest', () => {
    expect(note.parse('one\r\ntwo\tthree')).toBe('one\ntwo\tthree');
    expect(note.safeParse('a\u0000b').success).toBe(false);
    expect(note.safeParse('a\uD800').success).toBe(false);
  });

  it('required text refuses what trims to nothing; the limit counts after trimming', () => {
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.parse(` ${'x'.repeat(60)} `)).toHaveLength(60);
    expect(name.safeParse('x'.repeat(61)).success).toBe(false);
  });

  it('a search box drops invisible characters instead of refusing them', () => {
    expect(searchText(60).parse('a\u200Bb\uD800')).toBe('a b');
  });
});
