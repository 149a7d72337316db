import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quickCashAmounts } from './quickCash';

describe('quickCashAmounts', () => {
  it('HK$37.40 due offers exact 37.40, then 40, 50 and 100', () => {
    expect(quickCashAmounts(3740, 100)).toEqual([3740, 4000, 5000, 10_000]);
  });

  it('an amount already offered is not repeated', () => {
    expect(quickCashAmounts(4000, 100)).toEqual([4000, 5000, 10_000]);
    expect(quickCashAmounts(5000, 100)).toEqual([5000, 10_000]);
    expect(quickCashAmounts(10_000, 100)).toEqual([10_000]);
    expect(quickCashAmounts(15_450, 100)).toEqual([15_450, 16_000, 20_000]);
  });

  it('nothing due offers nothing; bad input is a programming error', () => {
    expect(quickCashAmounts(0, 100)).toEqual([]);
    expect(() => quickCashAmounts(-1, 100)).toThrow(RangeError);
    expect(() => quickCashAmounts(12.5, 100)).toThrow(RangeError);
    expect(() => quickCashAmounts(100, 0)).toThrow(RangeError);
  });

  it('every amount covers what is due, rises strictly, and all but the first are round', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), (due) => {
        const amounts = quickCashAmounts(due, 100);
        expect(amounts[0]).toBe(due);
        amounts.forEach((amount, i) => {
          expect(Number.isInteger(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(due);
          if (i > 0) {
            expect(amount).toBeGreaterThan(amounts[i - 1] ?? 0);
            expect(amount % 1000).toBe(0);
            expect(amount - due).toBeLessThan(10_000);
          }
        });
      }),
    );
  });
});
