import type { Program } from '../../../shared/program';
import { priceCheckout, promotionPercent } from '../../../shared/rules/checkout';

export interface TierEarnExample {
  tierId: string;
  tierName: string;
  points: number;
}

export interface ProgramExample {
  saleMinor: number;
  tiers: TierEarnExample[];
  /** The best promotion running today, in percent; 100 when none. */
  promotionToday: number;
}

/**
 * What the program does to one sample sale at each tier, computed by the same pure checkout
 * rules the core prices real sales with, so the preview cannot drift from what a sale earns.
 */
export function programExample(
  program: Program,
  saleMinor: number,
  today: { date: string; weekday: number },
): ProgramExample {
  const tiers = program.tiers.levels.map((tier) => {
    const priced = priceCheckout({
      program,
      date: today.date,
      weekday: today.weekday,
      lines: [
        {
          description: 'sample',
          quantity: 1,
          unitPriceMinor: saleMinor,
          sku: null,
          category: null,
          kind: 'goods',
        },
      ],
      member: { availablePoints: 0, tierPercent: tier.earnPercent },
      coupons: [],
      redeemPoints: 0,
      giftCardPayments: [],
    });
    return { tierId: tier.id, tierName: tier.name, points: priced.pointsEarned };
  });
  return {
    saleMinor,
    tiers,
    promotionToday: promotionPercent(program, today.date, today.weekday),
  };
}
