import { z } from 'zod';

/**
 * Sales tax (issue 16 §2). A store is one of:
 * - `none`: no sales tax (Hong Kong). Nothing is computed or shown.
 * - `inclusive`: shelf prices include tax (GST/VAT). The customer pays the price; the receipt
 *   says how much of it is tax.
 * - `exclusive`: tax is added at the till (US sales tax). The customer pays the price plus tax.
 *
 * The rules, in the order the till applies them:
 * 1. **Rate.** A catalogue item's rate is its tax class's, in basis points (800 = 8%), as head
 *    office sends it on the products stream; an item without a class, and an open item, take the
 *    store's default rate. Gift cards sold or topped up are stored value, never taxed.
 * 2. **Per line, after discounts.** Tax is worked out on each line's net (its amount less its share
 *    of coupon discounts), rounded half up to the minor unit once per line:
 *    - inclusive: tax = round(net × rate / (10,000 + rate)), part of the net;
 *    - exclusive: tax = round(net × rate / 10,000), added to the line.
 * 3. **What goods cost the customer** (their charge) is net + exclusive tax. Points and gift cards
 *    may pay it, tax included, up to the program's share cap.
 * 4. **The earn base is before tax.** Points are earned on the money that paid for goods, less the
 *    tax inside it: earn base = money for goods × goods before tax / goods' charge, rounded down.
 *    The same basket therefore earns the same points whatever the store's mode, and a store
 *    without tax earns exactly as before.
 * 5. **Refunds** return each line's tax with its units (cumulative shares rounded down, as the
 *    line's discount is), so refunding in parts returns exactly the tax the sale took.
 */
export const TAX_MODES = ['none', 'inclusive', 'exclusive'] as const;
export type TaxMode = (typeof TAX_MODES)[number];

/** Basis points: 10,000 = 100%. No real sales tax is above 100%. */
export const taxRate = z.number().int().min(0).max(10_000);

/** A store's tax setting, kept by the terminal (tax/storeTax.ts) and audited when changed. */
export const storeTax = z.strictObject({
  mode: z.enum(TAX_MODES),
  /** For open items and items whose class head office did not set. */
  defaultRateBasisPoints: taxRate,
});
export type StoreTax = z.infer<typeof storeTax>;

export const NO_TAX: StoreTax = { mode: 'none', defaultRateBasisPoints: 0 };

/** Rule 2: the tax of a line whose net is `netMinor`, at `rate` basis points. */
export function lineTax(netMinor: number, rate: number, mode: TaxMode): number {
  if (mode === 'none' || rate === 0 || netMinor === 0) return 0;
  const r = BigInt(rate);
  const numerator = BigInt(netMinor) * r;
  const denominator = mode === 'inclusive' ? 10_000n + r : 10_000n;
  // Half up, away from zero (a refund line's net is negative).
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = numerator * sign;
  return Number(sign * ((magnitude * 2n + denominator) / (denominator * 2n)));
}

/** What a line costs the customer: its net, plus its tax where tax is added at the till. */
export function lineCharge(netMinor: number, taxMinor: number, mode: TaxMode): number {
  return mode === 'exclusive' ? netMinor + taxMinor : netMinor;
}

/** A line's net before tax: what points are earned on (rule 4). */
export function lineBeforeTax(netMinor: number, taxMinor: number, mode: TaxMode): number {
  return mode === 'inclusive' ? netMinor - taxMinor : netMinor;
}

/**
 * Rule 4: the earn base of `moneyMinor` paid for goods that cost `goodsChargeMinor`, of which
 * `goodsBeforeTaxMinor` is before tax: money × before tax ÷ charge, rounded down (exact without
 * tax, where the two are equal). The checkout and refunds (cumulatively) both take it from here.
 */
export function earnBaseOf(
  moneyMinor: number,
  goodsBeforeTaxMinor: number,
  goodsChargeMinor: number,
): number {
  if (goodsChargeMinor === 0) return 0;
  return Number((BigInt(moneyMinor) * BigInt(goodsBeforeTaxMinor)) / BigInt(goodsChargeMinor));
}

/** Tax summed per rate, for receipts and reports: rates in ascending order, zero rates left out. */
export function taxByRate(
  lines: readonly { taxRateBasisPoints: number; taxMinor: number }[],
): { rateBasisPoints: number; taxMinor: number }[] {
  const sums = new Map<number, number>();
  for (const line of lines) {
    if (line.taxMinor === 0) continue;
    sums.set(line.taxRateBasisPoints, (sums.get(line.taxRateBasisPoints) ?? 0) + line.taxMinor);
  }
  return [...sums]
    .sort(([a], [b]) => a - b)
    .map(([rateBasisPoints, taxMinor]) => ({ rateBasisPoints, taxMinor }));
}
