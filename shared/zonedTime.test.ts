import { describe, expect, it } from 'vitest';
import { shopClock } from './reports/reportTables';
import { isTimeZone, zonedDate, zonedDayStartIso, zoneOffsetMs } from './zonedTime';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('zone arithmetic', () => {
  it('reads the wall clock: Hong Kong is a day ahead late in the UTC evening', () => {
    expect(zonedDate(at('2025-12-31T16:00:00.000Z'), 'Asia/Hong_Kong')).toBe('2026-01-01');
    expect(zonedDate(at('2025-12-31T15:59:59.999Z'), 'Asia/Hong_Kong')).toBe('2025-12-31');
    expect(zoneOffsetMs(at('2025-07-01T00:00:00.000Z'), 'Asia/Hong_Kong')).toBe(8 * HOUR);
  });

  it('follows daylight saving in London and New York', () => {
    expect(zoneOffsetMs(at('2025-03-30T00:59:59.000Z'), 'Europe/London')).toBe(0);
    expect(zoneOffsetMs(at('2025-03-30T01:00:00.000Z'), 'Europe/London')).toBe(HOUR);
    expect(zoneOffsetMs(at('2025-11-02T05:59:59.000Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(at('2025-11-02T06:00:00.000Z'), 'America/New_York')).toBe(-5 * HOUR);
  });

  it('starts a day at local midnight, on nights the clocks change too', () => {
    expect(zonedDayStartIso('2026-01-01', 'Asia/Hong_Kong')).toBe('2025-12-31T16:00:00.000Z');
    expect(zonedDayStartIso('2025-03-30', 'Europe/London')).toBe('2025-03-30T00:00:00.000Z');
    expect(zonedDayStartIso('2025-03-31', 'Europe/London')).toBe('2025-03-30T23:00:00.000Z');
    expect(zonedDayStartIso('2025-11-02', 'America/New_York')).toBe('2025-11-02T04:00:00.000Z');
    expect(zonedDayStartIso('2025-11-03', 'America/New_York')).toBe('2025-11-03T05:00:00.000Z');
  });

  it('writes report times on the shop clock, midnight as 00', () => {
    expect(shopClock('2025-12-31T16:00:00.000Z', 'Asia/Hong_Kong')).toBe('2026-01-01 00:00');
    expect(shopClock('2025-11-02T05:30:00.000Z', 'America/New_York')).toBe('2025-11-02 01:30');
    expect(shopClock('2025-11-02T06:30:00.000Z', 'America/New_York')).toBe('2025-11-02 01:30');
    expect(shopClock('2025-06-14T11:05:59.000Z', 'Europe/London')).toBe('2025-06-14 12:05');
  });

  it('knows real zones only', () => {
    expect(isTimeZone('Asia/Hong_Kong')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
