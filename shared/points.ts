/**
 * Points rules. Points are integers; every division here is written out with its rounding.
 *
 * - Earned points are floored: floor(netPaid * earnPoints / earnSpendMinor).
 *   The earn base is what the customer paid with money, i.e. the total less the points' value.
 * - Redemption converts exactly: redeemPoints points are worth redeemValueMinor minor units,
 *   so points must come in whole steps of redeemPoints / gcd(redeemPoints, redeemValueMinor).
 */
export interface EarnRule {
  /** Points given for each `earnSpendMinor` of money paid. */
  earnPoints: number;
  earnSpendMinor: number;
}

export interface RedeemRule {
  redeemPoints: number;
  redeemValueMinor: number;
}

export type PointsRule = EarnRule & RedeemRule;

export function pointsEarned(netPaidMinor: number, rule: EarnRule): number {
  if (netPaidMinor <= 0) return 0;
  return Math.floor((netPaidMinor * rule.earnPoints) / rule.earnSpendMinor);
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** The smallest number of points that converts to a whole number of minor units. */
export function redeemStep(rule: RedeemRule): number {
  return rule.redeemPoints / gcd(rule.redeemPoints, rule.redeemValueMinor);
}

/** Value of `points` in minor units, or null when the points are not a whole number of steps. */
export function redemptionValue(points: number, rule: RedeemRule): number | null {
  if (!Number.isSafeInteger(points) || points < 0) return null;
  if (points % redeemStep(rule) !== 0) return null;
  return (points * rule.redeemValueMinor) / rule.redeemPoints;
}

/** Most points a member may spend on a sale: within the balance and not beyond the total. */
export function maxRedeemablePoints(balance: number, totalMinor: number, rule: RedeemRule): number {
  const step = redeemStep(rule);
  const coveringTotal = Math.floor((totalMinor * rule.redeemPoints) / rule.redeemValueMinor);
  const cap = Math.min(Math.max(balance, 0), coveringTotal);
  return cap - (cap % step);
}

export const defaultPointsRule: PointsRule = {
  earnPoints: 1,
  earnSpendMinor: 100,
  redeemPoints: 100,
  redeemValueMinor: 500,
};
