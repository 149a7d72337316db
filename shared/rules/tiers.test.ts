import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultProgram, type Program } from '../program';
import { addDays, lastReviewDate, reviewTier, tierById, tierFor, tierProgress } from './tiers';

/**
 * Worked examples of tiers under the default program: 普通 Basic from HK$0, 銀 Silver from
 * HK$3,000, 金 Gold from HK$10,000, 白金 Platinum from HK$30,000 of rolling 12-month spend;
 * yearly review on 01-01 with 30 days' grace.
 */

const levels = defaultProgram.tiers.levels;

function programWith(tiers: Partial<Program['tiers']>): Program {
  return { ...defaultProgram, tiers: { ...defaultProgram.tiers, ...tiers } };
}

describe('tierFor: the highest threshold reached', () => {
  it.each([
    ['HK$0 → 普通 Basic', 0, 'basic'],
    ['HK$2,999.99 → 普通 Basic (1 cent short of Silver)', 299_999, 'basic'],
    ['HK$3,000.00 → 銀 Silver (threshold reached exactly)', 300_000, 'silver'],
    ['HK$9,999.99 → 銀 Silver', 999_999, 'silver'],
    ['HK$10,000.00 → 金 Gold', 1_000_000, 'gold'],
    ['HK$30,000.00 → 白金 Platinum', 3_000_000, 'platinum'],
    ['HK$1,000,000 → 白金 Platinum (the top)', 100_000_000, 'platinum'],
  ])('%s', (_name, value, id) => {
    expect(tierFor(value, levels).id).toBe(id);
  });

  it('an unknown tier id falls back to the first tier (a tier removed from the program)', () => {
    expect(tierById('diamond', levels).id).toBe('basic');
    expect(tierById(null, levels).id).toBe('basic');
  });
});

describe('tierProgress: what the cashier sees', () => {
  it.each([
    ['Basic at HK$1,000 needs HK$2,000 more for Silver', 100_000, null, 'basic', 'silver', 200_000],
    [
      'Silver at HK$3,000 exactly needs HK$7,000 for Gold',
      300_000,
      'silver',
      'silver',
      'gold',
      700_000,
    ],
    [
      'Gold won earlier but only Silver now (HK$5,000): keeps Gold until the review, HK$25,000 to Platinum',
      500_000,
      'gold',
      'gold',
      'platinum',
      2_500_000,
    ],
    [
      'upgrade instantly: Basic on file but HK$12,000 qualifies Gold → Gold, HK$18,000 to Platinum',
      1_200_000,
      'basic',
      'gold',
      'platinum',
      1_800_000,
    ],
    ['Platinum has no next tier: 0 remaining', 5_000_000, 'platinum', 'platinum', null, 0],
  ])('%s', (_name, value, current, tier, next, remaining) => {
    const progress = tierProgress(value, current, defaultProgram);
    expect(progress.tier.id).toBe(tier);
    expect(progress.next?.id ?? null).toBe(next);
    expect(progress.remaining).toBe(remaining);
  });
});

describe('reviewTier: downgrade only at the review date, after the grace period', () => {
  // Gold since 2024-05-01, spending now only qualifies for Silver (HK$5,000).
  const silverValue = 500_000;
  it.each([
    ['on 2024-12-31, before the 2025-01-01 review: stays Gold', '2024-12-31', 'gold'],
    ['on 2025-01-01 (review day, grace running): stays Gold', '2025-01-01', 'gold'],
    ['on 2025-01-30 (day 29 of 30 days’ grace): stays Gold', '2025-01-30', 'gold'],
    ['on 2025-01-31 = 01-01 + 30 days: down to Silver', '2025-01-31', 'silver'],
    ['on 2025-06-01, long after: Silver', '2025-06-01', 'silver'],
  ])('%s', (_name, today, expected) => {
    expect(reviewTier(silverValue, 'gold', '2024-05-01', today, defaultProgram).id).toBe(expected);
  });

  it('downgrades to what the member qualifies for then, possibly several steps: Platinum with HK$100 → Basic', () => {
    expect(reviewTier(10_000, 'platinum', '2024-02-01', '2025-02-15', defaultProgram).id).toBe(
      'basic',
    );
  });

  it('a tier won after the last review is kept until the next one: Gold since 2025-02-10, on 2025-06-01 with Basic spend → Gold; on 2026-01-31 → Basic', () => {
    expect(reviewTier(0, 'gold', '2025-02-10', '2025-06-01', defaultProgram).id).toBe('gold');
    expect(reviewTier(0, 'gold', '2025-02-10', '2026-01-30', defaultProgram).id).toBe('gold');
    expect(reviewTier(0, 'gold', '2025-02-10', '2026-01-31', defaultProgram).id).toBe('basic');
  });

  it('a tier won on the review day itself is reviewed that year (won on 2025-01-01, grace ends 01-31)', () => {
    expect(reviewTier(0, 'gold', '2025-01-01', '2025-01-31', defaultProgram).id).toBe('basic');
  });

  it('upgrade instantly, review or not: Silver on file, Gold spend on 2025-01-15 → Gold', () => {
    expect(reviewTier(1_000_000, 'silver', '2024-03-01', '2025-01-15', defaultProgram).id).toBe(
      'gold',
    );
  });

  it('grace 0 with a review on 04-01: Gold since 2024-06-01 and Silver spend → Silver on 2025-04-01, Gold on 2025-03-31', () => {
    const program = programWith({ reviewDate: '04-01', graceDays: 0 });
    expect(reviewTier(silverValue, 'gold', '2024-06-01', '2025-03-31', program).id).toBe('gold');
    expect(reviewTier(silverValue, 'gold', '2024-06-01', '2025-04-01', program).id).toBe('silver');
  });

  it('keeping the qualifying spend keeps the tier: Gold with HK$10,000 → Gold', () => {
    expect(reviewTier(1_000_000, 'gold', '2023-01-01', '2025-06-01', defaultProgram).id).toBe(
      'gold',
    );
  });
});

describe('lastReviewDate and addDays', () => {
  it.each([
    ['review 01-01 on 2025-06-01 → 2025-01-01', '2025-06-01', '01-01', '2025-01-01'],
    ['review 01-01 on 2025-01-01 → that day', '2025-01-01', '01-01', '2025-01-01'],
    ['review 04-01 on 2025-03-31 → last year’s 2024-04-01', '2025-03-31', '04-01', '2024-04-01'],
    ['review 12-31 on 2025-12-30 → 2024-12-31', '2025-12-30', '12-31', '2024-12-31'],
  ])('%s', (_name, today, review, expected) => {
    expect(lastReviewDate(today, review)).toBe(expected);
  });

  it.each([
    ['2025-01-01 + 30 = 2025-01-31', '2025-01-01', 30, '2025-01-31'],
    ['2024-02-28 + 1 = 2024-02-29 (leap)', '2024-02-28', 1, '2024-02-29'],
    ['2025-02-28 + 1 = 2025-03-01', '2025-02-28', 1, '2025-03-01'],
    ['2025-12-31 + 1 = 2026-01-01', '2025-12-31', 1, '2026-01-01'],
    ['2025-03-01 − 1 = 2025-02-28', '2025-03-01', -1, '2025-02-28'],
  ])('addDays: %s', (_name, date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('properties', () => {
  const ids = levels.map((l) => l.id);
  const date = fc.integer({ min: 0, max: 3 * 365 }).map((d) => addDays('2024-01-01', d));

  it('the tier held after a review is never above both the tier held and the tier qualified for; and never below the qualified one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.constantFrom(...ids),
        date,
        date,
        (value, current, since, today) => {
          fc.pre(since <= today);
          const held = reviewTier(value, current, since, today, defaultProgram);
          const qualified = tierFor(value, levels);
          const was = tierById(current, levels);
          expect(held.threshold).toBeGreaterThanOrEqual(qualified.threshold);
          expect(held.threshold).toBeLessThanOrEqual(Math.max(was.threshold, qualified.threshold));
        },
      ),
    );
  });
});
