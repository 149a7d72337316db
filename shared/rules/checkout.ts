import type { Campaign, Program, RoundingMode } from '../program';
import { DomainError } from '../result';
import { pointsValueFloor } from './redemption';
import { earnBaseOf, lineBeforeTax, lineCharge, lineTax, type TaxMode } from './tax';

/**
 * Prices a basket under the loyalty program. Pure: the terminal gathers the facts (the member's
 * spendable points and tier, coupon campaigns, gift-card balances) and this decides the numbers.
 *
 * Order: line amounts → coupon discounts (allocated back to lines) → tax per line (rules/tax.ts)
 * → points → gift cards → money. Points and gift cards pay only for goods (tax included), never
 * for gift cards being sold.
 * Earned points = round(Σ lineShareOfMoney × lineBeforeTax/lineCharge × lineMultiplier × tier ×
 * promotion × campaign offer × rate), rounded once at the end by the program's rounding mode
 * (floor unless configured), in exact integers.
 */
export type LineKind = 'goods' | 'gift_card' | 'gift_card_topup';

export interface CheckoutLine {
  description: string;
  quantity: number;
  unitPriceMinor: number;
  sku: string | null;
  category: string | null;
  kind: LineKind;
  /** The line's tax rate in basis points (rules/tax.ts); 0 or absent: untaxed. */
  taxRateBasisPoints?: number | undefined;
}

export interface CheckoutCoupon {
  code: string;
  campaign: Campaign;
}

export interface CheckoutFacts {
  program: Program;
  /** Shop-local calendar date "YYYY-MM-DD" and ISO weekday 1..7, for promotions. */
  date: string;
  weekday: number;
  lines: CheckoutLine[];
  /**
   * `offerPercent`: a campaign's points multiplier running for this member today (200 = double;
   * shared/rules/campaignOffer.ts); absent or 100 when none.
   */
  member: { availablePoints: number; tierPercent: number; offerPercent?: number } | null;
  coupons: CheckoutCoupon[];
  redeemPoints: number;
  giftCardPayments: { code: string; amountMinor: number; balanceMinor: number }[];
  /** The store's tax mode (rules/tax.ts); absent: none. */
  taxMode?: TaxMode | undefined;
}

export interface PricedLine extends CheckoutLine {
  lineNo: number;
  amountMinor: number;
  discountMinor: number;
  netMinor: number;
  /** Line multiplier in percent (product or category rule; 0 = excluded). */
  earnPercent: number;
  /** This line's share of the points earned (sums exactly to pointsEarned). */
  pointsEarned: number;
  taxRateBasisPoints: number;
  /** The line's tax: inside netMinor when inclusive, on top of it when exclusive. */
  taxMinor: number;
}

export interface PricedCheckout {
  lines: PricedLine[];
  subtotalMinor: number;
  discountMinor: number;
  /** Subtotal − discounts, plus tax where the store adds it at the till. */
  totalMinor: number;
  goodsNetMinor: number;
  /** What the goods cost the customer: their net plus exclusive tax (what points and cards pay). */
  goodsChargeMinor: number;
  taxMode: TaxMode;
  /** All the sale's tax (included in or added to the total, by `taxMode`). */
  taxMinor: number;
  couponDiscounts: { code: string; discountMinor: number }[];
  pointsRedeemed: number;
  redeemValueMinor: number;
  giftCardMinor: number;
  /** Paid with money: what is left after points and gift cards. */
  paidMinor: number;
  /** The money that paid for goods, less the tax inside it: the earn base (rules/tax.ts, rule 4). */
  earnBaseMinor: number;
  promotionPercent: number;
  tierPercent: number;
  /** The campaign multiplier applied (100 = none). */
  offerPercent: number;
  pointsEarned: number;
  maxRedeemablePoints: number;
  redeemStep: number;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

export function redeemStepOf(program: Program): number {
  const { points, valueMinor } = program.redemption;
  return points / gcd(points, valueMinor);
}

function roundDivide(numerator: bigint, denominator: bigint, mode: RoundingMode): number {
  if (denominator === 0n) return 0;
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  let result = quotient;
  if (remainder !== 0n) {
    if (mode === 'ceil') result += 1n;
    if (mode === 'round' && remainder * 2n >= denominator) result += 1n;
  }
  return Number(result);
}

/** Splits `total` over `weights` in proportion, exactly (largest remainder). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (BigInt(total) * BigInt(w)) / BigInt(sum));
  const shares = exact.map(Number);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, rem: Number((BigInt(total) * BigInt(w)) % BigInt(sum)) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

function matches(line: CheckoutLine, target: string | null): boolean {
  if (line.kind !== 'goods') return false;
  return target === null || line.sku === target || line.category === target;
}

export function lineEarnPercent(line: CheckoutLine, program: Program): number {
  if (line.kind !== 'goods') return 0;
  const rules = program.earn.multipliers;
  const bySku = line.sku ? rules.find((r) => r.match === line.sku) : undefined;
  if (bySku) return bySku.percent;
  const byCategory = line.category ? rules.find((r) => r.match === line.category) : undefined;
  return byCategory ? byCategory.percent : 100;
}

/** The best promotion running on this date and weekday (promotions do not multiply each other). */
export function promotionPercent(program: Program, date: string, weekday: number): number {
  let best = 100;
  for (const p of program.earn.promotions) {
    if (p.from && date < p.from) continue;
    if (p.to && date > p.to) continue;
    if (p.weekdays.length > 0 && !p.weekdays.includes(weekday)) continue;
    best = Math.max(best, p.percent);
  }
  return best;
}

/** Discount one coupon gives on the current net amounts of the lines. */
function couponDiscount(campaign: Campaign, lines: PricedLine[]): number[] {
  const eligible = lines.map((line) => (matches(line, campaign.appliesTo) ? line.netMinor : 0));
  const eligibleTotal = eligible.reduce((a, b) => a + b, 0);
  let discount: number;
  switch (campaign.kind) {
    case 'percent':
      discount = Math.floor((eligibleTotal * (campaign.percentOff ?? 0)) / 100);
      break;
    case 'amount':
      discount = Math.min(campaign.amountOffMinor ?? 0, eligibleTotal);
      break;
    case 'free_item': {
      const prices = lines
        .filter((l) => matches(l, campaign.appliesTo))
        .map((l) => l.unitPriceMinor);
      discount = prices.length ? Math.min(eligibleTotal, Math.min(...prices)) : 0;
      break;
    }
    case 'buy_x_get_y': {
      const x = campaign.buyQuantity ?? 1;
      const y = campaign.getQuantity ?? 1;
      const units = lines
        .filter((l) => matches(l, campaign.appliesTo))
        .flatMap((l) => Array<number>(l.quantity).fill(l.unitPriceMinor))
        .sort((a, b) => b - a);
      const free = Math.floor(units.length / (x + y)) * y;
      discount = Math.min(
        eligibleTotal,
        units.slice(units.length - free).reduce((a, b) => a + b, 0),
      );
      break;
    }
    default: {
      const never: never = campaign.kind;
      return never;
    }
  }
  return allocate(discount, eligible);
}

export function priceCheckout(facts: CheckoutFacts): PricedCheckout {
  const { program } = facts;
  const lines: PricedLine[] = facts.lines.map((line, index) => {
    const amountMinor = line.quantity * line.unitPriceMinor;
    return {
      ...line,
      lineNo: index + 1,
      amountMinor,
      discountMinor: 0,
      netMinor: amountMinor,
      earnPercent: lineEarnPercent(line, program),
      pointsEarned: 0,
      // Only goods are taxed, and only in a store with tax.
      taxRateBasisPoints:
        line.kind === 'goods' && (facts.taxMode ?? 'none') !== 'none'
          ? (line.taxRateBasisPoints ?? 0)
          : 0,
      taxMinor: 0,
    };
  });
  const subtotalMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const goodsSubtotal = lines
    .filter((l) => l.kind === 'goods')
    .reduce((s, l) => s + l.amountMinor, 0);

  // Coupons: each checked against the basket, then applied in turn to what is left.
  if (facts.coupons.length > 1 && facts.coupons.some((c) => !c.campaign.stackable)) {
    const lone = facts.coupons.find((c) => !c.campaign.stackable);
    throw new DomainError('coupon_not_stackable', 'This coupon cannot be combined with others.', {
      field: 'couponCodes',
      details: { code: lone?.code ?? '' },
    });
  }
  const couponDiscounts: PricedCheckout['couponDiscounts'] = [];
  for (const coupon of facts.coupons) {
    if (goodsSubtotal < coupon.campaign.minimumBasketMinor) {
      throw new DomainError('coupon_below_minimum', 'The basket is under this coupon’s minimum.', {
        field: 'couponCodes',
        details: { code: coupon.code, minimum: coupon.campaign.minimumBasketMinor },
      });
    }
    const shares = couponDiscount(coupon.campaign, lines);
    shares.forEach((share, i) => {
      const line = lines[i] as PricedLine;
      line.discountMinor += share;
      line.netMinor -= share;
    });
    couponDiscounts.push({ code: coupon.code, discountMinor: shares.reduce((a, b) => a + b, 0) });
  }
  const discountMinor = couponDiscounts.reduce((s, c) => s + c.discountMinor, 0);

  // Tax on each line's net after discounts; gift cards carry a rate of 0.
  const taxMode = facts.taxMode ?? 'none';
  for (const line of lines)
    line.taxMinor = lineTax(line.netMinor, line.taxRateBasisPoints, taxMode);
  const taxMinor = lines.reduce((s, l) => s + l.taxMinor, 0);
  const totalMinor = subtotalMinor - discountMinor + (taxMode === 'exclusive' ? taxMinor : 0);
  const goods = lines.filter((l) => l.kind === 'goods');
  const goodsNetMinor = goods.reduce((s, l) => s + l.netMinor, 0);
  const goodsChargeMinor = goods.reduce(
    (s, l) => s + lineCharge(l.netMinor, l.taxMinor, taxMode),
    0,
  );
  // Gift-card lines carry no tax: before tax they are their net, and they earn nothing.
  const beforeTax = lines.map((l) => lineBeforeTax(l.netMinor, l.taxMinor, taxMode));
  const goodsBeforeTaxMinor = lines.reduce(
    (s, l, i) => (l.kind === 'goods' ? s + (beforeTax[i] ?? 0) : s),
    0,
  );

  // Points pay part of the goods: in whole steps, above the minimum, within the share cap.
  const { redemption } = program;
  const step = redeemStepOf(program);
  const shareCapMinor = Math.floor((goodsChargeMinor * redemption.maxSharePercent) / 100);
  // In BigInt: cap × rate can pass 2^53, where a float product rounds the floor the wrong way.
  const capPoints = Number(
    (BigInt(shareCapMinor) * BigInt(redemption.points)) / BigInt(redemption.valueMinor),
  );
  const balance = facts.member?.availablePoints ?? 0;
  let maxRedeemable = Math.min(Math.max(balance, 0), capPoints);
  maxRedeemable -= maxRedeemable % step;
  if (maxRedeemable < redemption.minimumPoints) maxRedeemable = 0;

  const pointsRedeemed = facts.redeemPoints;
  let redeemValueMinor = 0;
  if (pointsRedeemed > 0) {
    if (!facts.member) {
      throw new DomainError('member_required', 'Attach a member before redeeming points.', {
        field: 'redeemPoints',
      });
    }
    if (pointsRedeemed % step !== 0) {
      throw new DomainError('redeem_step', `Points are redeemed in steps of ${step}.`, {
        field: 'redeemPoints',
        details: { step },
      });
    }
    if (pointsRedeemed < redemption.minimumPoints) {
      throw new DomainError('redeem_minimum', 'Fewer points than the minimum redemption.', {
        field: 'redeemPoints',
        details: { minimum: redemption.minimumPoints },
      });
    }
    if (pointsRedeemed > balance) {
      throw new DomainError('insufficient_points', 'The member does not have that many points.', {
        field: 'redeemPoints',
        details: { balance },
      });
    }
    // Exact: points are redeemed in whole steps of the rate.
    redeemValueMinor = pointsValueFloor(pointsRedeemed, redemption);
    if (redeemValueMinor > shareCapMinor) {
      throw new DomainError('redeem_exceeds_total', 'Points cannot pay that much of this sale.', {
        field: 'redeemPoints',
        details: { max: maxRedeemable },
      });
    }
  }

  // Gift cards pay what is left of the goods.
  let giftCardMinor = 0;
  for (const payment of facts.giftCardPayments) {
    if (payment.amountMinor > payment.balanceMinor) {
      throw new DomainError('gift_card_insufficient', 'The gift card does not hold that much.', {
        field: 'giftCardPayments',
        details: { code: payment.code, balance: payment.balanceMinor },
      });
    }
    giftCardMinor += payment.amountMinor;
  }
  if (giftCardMinor > goodsChargeMinor - redeemValueMinor) {
    throw new DomainError('gift_card_exceeds_total', 'Gift cards cannot pay more than the goods.', {
      field: 'giftCardPayments',
      details: { max: goodsChargeMinor - redeemValueMinor },
    });
  }

  const paidMinor = totalMinor - redeemValueMinor - giftCardMinor;
  // Rule 4 of rules/tax.ts: the money for goods, less the tax inside it (exact without tax).
  const goodsMoneyMinor = goodsChargeMinor - redeemValueMinor - giftCardMinor;
  const earnBaseMinor = earnBaseOf(goodsMoneyMinor, goodsBeforeTaxMinor, goodsChargeMinor);
  const tierPercent = facts.member?.tierPercent ?? 100;
  const promoPercent = promotionPercent(program, facts.date, facts.weekday);
  const offerPercent = facts.member?.offerPercent ?? 100;

  let pointsEarned = 0;
  const weights = lines.map((l, i) => (beforeTax[i] ?? 0) * l.earnPercent);
  if (
    facts.member &&
    earnBaseMinor > 0 &&
    earnBaseMinor >= program.earn.minimumSpendMinor &&
    goodsChargeMinor > 0
  ) {
    // Σ(beforeTax_i × mult_i) × money for goods / goods' charge × rate × tier × promo × offer,
    // in integers (without tax: Σ(net_i × mult_i) × earn base / goods' net).
    const weighted = weights.reduce((a, b) => a + BigInt(b), 0n);
    const numerator =
      weighted *
      BigInt(goodsMoneyMinor) *
      BigInt(program.earn.points) *
      BigInt(tierPercent) *
      BigInt(promoPercent) *
      BigInt(offerPercent);
    const denominator =
      BigInt(goodsChargeMinor) * BigInt(program.earn.perSpendMinor) * 100n * 100n * 100n * 100n;
    pointsEarned = roundDivide(numerator, denominator, program.earn.rounding);
  }
  allocate(pointsEarned, weights).forEach((share, i) => {
    (lines[i] as PricedLine).pointsEarned = share;
  });

  return {
    lines,
    subtotalMinor,
    discountMinor,
    totalMinor,
    goodsNetMinor,
    goodsChargeMinor,
    taxMode,
    taxMinor,
    couponDiscounts,
    pointsRedeemed,
    redeemValueMinor,
    giftCardMinor,
    paidMinor,
    earnBaseMinor,
    promotionPercent: promoPercent,
    tierPercent,
    offerPercent,
    pointsEarned,
    maxRedeemablePoints: maxRedeemable,
    redeemStep: step,
  };
}
