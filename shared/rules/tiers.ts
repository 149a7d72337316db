import type { Program, Tier } from '../program';

/** The highest tier whose threshold the qualifying value reaches. Levels ascend from 0. */
export function tierFor(value: number, levels: readonly Tier[]): Tier {
  let reached = levels[0];
  for (const level of levels) if (value >= level.threshold) reached = level;
  if (!reached) throw new Error('a program has at least one tier');
  return reached;
}

export function tierById(id: string | null, levels: readonly Tier[]): Tier {
  return levels.find((l) => l.id === id) ?? (levels[0] as Tier);
}

export interface TierProgress {
  tier: Tier;
  next: Tier | null;
  /** What is still needed to reach `next`: minor units or points, by qualification. */
  remaining: number;
}

/**
 * Upgrades happen the moment the value crosses a threshold; a member keeps a higher tier they
 * already hold until the yearly review (see reviewTier), so `current` wins when it is higher.
 */
export function tierProgress(
  value: number,
  currentId: string | null,
  program: Program,
): TierProgress {
  const levels = program.tiers.levels;
  const qualified = tierFor(value, levels);
  const current = tierById(currentId, levels);
  const tier = current.threshold > qualified.threshold ? current : qualified;
  const next = levels.find((l) => l.threshold > tier.threshold) ?? null;
  return { tier, next, remaining: next ? Math.max(0, next.threshold - value) : 0 };
}

/** The review date on or before `today` ("YYYY-MM-DD"), for a yearly "MM-DD". */
export function lastReviewDate(today: string, reviewDate: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-${reviewDate}`;
  return thisYear <= today ? thisYear : `${year - 1}-${reviewDate}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Downgrade: evaluated at the review date, effective once the grace period after it has passed,
 * to the tier the member qualifies for at that moment. Returns the tier to hold now.
 */
export function reviewTier(
  value: number,
  currentId: string | null,
  tierSince: string,
  today: string,
  program: Program,
): Tier {
  const levels = program.tiers.levels;
  const current = tierById(currentId, levels);
  const qualified = tierFor(value, levels);
  if (qualified.threshold >= current.threshold) return qualified;
  const review = lastReviewDate(today, program.tiers.reviewDate);
  // A tier won after the last review is kept until the next one.
  if (tierSince > review) return current;
  return today >= addDays(review, program.tiers.graceDays) ? qualified : current;
}
