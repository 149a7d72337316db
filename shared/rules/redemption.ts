/**
 * Points ↔ money at the program's redemption rate (`points` points are worth `valueMinor`).
 * Every conversion names its rounding, in exact integers (BigInt: a balance × rate can pass 2^53):
 * - what points are worth to the member (a refund's points, a liability) rounds down, so the
 *   shop never owes more than the points were worth;
 * - points owed for money (a debt, a charge-back) round up, so a debt is never understated.
 */
export interface RedemptionRate {
  points: number;
  valueMinor: number;
}

/** What `points` are worth, rounded down. */
export function pointsValueFloor(points: number, rate: RedemptionRate): number {
  if (rate.points <= 0) return 0;
  const value = (BigInt(points) * BigInt(rate.valueMinor)) / BigInt(rate.points);
  // BigInt division truncates toward zero; a negative amount must still round down.
  const exact = BigInt(points) * BigInt(rate.valueMinor) === value * BigInt(rate.points);
  return Number(points < 0 && !exact ? value - 1n : value);
}

/** What `points` are worth, rounded up: money kept back for points the member cannot return. */
export function pointsValueCeil(points: number, rate: RedemptionRate): number {
  return -pointsValueFloor(-points, rate);
}

/** Points worth at least `minor` (rounded up): a money loss turned into a points debt. */
export function pointsForValueCeil(minor: number, rate: RedemptionRate): number {
  if (rate.valueMinor <= 0) return 0;
  const n = BigInt(minor) * BigInt(rate.points);
  const d = BigInt(rate.valueMinor);
  const q = n / d;
  return Number(n % d > 0n ? q + 1n : q);
}
