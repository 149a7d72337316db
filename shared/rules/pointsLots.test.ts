import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  pointsEntryKinds,
  replayLots,
  summarisePoints,
  type LotEntry,
  type LotEntryKind,
  type LotState,
} from './pointsLots';

/**
 * Worked examples of the points lots: which points a redemption spends, what is pending, what
 * expires, and where a shortfall becomes debt. Dates are 2025 unless written; times are noon UTC.
 */

let seq = 0;
function entry(
  kind: LotEntryKind,
  points: number,
  createdAt: string,
  more: Partial<LotEntry> = {},
): LotEntry {
  seq += 1;
  return {
    id: more.id ?? `e${seq}`,
    kind,
    points,
    createdAt: at(createdAt),
    availableAt: more.availableAt ? at(more.availableAt) : null,
    expiresAt: more.expiresAt ? at(more.expiresAt) : null,
    reversesId: more.reversesId ?? null,
    lotId: more.lotId ?? null,
  };
}

/** "03-05" → 2025-03-05T12:00:00.000Z; a full ISO string passes through. */
function at(date: string): string {
  if (date.includes('T')) return date;
  return `${date.length === 5 ? `2025-${date}` : date}T12:00:00.000Z`;
}

const remaining = (state: LotState) =>
  Object.fromEntries(state.lots.map((lot) => [lot.id, lot.remaining]));
const sum = (entries: LotEntry[]) => entries.reduce((s, e) => s + e.points, 0);
const remainingTotal = (state: LotState) => state.lots.reduce((s, l) => s + l.remaining, 0);

function expectInvariant(entries: LotEntry[]): LotState {
  const state = replayLots(entries);
  expect(sum(entries)).toBe(remainingTotal(state) - state.debt);
  return state;
}

describe('redemption spends oldest expiry first (FIFO by expiry)', () => {
  it('lots of 100 (expiring 06-01) and 50 (expiring 04-01): redeeming 120 takes 50 from April, then 70 from June', () => {
    const entries = [
      entry('earn', 100, '01-10', { id: 'june', expiresAt: '06-01' }),
      entry('earn', 50, '01-20', { id: 'april', expiresAt: '04-01' }),
      entry('redeem', -120, '03-01', { id: 'r' }),
    ];
    const state = expectInvariant(entries);
    expect(remaining(state)).toEqual({ june: 30, april: 0 });
    expect(state.consumedBy.get('r')).toEqual([
      { lotId: 'april', points: 50, expiresAt: at('04-01') },
      { lotId: 'june', points: 70, expiresAt: at('06-01') },
    ]);
    expect(state.debt).toBe(0);
  });

  it('the same expiry: the older lot first (10 from 01-01 before 10 from 01-02, both expiring 12-31)', () => {
    const state = expectInvariant([
      entry('earn', 10, '01-02', { id: 'newer', expiresAt: '12-31' }),
      entry('earn', 10, '01-01', { id: 'older', expiresAt: '12-31' }),
      entry('redeem', -15, '02-01'),
    ]);
    expect(remaining(state)).toEqual({ newer: 5, older: 0 });
  });

  it('lots that never expire are spent last: 40 never + 40 expiring 09-01, redeem 50 → 30 of the never lot left', () => {
    const state = expectInvariant([
      entry('adjust', 40, '01-01', { id: 'never' }),
      entry('earn', 40, '02-01', { id: 'sept', expiresAt: '09-01' }),
      entry('redeem', -50, '03-01'),
    ]);
    expect(remaining(state)).toEqual({ never: 30, sept: 0 });
  });
});

describe('pending points (return window) are not spendable', () => {
  const entries = [
    entry('earn', 100, '03-01', { id: 'pending', availableAt: '03-15', expiresAt: '2026-03-01' }),
    entry('earn', 30, '02-01', { id: 'old', expiresAt: '2026-02-01' }),
  ];

  it('on 03-10 the 100 earned on 03-01 (available 03-15) are pending; only 30 are available', () => {
    const summary = summarisePoints(replayLots(entries), at('03-10'));
    expect(summary).toMatchObject({ total: 130, available: 30, pending: 100, debt: 0 });
  });

  it('on 03-15 they become available: 130', () => {
    const summary = summarisePoints(replayLots(entries), at('03-15'));
    expect(summary).toMatchObject({ available: 130, pending: 0 });
  });

  it('a redemption of 50 on 03-10 takes the 30 available and leaves 20 as debt, never touching the pending lot', () => {
    const state = expectInvariant([...entries, entry('redeem', -50, '03-10')]);
    expect(remaining(state)).toEqual({ pending: 100, old: 0 });
    expect(state.debt).toBe(20);
  });

  it('a refund inside the window cancels the pending points: reverse_earn of 100 takes them from their own lot', () => {
    const state = expectInvariant([
      ...entries,
      entry('reverse_earn', -100, '03-05', { reversesId: 'pending' }),
    ]);
    expect(remaining(state)).toEqual({ pending: 0, old: 30 });
    expect(summarisePoints(state, at('03-20'))).toMatchObject({ available: 30, pending: 0 });
  });
});

describe('expiry', () => {
  it('an expired lot is not spendable before its expire entry is written: 100 expiring 03-01, redeem 60 on 03-02 → 60 debt; the lot is due to expire', () => {
    const entries = [
      entry('earn', 100, '2024-03-01', { id: 'lot', expiresAt: '03-01' }),
      entry('redeem', -60, '03-02'),
    ];
    const state = expectInvariant(entries);
    expect(remaining(state)).toEqual({ lot: 100 });
    expect(state.debt).toBe(60);
    expect(summarisePoints(state, at('03-02'))).toMatchObject({
      available: 0,
      debt: 60,
      dueToExpire: [{ lotId: 'lot', points: 100, expiresAt: at('03-01') }],
    });
  });

  it('expires at the instant: a lot expiring 03-01T12:00 is still spendable at 11:59:59 and not at 12:00', () => {
    const state = replayLots([entry('earn', 10, '01-01', { id: 'lot', expiresAt: '03-01' })]);
    expect(summarisePoints(state, '2025-03-01T11:59:59.999Z').available).toBe(10);
    expect(summarisePoints(state, at('03-01')).available).toBe(0);
  });

  it('an expire entry closes exactly the lot it names: lots A 50 and B 70, "expire B 70" leaves A 50, B 0', () => {
    const state = expectInvariant([
      entry('earn', 50, '01-01', { id: 'A', expiresAt: '02-01' }),
      entry('earn', 70, '01-02', { id: 'B', expiresAt: '02-01' }),
      entry('expire', -70, '02-02', { lotId: 'B' }),
    ]);
    expect(remaining(state)).toEqual({ A: 50, B: 0 });
    expect(state.lots.find((l) => l.id === 'B')?.expired).toBe(70);
    expect(summarisePoints(state, at('02-02')).dueToExpire).toEqual([
      { lotId: 'A', points: 50, expiresAt: at('02-01') },
    ]);
  });

  it('after the expire entries are written nothing more is due: expiring twice would change nothing', () => {
    const entries = [
      entry('earn', 50, '01-01', { id: 'A', expiresAt: '02-01' }),
      entry('redeem', -20, '01-15'),
      entry('expire', -30, '02-02', { lotId: 'A' }),
    ];
    const state = expectInvariant(entries);
    expect(summarisePoints(state, at('12-31'))).toMatchObject({
      total: 0,
      dueToExpire: [],
      available: 0,
    });
  });

  it('upcoming expiries are grouped by calendar date, soonest first: 10 + 5 on 04-01, 7 on 05-01', () => {
    const state = replayLots([
      entry('earn', 7, '01-03', { expiresAt: '05-01' }),
      entry('earn', 10, '01-01', { expiresAt: '04-01' }),
      entry('earn', 5, '01-02', { expiresAt: '2025-04-01T20:00:00.000Z' }),
      entry('adjust', 3, '01-04'),
    ]);
    expect(summarisePoints(state, at('03-01')).expiring).toEqual([
      { date: '2025-04-01', points: 15 },
      { date: '2025-05-01', points: 7 },
    ]);
  });
});

describe('reversals and debt', () => {
  it('reverse_earn takes from its own lot first: lots A 100 (expiring 04-01) and B 50 (the refunded sale’s), reversing 30 of B → A 100, B 20', () => {
    const state = expectInvariant([
      entry('earn', 100, '01-01', { id: 'A', expiresAt: '04-01' }),
      entry('earn', 50, '02-01', { id: 'B', expiresAt: '2026-02-01' }),
      entry('reverse_earn', -30, '02-02', { reversesId: 'B' }),
    ]);
    expect(remaining(state)).toEqual({ A: 100, B: 20 });
  });

  it('when its own lot was spent, reverse_earn takes the rest from the other lots by expiry: B 50 spent 40, reversing 50 → 10 from B, 40 from A', () => {
    const state = expectInvariant([
      entry('earn', 100, '01-01', { id: 'A', expiresAt: '2026-01-01' }),
      entry('earn', 50, '02-01', { id: 'B', expiresAt: '04-01' }),
      entry('redeem', -40, '02-05'),
      entry('reverse_earn', -50, '02-06', { reversesId: 'B' }),
    ]);
    expect(remaining(state)).toEqual({ A: 60, B: 0 });
    expect(state.debt).toBe(0);
  });

  it('with nothing left anywhere, the rest becomes debt: earn 100, redeem 100, reverse the earn → debt 100, total −100', () => {
    const state = expectInvariant([
      entry('earn', 100, '01-01', { id: 'A' }),
      entry('redeem', -100, '01-02'),
      entry('reverse_earn', -100, '01-03', { reversesId: 'A' }),
    ]);
    expect(state.debt).toBe(100);
    expect(summarisePoints(state, at('01-04'))).toMatchObject({
      total: -100,
      available: 0,
      debt: 100,
    });
  });

  it('debt is repaid by the next points earned: debt 80, then earn 100 → a lot of 20, total 20', () => {
    const state = expectInvariant([
      entry('adjust', -80, '01-01'),
      entry('earn', 100, '01-02', { id: 'next' }),
    ]);
    expect(state.debt).toBe(0);
    expect(remaining(state)).toEqual({ next: 20 });
    expect(summarisePoints(state, at('01-03'))).toMatchObject({ total: 20, available: 20 });
  });

  it('a returned redemption (reverse_redeem) also repays debt first: debt 30, +50 → 20 left', () => {
    const state = expectInvariant([
      entry('adjust', -30, '01-01'),
      entry('reverse_redeem', 50, '01-02', { id: 'back', reversesId: 'x' }),
    ]);
    expect(remaining(state)).toEqual({ back: 20 });
  });

  it('debt next to a pending lot: available = max(0, available − debt), the debt shown is what available cannot cover', () => {
    const state = replayLots([
      entry('earn', 100, '03-01', { availableAt: '03-15' }),
      entry('adjust', -40, '03-02'),
    ]);
    expect(summarisePoints(state, at('03-10'))).toMatchObject({
      total: 60,
      available: 0,
      pending: 100,
      debt: 40,
    });
    expect(summarisePoints(state, at('03-16'))).toMatchObject({
      total: 60,
      available: 60,
      pending: 0,
      debt: 0,
    });
  });
});

describe('addMonths: whole calendar months, clamped to the month’s last day', () => {
  it.each([
    ['2025-01-15 + 12 = 2026-01-15', '2025-01-15T04:00:00.000Z', 12, '2026-01-15T04:00:00.000Z'],
    [
      '2025-01-31 + 1 = 2025-02-28 (clamped)',
      '2025-01-31T10:00:00.000Z',
      1,
      '2025-02-28T10:00:00.000Z',
    ],
    [
      '2024-01-31 + 1 = 2024-02-29 (leap year)',
      '2024-01-31T10:00:00.000Z',
      1,
      '2024-02-29T10:00:00.000Z',
    ],
    ['2025-03-31 + 1 = 2025-04-30', '2025-03-31T00:00:00.000Z', 1, '2025-04-30T00:00:00.000Z'],
    ['2024-02-29 + 12 = 2025-02-28', '2024-02-29T23:59:59.999Z', 12, '2025-02-28T23:59:59.999Z'],
    ['2025-11-30 + 3 = 2026-02-28', '2025-11-30T12:00:00.000Z', 3, '2026-02-28T12:00:00.000Z'],
    ['+0 is the same instant', '2025-05-05T05:05:05.005Z', 0, '2025-05-05T05:05:05.005Z'],
  ])('%s', (_name, from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

describe('property: sum(entries) = Σ lot.remaining − debt, whatever the sequence', () => {
  const kinds: readonly LotEntryKind[] = pointsEntryKinds;
  it('holds after every entry, and spendable ≤ what the lots hold', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            points: fc.integer({ min: 1, max: 500 }),
            day: fc.integer({ min: 0, max: 400 }),
            pendingDays: fc.option(fc.integer({ min: 0, max: 30 })),
            expiryDays: fc.option(fc.integer({ min: 1, max: 365 })),
            target: fc.nat(40),
            negativeAdjust: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (steps) => {
          const entries: LotEntry[] = [];
          const base = Date.parse('2025-01-01T00:00:00Z');
          const dayIso = (d: number) => new Date(base + d * 86_400_000).toISOString();
          let day = 0;
          steps.forEach((s, i) => {
            day += s.day % 5;
            const positive =
              s.kind === 'earn' ||
              s.kind === 'reverse_redeem' ||
              s.kind === 'bonus' ||
              (s.kind === 'adjust' && !s.negativeAdjust);
            const target = entries[s.target % Math.max(entries.length, 1)];
            entries.push({
              id: `e${i}`,
              kind: s.kind,
              points: positive ? s.points : -s.points,
              createdAt: dayIso(day),
              availableAt: positive && s.pendingDays !== null ? dayIso(day + s.pendingDays) : null,
              expiresAt: positive && s.expiryDays !== null ? dayIso(day + s.expiryDays) : null,
              reversesId:
                s.kind === 'reverse_earn' || s.kind === 'reverse_redeem'
                  ? (target?.id ?? null)
                  : null,
              lotId: s.kind === 'expire' ? (target?.id ?? null) : null,
            });
            const state = replayLots(entries);
            expect(sum(entries)).toBe(remainingTotal(state) - state.debt);
            for (const lot of state.lots) {
              expect(lot.remaining).toBeGreaterThanOrEqual(0);
              expect(lot.remaining).toBeLessThanOrEqual(lot.original);
            }
            const summary = summarisePoints(state, dayIso(day));
            expect(summary.total).toBe(sum(entries));
            expect(summary.available + summary.pending).toBeLessThanOrEqual(remainingTotal(state));
            expect(summary.available).toBeGreaterThanOrEqual(0);
            expect(summary.debt).toBeGreaterThanOrEqual(0);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
