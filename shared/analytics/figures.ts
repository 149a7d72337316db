import { z } from 'zod';

/**
 * The figures' arithmetic, shared by the terminal and head office so both say the same thing.
 * Queries return integer sums and counts; everything derived from them is computed here with
 * integers (BigInt where a product could pass 2^53), never floats.
 */

/**
 * n ÷ d rounded to the nearest integer, halves away from zero (so 2.5 → 3 and −2.5 → −3): the
 * rounding a shopkeeper does by hand. d must be positive.
 */
export function divideRounded(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d <= 0) {
    throw new RangeError(`divideRounded needs integers and d > 0, got ${n} / ${d}`);
  }
  const big = BigInt(Math.abs(n));
  const q = (2n * big + BigInt(d)) / (2n * BigInt(d));
  return n < 0 ? -Number(q) : Number(q);
}

/** A share: its parts, and basis points (1 bp = 0.01 %), null when there is nothing to divide by. */
export const ratioFigure = z.strictObject({
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** numerator × 10 000 ÷ denominator, rounded half away from zero; null when denominator ≤ 0. */
  basisPoints: z.number().int().nullable(),
});
export type Ratio = z.infer<typeof ratioFigure>;

export function ratio(numerator: number, denominator: number): Ratio {
  return {
    numerator,
    denominator,
    basisPoints: denominator > 0 ? Number(divideScaled(numerator, 10_000, denominator)) : null,
  };
}

/** n × scale ÷ d rounded half away from zero, in BigInt: n × 10 000 can pass 2^53. */
export function divideScaled(n: number, scale: number, d: number): bigint {
  const num = BigInt(Math.abs(n)) * BigInt(scale);
  const q = (2n * num + BigInt(d)) / (2n * BigInt(d));
  return n < 0 ? -q : q;
}

/**
 * Average ticket: net sales ÷ number of sales, in integer minor units, rounded half away from
 * zero. Net sales are shared/figures's: the goods on the tickets (after discounts, whatever paid
 * them: money, points or gift cards, gift cards sold left out) less refunds given in the period;
 * the count is sales only, a refund is not a ticket.
 */
export const averageTicketFigure = z.strictObject({
  netSalesMinor: z.number().int(),
  sales: z.number().int(),
  /** null when there were no sales. */
  averageMinor: z.number().int().nullable(),
});
export type AverageTicket = z.infer<typeof averageTicketFigure>;

export function averageTicket(netSalesMinor: number, sales: number): AverageTicket {
  return {
    netSalesMinor,
    sales,
    averageMinor: sales > 0 ? divideRounded(netSalesMinor, sales) : null,
  };
}

/**
 * Repeat purchase rate: members with two or more purchases in the period ÷ members with at least
 * one. A purchase is a sale (not a refund); a refunded sale still counts as a visit.
 */
export function repeatPurchaseRate(purchasesPerMember: readonly number[]): Ratio {
  const buyers = purchasesPerMember.filter((n) => n >= 1).length;
  const repeaters = purchasesPerMember.filter((n) => n >= 2).length;
  return ratio(repeaters, buyers);
}

/** How many members make "the top 20 %": a fifth of the buyers, rounded up (1 of 1–5, 2 of 6–10). */
export function topFifthCount(buyers: number): number {
  return Math.ceil(buyers / 5);
}

export const topShareFigure = ratioFigure.extend({
  /** Members counted as the top fifth. */
  topMembers: z.number().int(),
  /** Members with at least one purchase in the period. */
  buyers: z.number().int(),
});
export type TopShare = z.infer<typeof topShareFigure>;

/**
 * Share of member revenue from the top 20 % of buying members by net spend: the top fifth's net
 * spend ÷ all members' net sales in the period (refunds included, also those of members who did
 * not buy in the period). Ties at the boundary are broken by member id, so it is repeatable.
 */
export function topShare(
  buyersBySpend: readonly { memberId: string; netSpendMinor: number }[],
  memberNetSalesMinor: number,
): TopShare {
  const ordered = [...buyersBySpend].sort(bySpendThenId);
  const topMembers = topFifthCount(ordered.length);
  const topSpend = ordered.slice(0, topMembers).reduce((sum, m) => sum + m.netSpendMinor, 0);
  return { ...ratio(topSpend, memberNetSalesMinor), topMembers, buyers: ordered.length };
}

/** Highest spend first; equal spend by member id ascending. */
export function bySpendThenId(
  a: { memberId: string; netSpendMinor: number },
  b: { memberId: string; netSpendMinor: number },
): number {
  if (a.netSpendMinor !== b.netSpendMinor) return b.netSpendMinor - a.netSpendMinor;
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

/** Coupons of a campaign issued in the period, and how many of them were redeemed (net of returns) by its end. */
export const campaignRedemptionFigure = z.strictObject({
  campaignId: z.string(),
  issued: z.number().int(),
  redeemed: z.number().int(),
  rate: ratioFigure,
});
export type CampaignRedemption = z.infer<typeof campaignRedemptionFigure>;

export function campaignRedemption(
  campaignId: string,
  issued: number,
  redeemed: number,
): CampaignRedemption {
  return { campaignId, issued, redeemed, rate: ratio(redeemed, issued) };
}
