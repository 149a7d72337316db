import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  boundaryText,
  businessDayOf,
  businessDayRange,
  isCalendarDate,
  shopHourOf,
} from './businessDay';

const at = (iso: string) => Date.parse(iso);

describe('businessDayOf', () => {
  it('with a 04:00 boundary, 02:30 on the 23rd belongs to the 22nd; 04:00 starts the 23rd', () => {
    // Hong Kong is UTC+8 all year: 02:30 local on the 23rd is 18:30 UTC on the 22nd.
    expect(businessDayOf(at('2025-03-22T18:30:00Z'), 'Asia/Hong_Kong', 240)).toBe('2025-03-22');
    expect(businessDayOf(at('2025-03-22T19:59:59Z'), 'Asia/Hong_Kong', 240)).toBe('2025-03-22');
    expect(businessDayOf(at('2025-03-22T20:00:00Z'), 'Asia/Hong_Kong', 240)).toBe('2025-03-23');
  });

  it('with a midnight boundary it is the shop’s calendar day, not UTC’s', () => {
    expect(businessDayOf(at('2025-12-31T16:00:00Z'), 'Asia/Hong_Kong', 0)).toBe('2026-01-01');
    expect(businessDayOf(at('2025-12-31T15:59:59Z'), 'Asia/Hong_Kong', 0)).toBe('2025-12-31');
  });
});

describe('businessDayRange', () => {
  it('Hong Kong, 04:00: [20:00 UTC the day before, 20:00 UTC that day)', () => {
    expect(businessDayRange('2025-03-22', 'Asia/Hong_Kong', 240)).toEqual({
      day: '2025-03-22',
      startIso: '2025-03-21T20:00:00.000Z',
      endIso: '2025-03-22T20:00:00.000Z',
    });
  });

  it('London, spring forward (30 March 2025, 01:00 → 02:00): a 23-hour day', () => {
    const r = businessDayRange('2025-03-30', 'Europe/London', 0);
    expect(r.startIso).toBe('2025-03-30T00:00:00.000Z');
    expect(r.endIso).toBe('2025-03-30T23:00:00.000Z');
  });

  it('London, fall back (26 October 2025): a 25-hour day; 04:00 boundary days are 24 h around it', () => {
    const r = businessDayRange('2025-10-26', 'Europe/London', 0);
    expect(r.startIso).toBe('2025-10-25T23:00:00.000Z');
    expect(r.endIso).toBe('2025-10-27T00:00:00.000Z');
    const four = businessDayRange('2025-10-25', 'Europe/London', 240);
    expect(four.startIso).toBe('2025-10-25T03:00:00.000Z');
    expect(four.endIso).toBe('2025-10-26T04:00:00.000Z');
  });

  it('New York, a boundary inside the spring-forward gap (02:30 on 9 March 2025) starts at 03:00 EDT', () => {
    const r = businessDayRange('2025-03-09', 'America/New_York', 150);
    // 02:30 does not exist that night; the first instant after the gap is 03:00 EDT = 07:00 UTC.
    expect(r.startIso).toBe('2025-03-09T07:00:00.000Z');
    expect(r.endIso).toBe('2025-03-10T06:30:00.000Z');
    expect(businessDayRange('2025-03-08', 'America/New_York', 150).endIso).toBe(r.startIso);
  });

  it('New York, a boundary inside the repeated hour (01:30 on 2 November 2025) starts at the first one', () => {
    const r = businessDayRange('2025-11-02', 'America/New_York', 90);
    expect(r.startIso).toBe('2025-11-02T05:30:00.000Z'); // 01:30 EDT, not 01:30 EST
    expect(r.endIso).toBe('2025-11-03T06:30:00.000Z');
  });

  it('every instant of a range belongs to its day, and consecutive days tile time (property)', () => {
    const zones = ['Europe/London', 'America/New_York', 'Asia/Hong_Kong', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
        (zone, boundary, ms) => {
          const day = businessDayOf(ms, zone, boundary);
          const range = businessDayRange(day, zone, boundary);
          expect(Date.parse(range.startIso)).toBeLessThanOrEqual(ms);
          expect(Date.parse(range.endIso)).toBeGreaterThan(ms);
          expect(businessDayRange(addCalendarDays(day, 1), zone, boundary).startIso).toBe(
            range.endIso,
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('helpers', () => {
  it('shopHourOf reads the shop’s wall clock', () => {
    expect(shopHourOf(at('2025-03-22T18:30:00Z'), 'Asia/Hong_Kong')).toBe(2);
    expect(shopHourOf(at('2025-07-01T12:00:00Z'), 'Europe/London')).toBe(13);
  });
  it('isCalendarDate refuses impossible dates; boundaryText shows HH:MM', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(boundaryText(240)).toBe('04:00');
    expect(boundaryText(1439)).toBe('23:59');
  });
});
