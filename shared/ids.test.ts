import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UUID_PATTERN, uuidv7 } from './ids';

/** The 48-bit millisecond timestamp in the first 12 hex digits. */
function timeOf(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe('uuidv7', () => {
  it('is 8-4-4-4-12 lowercase hex', () => {
    expect(uuidv7()).toMatch(UUID_PATTERN);
  });

  it('has version nibble 7 (char 14) and variant 10xx (char 19 in 8, 9, a, b)', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
  });

  it.each([
    [0, '00000000-0000-7'],
    [1, '00000000-0001-7'],
    [0x0123456789ab, '01234567-89ab-7'],
    [2 ** 48 - 1, 'ffffffff-ffff-7'],
  ])('puts %i ms in the first 48 bits: %s…', (ms, prefix) => {
    const id = uuidv7(ms);
    expect(id.startsWith(prefix)).toBe(true);
    expect(timeOf(id)).toBe(ms);
  });

  it('clamps a negative or fractional time: −5 → 0, 1.9 → 1', () => {
    expect(timeOf(uuidv7(-5))).toBe(0);
    expect(timeOf(uuidv7(1.9))).toBe(1);
  });

  it('defaults to the current time', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(after);
  });

  it('10 000 ids in the same millisecond are all different (74 random bits each)', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it('property: ids from an earlier millisecond sort before ids from a later one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 2 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (t1, gap) => {
          const t2 = Math.min(t1 + gap, 2 ** 48 - 1);
          const a = uuidv7(t1);
          const b = uuidv7(t2);
          expect(a < b).toBe(true);
          expect(a).toMatch(UUID_PATTERN);
          expect(b[14]).toBe('7');
        },
      ),
    );
  });

  it('property: sorting ids made at random times sorts them by time', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 48 - 1 }), { maxLength: 50 }),
        (times) => {
          const ids = times.map((t) => uuidv7(t));
          const sortedIds = [...ids].sort();
          expect(sortedIds.map(timeOf)).toEqual([...times].sort((x, y) => x - y));
        },
      ),
    );
  });
});
