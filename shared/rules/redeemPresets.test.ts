import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redeemPresets } from './redeemPresets';

describe('redeemPresets', () => {
  it('100, 500 and max when the member may use more than 500', () => {
    expect(redeemPresets(1200, { step: 100, minimum: 0 })).toEqual([
      { points: 100, max: false },
      { points: 500, max: false },
      { points: 1200, max: true },
    ]);
  });

  it('a preset above what this sale may use is not offered; max is kept on the step', () => {
    expect(redeemPresets(350, { step: 50, minimum: 0 })).toEqual([
      { points: 100, max: false },
      { points: 350, max: true },
    ]);
    expect(redeemPresets(399, { step: 100, minimum: 0 })).toEqual([
      { points: 100, max: false },
      { points: 300, max: true },
    ]);
    // Exactly 500 usable: "max" says it once.
    expect(redeemPresets(500, { step: 100, minimum: 0 })).toEqual([
      { points: 100, max: false },
      { points: 500, max: true },
    ]);
  });

  it('the program minimum and step decide which presets exist', () => {
    expect(redeemPresets(2000, { step: 100, minimum: 200 })).toEqual([
      { points: 500, max: false },
      { points: 2000, max: true },
    ]);
    expect(redeemPresets(2000, { step: 300, minimum: 0 })).toEqual([{ points: 1800, max: true }]);
    expect(redeemPresets(150, { step: 100, minimum: 200 })).toEqual([]);
    expect(redeemPresets(0, { step: 1, minimum: 0 })).toEqual([]);
  });

  it('every preset is on the step, at least the minimum and at most the usable maximum', () => {
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.integer({ min: 1, max: 500 }),
        fc.nat(1000),
        (max, step, minimum) => {
          for (const preset of redeemPresets(max, { step, minimum })) {
            expect(preset.points % step).toBe(0);
            expect(preset.points).toBeGreaterThanOrEqual(Math.max(minimum, 1));
            expect(preset.points).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });
});
