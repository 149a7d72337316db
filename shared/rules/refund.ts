import { pointsValueCeil, type RedemptionRate } from './redemption';

/**
 * How a refund splits what a sale took, so that refunding in parts returns exactly what one full
 * refund would. Every figure is *cumulative*: refund k returns alloc(through k) − alloc(through
 * k−1), where alloc is one function with one rounding rule. So the parts of every tender add up
 * to the whole exactly, whatever the order and size of the parts.
 *
 * - A line's discount and earned points follow its units: the discount rounds down, the points
 *   taken back round up (buying, earning and refunding can never keep a point).
 * - The tenders that paid for goods follow the goods' net amount returned. Points and each gift
 *   card round down; the money tender (cash or card) takes the rest, so a returned unit's value
 *   (points at their redemption value) is its net price. Money never goes below what earlier parts
 *   returned nor above what was paid; a point cannot be split, so where the money of a unit is
 *   worth less than a point the unit may return up to one point's value more or less, and a later
 *   part evens it out.
 */

/** The part of `total` that `done` of `of` units carry, rounded down. */
export function shareFloor(total: number, done: number, of: number): number {
  return of === 0 ? 0 : Number((BigInt(total) * BigInt(done)) / BigInt(of));
}

/** The part of `total` that `done` of `of` units carry, rounded up. */
export function shareCeil(total: number, done: number, of: number): number {
  return of === 0 ? 0 : Number((BigInt(total) * BigInt(done) + BigInt(of) - 1n) / BigInt(of));
}

export interface RefundableLine {
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  pointsEarned: number;
  /** The line's tax (rules/tax.ts); absent: none. */
  taxMinor?: number;
}

export interface LineRefund {
  amountMinor: number;
  discountMinor: number;
  netMinor: number;
  /** Earned points this part takes back (before expiry and the spent-points policy). */
  points: number;
  /** The tax this part gives back, following the units as the discount does (rounded down). */
  taxMinor: number;
}

/** `quantity` more units of `line`, after `before` units were refunded earlier. */
export function refundLineUnits(
  line: RefundableLine,
  before: number,
  quantity: number,
): LineRefund {
  const after = before + quantity;
  const amountMinor = quantity * line.unitPriceMinor;
  const discountMinor =
    shareFloor(line.discountMinor, after, line.quantity) -
    shareFloor(line.discountMinor, before, line.quantity);
  return {
    amountMinor,
    discountMinor,
    // Net follows from amount and discount (net = amount − discount on every row).
    netMinor: amountMinor - discountMinor,
    points:
      shareCeil(line.pointsEarned, after, line.quantity) -
      shareCeil(line.pointsEarned, before, line.quantity),
    taxMinor:
      shareFloor(line.taxMinor ?? 0, after, line.quantity) -
      shareFloor(line.taxMinor ?? 0, before, line.quantity),
  };
}

/** What paid for a sale's goods. Money is what is left: goods − points' value − gift cards. */
export interface GoodsTenders {
  /** What the goods cost the customer: their net, plus tax where it was added at the till. */
  goodsNetMinor: number;
  pointsRedeemed: number;
  redeemValueMinor: number;
  /** Each gift card that paid, by a key the caller chooses (the card's id). */
  giftCards: readonly { key: string; amountMinor: number }[];
}

/** Tender amounts, either cumulative (through a refund) or one refund's part. */
export interface TendersBack {
  points: number;
  redeemValueMinor: number;
  giftCards: { key: string; amountMinor: number }[];
  moneyMinor: number;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

export function goodsMoneyOf(sale: GoodsTenders): number {
  return (
    sale.goodsNetMinor -
    sale.redeemValueMinor -
    sale.giftCards.reduce((s, c) => s + c.amountMinor, 0)
  );
}

/**
 * One refund's tenders, for `goods.now` more of the goods' net after `goods.before` was returned
 * by earlier refunds. `before` is what those refunds returned, read from the ledger, so a ledger
 * whose earlier refunds followed an older rule still ends exactly at the sale's totals.
 *
 * 1. Points: as near as can be to those due through this refund, floor(points × goods back /
 *    goods), less those already returned, while their value stays within the part and covers what
 *    the cards and money left cannot.
 * 2. Their value: the redemption value of exactly the points returned so far, less what earlier
 *    parts recorded, so points and value never drift apart. Only where no whole number of points
 *    fits (a point worth more than all else left can balance) is it held within what fits; the
 *    later parts even it out.
 * 3. Gift cards: each floor(card × goods back / goods), less what it got back, moved just enough
 *    for the money to stay between 0 and what is left of it.
 * 4. Money: the rest.
 *
 * Each part's points value, cards and money add up to the goods' net it returns, no tender ever
 * gives back more than it paid, and the last part returns exactly what is left of each.
 */
export function refundTenders(
  sale: GoodsTenders,
  before: TendersBack,
  goods: { before: number; now: number },
): TendersBack {
  const g = sale.goodsNetMinor;
  const goodsNetBack = goods.before + goods.now;
  const part = goods.now;
  const clampDone = (done: number, total: number) => clamp(done, 0, total);
  const pointsBefore = clampDone(before.points, sale.pointsRedeemed);
  const valueBefore = clampDone(before.redeemValueMinor, sale.redeemValueMinor);
  const cardsBefore = sale.giftCards.map((card) =>
    clampDone(before.giftCards.find((c) => c.key === card.key)?.amountMinor ?? 0, card.amountMinor),
  );
  const moneyTotal = goodsMoneyOf(sale);
  const moneyLeft = moneyTotal - clampDone(before.moneyMinor, moneyTotal);
  const cardsLeft = sale.giftCards.map((card, i) => card.amountMinor - (cardsBefore[i] ?? 0));
  const valueLeft = sale.redeemValueMinor - valueBefore;
  const pointsLeft = sale.pointsRedeemed - pointsBefore;
  const otherRoom = cardsLeft.reduce((a, b) => a + b, 0) + moneyLeft;
  // The value of `n` more points: the redemption value of all points returned so far, less what
  // earlier parts recorded (exact in the sale's own rate, rounded down).
  const valueOf = (n: number) =>
    shareFloor(sale.redeemValueMinor, pointsBefore + n, sale.pointsRedeemed) - valueBefore;
  const target = clamp(
    shareFloor(sale.pointsRedeemed, goodsNetBack, g) - pointsBefore,
    0,
    pointsLeft,
  );
  // As near the target as lets the part add up: worth no more than the part, and at least what
  // the cards and money left cannot cover.
  const most = Math.min(pointsLeft, pointsWorthAtMost(sale, part + valueBefore) - pointsBefore);
  const least = Math.max(
    0,
    pointsWorthAtLeast(sale, part - otherRoom + valueBefore) - pointsBefore,
  );
  const points = least <= most ? clamp(target, least, most) : target;
  // Where no whole number of points fits (a point worth more than all the rest can balance), the
  // recorded value is held to what fits; later parts even it out.
  const redeemValueMinor = clamp(
    valueOf(points),
    Math.max(0, part - otherRoom),
    Math.min(part, valueLeft),
  );

  const giftCards = sale.giftCards.map((card, i) => ({
    key: card.key,
    amountMinor: clamp(
      shareFloor(card.amountMinor, goodsNetBack, g) - (cardsBefore[i] ?? 0),
      0,
      cardsLeft[i] ?? 0,
    ),
  }));
  // Money must land in [0, moneyLeft]: move the cards just enough.
  let cards = giftCards.reduce((s, c) => s + c.amountMinor, 0);
  for (let i = giftCards.length - 1; i >= 0 && cards > part - redeemValueMinor; i -= 1) {
    const card = giftCards[i] as { amountMinor: number };
    const less = Math.min(card.amountMinor, cards - (part - redeemValueMinor));
    card.amountMinor -= less;
    cards -= less;
  }
  for (let i = 0; i < giftCards.length && cards < part - redeemValueMinor - moneyLeft; i += 1) {
    const card = giftCards[i] as { amountMinor: number };
    const more = Math.min(
      (cardsLeft[i] ?? 0) - card.amountMinor,
      part - redeemValueMinor - moneyLeft - cards,
    );
    card.amountMinor += more;
    cards += more;
  }
  return { points, redeemValueMinor, giftCards, moneyMinor: part - redeemValueMinor - cards };
}

/** The most points (of the sale's) whose value, floor(V × n / P), is at most `minor`. */
function pointsWorthAtMost(sale: GoodsTenders, minor: number): number {
  if (sale.pointsRedeemed === 0 || minor < 0) return 0;
  if (sale.redeemValueMinor === 0) return sale.pointsRedeemed;
  // floor(V n / P) ≤ x  ⇔  V n < (x + 1) P  ⇔  n ≤ ((x + 1) P − 1) / V.
  const n = (BigInt(minor + 1) * BigInt(sale.pointsRedeemed) - 1n) / BigInt(sale.redeemValueMinor);
  return Number(n > BigInt(sale.pointsRedeemed) ? BigInt(sale.pointsRedeemed) : n);
}

/** The fewest points (of the sale's) whose value, floor(V × n / P), is at least `minor`. */
function pointsWorthAtLeast(sale: GoodsTenders, minor: number): number {
  if (minor <= 0) return 0;
  if (sale.redeemValueMinor === 0) return sale.pointsRedeemed + 1;
  // floor(V n / P) ≥ x  ⇔  V n ≥ x P  ⇔  n ≥ ceil(x P / V).
  const x = BigInt(minor) * BigInt(sale.pointsRedeemed);
  const v = BigInt(sale.redeemValueMinor);
  return Number((x + v - 1n) / v);
}

/**
 * Money kept back from a refund for points the member can no longer return ("reduce cash"),
 * cumulatively: the value of all shortfall points so far, rounded up once, less what earlier
 * refunds kept. Refunding in parts never keeps back more than one full refund would.
 */
export function shortfallKeptMinor(
  shortfallPointsThrough: number,
  keptBeforeMinor: number,
  rate: RedemptionRate,
): number {
  return Math.max(0, pointsValueCeil(shortfallPointsThrough, rate) - keptBeforeMinor);
}
