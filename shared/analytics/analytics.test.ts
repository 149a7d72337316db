import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageTicket,
  divideRounded,
  ratio,
  repeatPurchaseRate,
  topFifthCount,
  topShare,
} from './figures';
import { liabilityMinor } from '../figures/liability';
import { checkPeriod, periodBounds, periodDays } from './period';
import { rfmSegments, scoreMembers, segmentCounts, segmentOf } from './rfm';
import { tierMoves } from './tiers';
import { z } from 'zod';

describe('integer arithmetic', () => {
  it.each([
    [7, 2, 4],
    [5, 2, 3],
    [-5, 2, -3],
    [4, 3, 1],
    [5, 3, 2],
    [672_000, 19, 35_368],
    [38_010, 4, 9_503],
    [0, 7, 0],
  ])('divideRounded(%i, %i) = %i (halves away from zero)', (n, d, q) => {
    expect(divideRounded(n, d)).toBe(q);
  });

  it('refuses a zero or fractional divisor', () => {
    expect(() => divideRounded(1, 0)).toThrow(RangeError);
    expect(() => divideRounded(1.5, 2)).toThrow(RangeError);
  });

  it('is exact where n × 10 000 passes 2^53 (BigInt inside)', () => {
    expect(ratio(9_000_000_000_000, 9_000_000_000_001).basisPoints).toBe(10_000);
    // 1e15 + 1 points × 500 passes 2^53 on the way; the answer (5e15 + 5) does not.
    expect(liabilityMinor(1_000_000_000_000_001, { points: 100, valueMinor: 500 })).toBe(
      5_000_000_000_000_005,
    );
  });

  it('matches exact rational rounding for any integers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        const q = divideRounded(n, d);
        // |n/d − q| ≤ 1/2, and exactly 1/2 only when rounding away from zero.
        const twice = 2 * n - 2 * q * d;
        expect(Math.abs(twice)).toBeLessThanOrEqual(d);
        if (Math.abs(twice) === d) expect(Math.sign(q)).toBe(Math.sign(n));
      }),
    );
  });

  it('ratios and averages with nothing to divide by are null, not NaN or 0', () => {
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, basisPoints: null });
    expect(averageTicket(0, 0).averageMinor).toBeNull();
    expect(repeatPurchaseRate([]).basisPoints).toBeNull();
  });
});

describe('top fifth', () => {
  it.each([
    [0, 0],
    [1, 1],
    [5, 1],
    [6, 2],
    [10, 2],
    [11, 3],
  ])('of %i buyers is %i', (buyers, top) => expect(topFifthCount(buyers)).toBe(top));

  it('ties at the boundary go by member id', () => {
    const share = topShare(
      [
        { memberId: 'b', netSpendMinor: 100 },
        { memberId: 'a', netSpendMinor: 100 },
        { memberId: 'c', netSpendMinor: 50 },
        { memberId: 'd', netSpendMinor: 50 },
        { memberId: 'e', netSpendMinor: 50 },
        { memberId: 'f', netSpendMinor: 50 },
      ],
      400,
    );
    expect(share).toMatchObject({ numerator: 200, topMembers: 2, basisPoints: 5000 });
  });
});

describe('the RFM segment map', () => {
  it('puts every (R, F) cell in exactly the documented segment', () => {
    const grid = [5, 4, 3, 2, 1].map((r) => [1, 2, 3, 4, 5].map((f) => segmentOf(r, f)));
    expect(grid).toEqual([
      ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
      ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal'],
      ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
      ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
      ['lost', 'lost', 'at_risk', 'at_risk', 'cant_lose'],
    ]);
    expect(new Set(grid.flat())).toEqual(new Set(rfmSegments));
  });

  it('scores five members with distinct values 1 to 5; five tied share the first rank from the worst, 1', () => {
    const members = [10, 20, 30, 40, 50].map((spend, i) => ({
      memberId: `m${i}`,
      purchases: 1,
      netSpendMinor: spend,
      recencyDays: 40 - spend / 10,
    }));
    const scored = scoreMembers(members);
    // Spend 10 is rank 1 from the worst of 5: 1 + ⌊5·0/5⌋ = 1; spend 50 is rank 5: 1 + ⌊5·4/5⌋ = 5.
    expect(scored.map((m) => m.m)).toEqual([1, 2, 3, 4, 5]);
    expect(scored.map((m) => m.r)).toEqual([1, 2, 3, 4, 5]);
    // Everyone bought once: all share rank 1 from the fewest purchases, so all F = 1.
    expect(scored.map((m) => m.f)).toEqual([1, 1, 1, 1, 1]);
  });

  it('does not depend on the order members come in (property)', () => {
    const member = fc.record({
      purchases: fc.integer({ min: 0, max: 6 }),
      netSpendMinor: fc.integer({ min: -1000, max: 100_000 }),
      recencyDays: fc.integer({ min: 0, max: 400 }),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 40 }), (list) => {
        const members = list.map((m, i) => ({ ...m, memberId: `m${String(i).padStart(3, '0')}` }));
        const forward = scoreMembers(members);
        const backward = scoreMembers([...members].reverse());
        const byId = (xs: typeof forward) =>
          Object.fromEntries(xs.map((x) => [x.memberId, [x.r, x.f, x.m, x.segment]]));
        expect(byId(backward)).toEqual(byId(forward));
        expect(forward.every((m) => m.purchases >= 1)).toBe(true);
        expect(segmentCounts(forward).reduce((s, c) => s + c.count, 0)).toBe(forward.length);
      }),
    );
  });
});

describe('periods', () => {
  it('are the shop’s days: New York across the March 2025 clock change', () => {
    const bounds = periodBounds('2025-03-08', '2025-03-09', 'America/New_York');
    expect(bounds.startIso).toBe('2025-03-08T05:00:00.000Z');
    expect(bounds.endIso).toBe('2025-03-10T04:00:00.000Z');
    const days = periodDays(bounds, 'America/New_York');
    expect(days.map((d) => [d.date, d.startIso, d.endIso])).toEqual([
      ['2025-03-08', '2025-03-08T05:00:00.000Z', '2025-03-09T05:00:00.000Z'],
      ['2025-03-09', '2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z'],
    ]);
  });

  it('refuses to end before they start, or to run past 731 days', () => {
    const schema = z.object({ from: z.string(), to: z.string() }).superRefine(checkPeriod);
    expect(schema.safeParse({ from: '2025-01-02', to: '2025-01-01' }).success).toBe(false);
    expect(schema.safeParse({ from: '2024-01-01', to: '2025-12-31' }).success).toBe(true);
    expect(schema.safeParse({ from: '2024-01-01', to: '2026-01-01' }).success).toBe(false);
  });
});

describe('tier movement', () => {
  it('says up or down by the program’s order, and a vanished tier sorts last', () => {
    const levels = [
      { id: 'basic', name: 'Basic' },
      { id: 'silver', name: 'Silver' },
    ];
    expect(
      tierMoves(levels, [
        { fromTier: 'silver', toTier: 'basic', count: 2 },
        { fromTier: 'basic', toTier: 'silver', count: 3 },
        { fromTier: 'basic', toTier: 'basic', count: 9 },
      ]),
    ).toEqual({
      upgrades: 3,
      downgrades: 2,
      moves: [
        { fromTier: 'basic', toTier: 'silver', count: 3, direction: 'up' },
        { fromTier: 'silver', toTier: 'basic', count: 2, direction: 'down' },
      ],
    });
  });
});
