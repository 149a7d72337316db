import { describe, expect, it } from 'vitest';
import { businessDayCutoff, heldPoints, liability, liabilityMinor } from './liability';

/** Points liability, worked by hand. The default rate: 100 points are worth HK$5.00. */
const rate = { points: 100, valueMinor: 500 };

describe('points liability', () => {
  it('members holding 100, −30 and 20 points: 120 held (a debt does not cancel another’s points)', () => {
    expect(heldPoints([100, -30, 20])).toBe(120);
    expect(heldPoints([])).toBe(0);
  });

  it('120 points at 100 = HK$5.00 are worth HK$6.00', () => {
    expect(liabilityMinor(120, rate)).toBe(600);
  });

  it('rounds half away from zero: 101 points at 200 = 500 → 252.5 → 253; 1 at 3 = 1 → 0.33 → 0; 2 → 0.67 → 1', () => {
    expect(liabilityMinor(101, { points: 200, valueMinor: 500 })).toBe(253);
    expect(liabilityMinor(1, { points: 3, valueMinor: 1 })).toBe(0);
    expect(liabilityMinor(2, { points: 3, valueMinor: 1 })).toBe(1);
  });

  it('is exact past 2^53 on the way: 1e15 + 1 points at 100 = 500 → 5e15 + 5', () => {
    expect(liabilityMinor(1_000_000_000_000_001, rate)).toBe(5_000_000_000_000_005);
  });

  it('cuts off at the end of the store’s business day: 2 November in Hong Kong ends 16:00 UTC, or 20:00 UTC with a 04:00 day start', () => {
    expect(businessDayCutoff('2026-11-02', 'Asia/Hong_Kong', 0)).toBe('2026-11-02T16:00:00.000Z');
    expect(businessDayCutoff('2026-11-02', 'Asia/Hong_Kong', 240)).toBe('2026-11-02T20:00:00.000Z');
  });

  it('says its cut-off and the zone it is shown in', () => {
    expect(liability(120, rate, '2026-11-02T16:00:00.000Z', 'Asia/Hong_Kong')).toEqual({
      points: 120,
      redemption: rate,
      valueMinor: 600,
      asOf: '2026-11-02T16:00:00.000Z',
      timeZone: 'Asia/Hong_Kong',
    });
  });
});
