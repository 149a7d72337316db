import { describe, expect, it } from 'vitest';
import { shopDay, shopDayStartIso } from './shopTime';

describe('shopDayStartIso: when the shop’s calendar day begins, in UTC', () => {
  it.each([
    [
      'Hong Kong (UTC+8): 2026-01-01 starts 2025-12-31T16:00Z',
      '2026-01-01',
      'Asia/Hong_Kong',
      '2025-12-31T16:00:00.000Z',
    ],
    ['UTC: midnight itself', '2025-06-01', 'UTC', '2025-06-01T00:00:00.000Z'],
    [
      'London on the spring-forward day (still GMT at midnight)',
      '2025-03-30',
      'Europe/London',
      '2025-03-30T00:00:00.000Z',
    ],
    ['London in summer (BST, UTC+1)', '2025-07-01', 'Europe/London', '2025-06-30T23:00:00.000Z'],
    [
      'New York on the fall-back day (EDT at midnight, UTC−4)',
      '2025-11-02',
      'America/New_York',
      '2025-11-02T04:00:00.000Z',
    ],
    [
      'New York the day after (EST, UTC−5)',
      '2025-11-03',
      'America/New_York',
      '2025-11-03T05:00:00.000Z',
    ],
    ['Kathmandu (UTC+5:45)', '2025-01-01', 'Asia/Kathmandu', '2024-12-31T18:15:00.000Z'],
  ])('%s', (_name, date, zone, expected) => {
    const start = shopDayStartIso(date, zone);
    expect(start).toBe(expected);
    // It is that day in the shop at the instant, and the day before one millisecond earlier.
    expect(shopDay(Date.parse(start), zone).date).toBe(date);
    expect(shopDay(Date.parse(start) - 1, zone).date).not.toBe(date);
  });
});
