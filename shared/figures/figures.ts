import { ratio } from '../analytics/figures';

/**
 * The figures a till's X and Z reports and head office's consolidated report both show, defined
 * once. Each ledger groups its own rows (the till's SQLite, head office's PostgreSQL) into the
 * small group rows below, and the same folds here add them up, so the two can only differ in
 * which rows they read, never in what they do with them. README.md ("Figures") says the same
 * in words; the labels in shared/i18n name them the same way.
 *
 * Money is integer minor units, points integers. Refunds are the ledgers' own rows with negative
 * amounts; the folds turn them into positive "refunded" figures where a figure says so.
 */
export interface CountAmount {
  count: number;
  amountMinor: number;
}

/**
 * The points ledger's entry kinds, each on one line. Refund clawbacks are NOT netted from
 * "issued": issued is what sales and bonuses gave, clawedBack what refunds took back of it.
 */
export interface PointsFigures {
  /** Earned on sales plus bonuses (referrals), before any refund: `earn` + `bonus` entries. */
  issued: number;
  /** Earned points taken back by refunds (`reverse_earn`), as a positive number. */
  clawedBack: number;
  /** Spent as payment (`redeem`), before any refund, positive. */
  redeemed: number;
  /** Spent points given back by refunds (`reverse_redeem`). */
  returned: number;
  /** Points that reached their expiry date (`expire`), positive. */
  expired: number;
  /** Everything else, signed: managers' adjustments and head office's resolutions. */
  adjusted: number;
}

export interface CouponUseFigures {
  /** Single-use coupons redeemed on sales. */
  redeemed: number;
  /** Coupons given back by full refunds. */
  returned: number;
  /** The discount coupons gave, less the discount of those given back. */
  discountMinor: number;
}

export interface CommonFigures {
  /**
   * Sales (tickets, not refunds): how many, and their net goods amount: goods after discounts,
   * whatever paid them (money, points or gift cards). A gift card sold or topped up is not goods.
   */
  sales: CountAmount;
  /** Refunds: how many, and the net goods amount they gave back, positive. */
  refunds: CountAmount;
  /** Net sales: sales less refunds, goods only (sales.amountMinor − refunds.amountMinor). */
  netSalesMinor: number;
  /** Sales (tickets) with a member attached. */
  memberSalesCount: number;
  /** Members' net sales: the goods of their sales less their refunds. */
  memberNetSalesMinor: number;
  /**
   * Member share by amount: memberNetSales ÷ netSales in basis points (1234 = 12.34 %), rounded
   * half away from zero; null when net sales are zero or less (nothing to share).
   */
  memberShareBasisPoints: number | null;
  /**
   * Gift-card value sold (activations and top-ups) less that of cards refunded: money taken in
   * advance for goods not yet sold, so never revenue. The goods it later pays for are sales then.
   */
  giftCardsSoldMinor: number;
  /** What sales were paid with points (their redemption value); refunds give points back as points. */
  pointsPaidMinor: number;
  /** What sales were paid with gift cards. */
  giftCardPaidMinor: number;
  coupons: CouponUseFigures;
  points: PointsFigures;
  /** Members enrolled (at this till; at head office, at the store, merged newcomers left out). */
  newMembers: number;
}

/** The stored-value kinds that sell gift-card value, and their refunds (signed amounts). */
export const GIFT_CARD_SOLD_KINDS = [
  'activate',
  'top_up',
  'refund_activate',
  'refund_top_up',
] as const;

/** `('activate', 'top_up', …)`: the list above for an SQL `IN`, in both dialects. */
export const GIFT_CARD_SOLD_KINDS_SQL = `(${GIFT_CARD_SOLD_KINDS.map((k) => `'${k}'`).join(', ')})`;

/**
 * The gift-card value one sale or refund row sold, in SQL that the till's SQLite and head
 * office's PostgreSQL both read (the same stored_value_entry table, indexed by sale on both):
 * `sale` is the alias of the sale row.
 */
export function giftCardsSoldSql(sale: string): string {
  return `coalesce((SELECT sum(gift_sold.amount_minor) FROM stored_value_entry gift_sold
    WHERE gift_sold.sale_id = ${sale}.id AND gift_sold.kind IN ${GIFT_CARD_SOLD_KINDS_SQL}), 0)`;
}

/** A sale or refund row's net goods amount in SQL: its total less the gift cards it sold. */
export function goodsMinorSql(sale: string): string {
  return `(${sale}.total_minor - ${giftCardsSoldSql(sale)})`;
}

export function emptyCommonFigures(): CommonFigures {
  return {
    sales: { count: 0, amountMinor: 0 },
    refunds: { count: 0, amountMinor: 0 },
    netSalesMinor: 0,
    memberSalesCount: 0,
    memberNetSalesMinor: 0,
    memberShareBasisPoints: null,
    giftCardsSoldMinor: 0,
    pointsPaidMinor: 0,
    giftCardPaidMinor: 0,
    coupons: { redeemed: 0, returned: 0, discountMinor: 0 },
    points: { issued: 0, clawedBack: 0, redeemed: 0, returned: 0, expired: 0, adjusted: 0 },
    newMembers: 0,
  };
}

/**
 * A group of sale or refund rows, summed: what each ledger's grouped query returns. Amounts are
 * as the rows hold them (a refund's negative).
 */
export interface SaleGroup {
  kind: 'sale' | 'refund';
  /** Whether these rows have a member attached. */
  member: boolean;
  n: number;
  /** Σ total: goods after discounts plus gift-card value sold, as rung up. */
  totalMinor: number;
  /** Σ of the rows' GIFT_CARD_SOLD_KINDS stored-value entries (negative on refunds). */
  giftCardsSoldMinor: number;
  /** Σ redemption value of points paid (read on sales only). */
  pointsPaidMinor: number;
  /** Σ paid by gift cards (read on sales only). */
  giftCardPaidMinor: number;
}

/** The net goods amount of a group: its total less the gift-card value sold in it. */
export function goodsMinor(group: Pick<SaleGroup, 'totalMinor' | 'giftCardsSoldMinor'>): number {
  return group.totalMinor - group.giftCardsSoldMinor;
}

export function addSaleGroup(figures: CommonFigures, group: SaleGroup): void {
  const goods = goodsMinor(group);
  if (group.kind === 'sale') {
    figures.sales.count += group.n;
    figures.sales.amountMinor += goods;
    figures.pointsPaidMinor += group.pointsPaidMinor;
    figures.giftCardPaidMinor += group.giftCardPaidMinor;
    if (group.member) figures.memberSalesCount += group.n;
  } else {
    figures.refunds.count += group.n;
    figures.refunds.amountMinor -= goods;
  }
  figures.netSalesMinor += goods;
  if (group.member) figures.memberNetSalesMinor += goods;
  figures.giftCardsSoldMinor += group.giftCardsSoldMinor;
}

/** Points entries of one kind, summed (signed, as the ledger holds them). */
export interface PointsGroup {
  kind: string;
  points: number;
}

export function addPointsGroup(figures: CommonFigures, group: PointsGroup): void {
  const p = figures.points;
  switch (group.kind) {
    case 'earn':
    case 'bonus':
      p.issued += group.points;
      break;
    case 'reverse_earn':
      p.clawedBack -= group.points;
      break;
    case 'redeem':
      p.redeemed -= group.points;
      break;
    case 'reverse_redeem':
      p.returned += group.points;
      break;
    case 'expire':
      p.expired -= group.points;
      break;
    default:
      p.adjusted += group.points;
  }
}

/** Coupon uses of one kind, counted and their discounts summed (a return's discount negative). */
export interface CouponUseGroup {
  kind: 'redeemed' | 'returned';
  n: number;
  discountMinor: number;
}

export function addCouponUseGroup(figures: CommonFigures, group: CouponUseGroup): void {
  if (group.kind === 'redeemed') figures.coupons.redeemed += group.n;
  else figures.coupons.returned += group.n;
  figures.coupons.discountMinor += group.discountMinor;
}

/** Sets the member share from the sums; call once the groups are all added. */
export function finishFigures<F extends CommonFigures>(figures: F): F {
  figures.memberShareBasisPoints = ratio(
    figures.memberNetSalesMinor,
    figures.netSalesMinor,
  ).basisPoints;
  return figures;
}

/** Adds one block of figures into another (stores into a total), then sets its share again. */
export function addFigures(into: CommonFigures, from: CommonFigures): void {
  const add = (a: CountAmount, b: CountAmount) => {
    a.count += b.count;
    a.amountMinor += b.amountMinor;
  };
  add(into.sales, from.sales);
  add(into.refunds, from.refunds);
  into.netSalesMinor += from.netSalesMinor;
  into.memberSalesCount += from.memberSalesCount;
  into.memberNetSalesMinor += from.memberNetSalesMinor;
  into.giftCardsSoldMinor += from.giftCardsSoldMinor;
  into.pointsPaidMinor += from.pointsPaidMinor;
  into.giftCardPaidMinor += from.giftCardPaidMinor;
  for (const key of ['redeemed', 'returned', 'discountMinor'] as const) {
    into.coupons[key] += from.coupons[key];
  }
  for (const key of pointsKeys) into.points[key] += from.points[key];
  into.newMembers += from.newMembers;
  finishFigures(into);
}

const pointsKeys = [
  'issued',
  'clawedBack',
  'redeemed',
  'returned',
  'expired',
  'adjusted',
] as const satisfies readonly (keyof PointsFigures)[];

/** Just the common figures of a larger block (a till's report figures), to compare or send. */
export function commonFiguresOf(figures: CommonFigures): CommonFigures {
  return {
    sales: { ...figures.sales },
    refunds: { ...figures.refunds },
    netSalesMinor: figures.netSalesMinor,
    memberSalesCount: figures.memberSalesCount,
    memberNetSalesMinor: figures.memberNetSalesMinor,
    memberShareBasisPoints: figures.memberShareBasisPoints,
    giftCardsSoldMinor: figures.giftCardsSoldMinor,
    pointsPaidMinor: figures.pointsPaidMinor,
    giftCardPaidMinor: figures.giftCardPaidMinor,
    coupons: { ...figures.coupons },
    points: { ...figures.points },
    newMembers: figures.newMembers,
  };
}
