/**
 * A campaign's points multiplier at the counter (issue 15 §3). Head office assigns members to a
 * campaign's arms and sends each treated member's multiplier offers to every terminal (the
 * offers stream); a holdout member has none, so the counter never gives it to them. On a sale
 * the best offer running that shop-local day multiplies the points on top of tier and promotion
 * (offers do not multiply each other, as promotions do not). Head office prices the sale again
 * with the offer the terminal names, after checking that the member was assigned to it.
 */
export interface MemberOffer {
  campaignId: string;
  variantId: string;
  /** For the cashier and the receipt. */
  campaignName: string;
  /** 200 = double points. */
  percent: number;
  /** Shop-local calendar dates, inclusive. */
  from: string;
  to: string;
}

/** Whether the offer runs on this shop-local date. */
export const offerRunsOn = (offer: Pick<MemberOffer, 'from' | 'to'>, date: string): boolean =>
  offer.from <= date && date <= offer.to;

/** The offer that applies to a sale on `date`: the highest percent, ties to the lowest campaign id. */
export function offerOn<T extends MemberOffer>(offers: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const offer of offers) {
    if (!offerRunsOn(offer, date)) continue;
    if (
      !best ||
      offer.percent > best.percent ||
      (offer.percent === best.percent && offer.campaignId < best.campaignId)
    )
      best = offer;
  }
  return best;
}

/** How a multiplier is named to people: 200 is "double", 300 "triple", anything else its percent. */
export const offerSize = (percent: number): 'double' | 'triple' | 'other' =>
  percent === 200 ? 'double' : percent === 300 ? 'triple' : 'other';
