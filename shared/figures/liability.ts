import { divideScaled } from '../analytics/figures';
import { businessDayRange } from '../rules/businessDay';

/**
 * Points liability, defined once for the till's X and Z reports, its analytics and head office's
 * report and analytics:
 *
 * - The points a ledger's members hold at a cut-off: each member's balance from every entry made
 *   before the cut-off (a merged member's with the member it was merged into), counted at zero
 *   when negative (one member's debt is owed to the shop; it does not cancel what the shop owes
 *   the others). Pending points count: they are owed unless the sale is refunded.
 * - "Made" is when the entry happened at the till (the time of its sale, refund or operation),
 *   not when head office heard of it; head office's own entries (exception resolutions) count
 *   from when head office wrote them.
 * - Valued at the program's redemption rate: points × value ÷ points of one step, rounded to the
 *   minor unit half away from zero.
 * - The cut-off of a day is the end of the store's business day in the store's time zone, and
 *   is shown on the store's clock. An X report (the day so far) cuts off at the moment it is
 *   printed; a Z closed early at its close.
 */
export interface Redemption {
  points: number;
  valueMinor: number;
}

export interface Liability {
  /** Σ over members of max(balance at the cut-off, 0). */
  points: number;
  /** The rate it is valued at: `points` points are worth `valueMinor`. */
  redemption: Redemption;
  valueMinor: number;
  /** The cut-off, ISO UTC, exclusive: entries made before it count. */
  asOf: string;
  /** The store's time zone: the clock `asOf` is shown on. */
  timeZone: string;
}

/** The points members hold: each balance counted at zero when negative. */
export function heldPoints(balances: Iterable<number>): number {
  let held = 0;
  for (const balance of balances) if (balance > 0) held += balance;
  return held;
}

/** What points are worth: points × value ÷ points of one step, rounded half away from zero. */
export function liabilityMinor(points: number, redemption: Redemption): number {
  return Number(divideScaled(points, redemption.valueMinor, redemption.points));
}

export function liability(
  points: number,
  redemption: Redemption,
  asOf: string,
  timeZone: string,
): Liability {
  return {
    points,
    redemption: { points: redemption.points, valueMinor: redemption.valueMinor },
    valueMinor: liabilityMinor(points, redemption),
    asOf,
    timeZone,
  };
}

/** A business day's cut-off: the instant it ends in the store's zone (the next day's start). */
export function businessDayCutoff(day: string, timeZone: string, boundaryMinutes: number): string {
  return businessDayRange(day, timeZone, boundaryMinutes).endIso;
}
