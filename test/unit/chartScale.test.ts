import { describe, expect, it } from 'vitest';
import { axisFitting, axisOf, niceTicks } from '../../renderer/src/components/charts/chartScale';

/** The value axis of the analytics charts: round, whole-number ticks covering every value. */
describe('chart axes', () => {
  it('steps by 1, 2 or 5 times a power of ten, from at or below the least to at or above the most', () => {
    expect(niceTicks({ min: 0, max: 100 })).toEqual([0, 50, 100]);
    expect(niceTicks({ min: 0, max: 3 })).toEqual([0, 1, 2, 3]);
    expect(niceTicks({ min: 0, max: 123_456_789 })).toEqual([
      0, 50_000_000, 100_000_000, 150_000_000,
    ]);
    expect(niceTicks({ min: -250, max: 1000 })).toEqual([-500, 0, 500, 1000]);
  });

  it('never steps by less than one: figures are whole numbers', () => {
    expect(niceTicks({ min: 0, max: 1 })).toEqual([0, 1]);
  });

  it('gives an axis that starts and ends on a tick', () => {
    expect(axisOf([30, 2, 17])).toEqual({ range: { min: 0, max: 30 }, ticks: [0, 10, 20, 30] });
    expect(axisOf([31])).toEqual({ range: { min: 0, max: 40 }, ticks: [0, 10, 20, 30, 40] });
    expect(axisOf([])).toEqual({ range: { min: 0, max: 1 }, ticks: [0, 1] });
    expect(axisOf([0, 0])).toEqual({ range: { min: 0, max: 1 }, ticks: [0, 1] });
  });
});

describe('an axis that fits its labels', () => {
  it('takes fewer ticks when the labels are long', () => {
    const count = (value: number) => String(value);
    const money = (minor: number) => `HK$${(minor / 100).toFixed(2)}`;
    expect(axisFitting([40], 240, count).ticks).toEqual([0, 10, 20, 30, 40]);
    const ticks = axisFitting([61_730_895], 240, money).ticks;
    expect(ticks.length).toBeLessThan(5);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(61_730_895);
  });
});
