/**
 * Point-redemption presets at the counter: a few round amounts (100, 500) and "max". A preset is
 * offered only where the program would take it as it is: on the program's step, at least its
 * minimum, and no more than the most this sale may use (the member's spendable balance, the share
 * of the sale points may pay and any offline limit, already folded into `maxPoints`).
 */
export const REDEEM_PRESET_POINTS = [100, 500] as const;

export interface RedeemPreset {
  points: number;
  /** The largest usable amount: the "max" button. */
  max: boolean;
}

export function redeemPresets(
  maxPoints: number,
  rules: { step: number; minimum: number },
  presets: readonly number[] = REDEEM_PRESET_POINTS,
): RedeemPreset[] {
  const step = Math.max(1, rules.step);
  const usable = Math.floor(Math.max(0, maxPoints) / step) * step;
  if (usable === 0 || usable < rules.minimum) return [];
  const offered: RedeemPreset[] = presets
    .filter((points) => points % step === 0 && points >= rules.minimum && points < usable)
    .map((points) => ({ points, max: false }));
  return [...offered, { points: usable, max: true }];
}
