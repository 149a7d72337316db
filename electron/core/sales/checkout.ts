import type Database from 'better-sqlite3-multiple-ciphers';
import type { MemberSummary } from '../../../shared/domain';
import type { Program, Tier } from '../../../shared/program';
import { MAX_AMOUNT_MINOR } from '../../../shared/money';
import { normaliseCode } from '../../../shared/rules/codes';
import {
  priceCheckout,
  type CheckoutCoupon,
  type LineKind,
  type PricedCheckout,
} from '../../../shared/rules/checkout';
import { tierById } from '../../../shared/rules/tiers';
import { offerOn, type MemberOffer } from '../../../shared/rules/campaignOffer';
import { offersOfMember } from '../campaigns/memberOffers';
import type { PointsSummary } from '../../../shared/rules/pointsLots';
import { DomainError } from '../../../shared/result';
import { memberForCheckout } from '../members/memberQueries';
import { spendablePoints } from '../points/chainBalance';
import { chainPoints, type MemberLots } from '../points/memberLots';
import { checkCoupon } from '../coupons/coupons';
import type { CouponRow } from '../coupons/couponStore';
import { requireGiftCard, type GiftCardRow } from '../giftCards/giftCards';
import type { ShopDay } from '../shopTime';
import type { OfflineLimit } from './offlineRedemption';
import { lineRates, readStoreTax } from '../tax/storeTax';

export interface BasketInput {
  memberId: string | null;
  lines: {
    description: string;
    quantity: number;
    unitPriceMinor: number;
    sku?: string | null | undefined;
    category?: string | null | undefined;
    kind?: LineKind | undefined;
    giftCardCode?: string | null | undefined;
  }[];
  redeemPoints: number;
  couponCodes?: string[] | undefined;
  giftCardPayments?: { code: string; amountMinor: number }[] | undefined;
  overridePin?: string | undefined;
}

export interface PreparedCheckout {
  priced: PricedCheckout;
  member: MemberSummary | null;
  points: PointsSummary | null;
  tier: Tier | null;
  /** The member's tier_id as read (null: none yet), for the upgrade check after the sale. */
  tierId: string | null;
  coupons: { row: CouponRow; campaign: CheckoutCoupon['campaign'] }[];
  giftCardPayments: { card: GiftCardRow; amountMinor: number }[];
  /** Cards being topped up, by line index. */
  topUps: Map<number, GiftCardRow>;
  /** The campaign multiplier the member earns with today, if any. */
  offer: MemberOffer | null;
}

/**
 * Gathers the facts a basket is priced on (member's spendable points and tier, coupons, gift
 * cards) and prices it with the pure rules. Reads only: preview and record both call this, so
 * what the cashier sees is what gets written.
 */
export function prepareCheckout(
  db: Database.Database,
  program: Program,
  basket: BasketInput,
  day: ShopDay,
  nowIso: string,
  online: boolean,
  /** Head office's offline risk limit, unless a manager approved going past it. */
  offlineLimit: OfflineLimit | null = null,
  /** The member's lots when the caller has already read them (recordSale); else read here. */
  lots: MemberLots | null = null,
): PreparedCheckout {
  let member: MemberSummary | null = null;
  let points: PointsSummary | null = null;
  let tier: Tier | null = null;
  let tierId: string | null = null;
  let offer: MemberOffer | null = null;
  if (basket.memberId) {
    const found = memberForCheckout(db, basket.memberId);
    if (!found) {
      throw new DomainError('member_not_found', 'That member does not exist.', {
        field: 'memberId',
      });
    }
    member = found.member;
    tierId = found.tierId;
    points =
      lots && lots.memberId === member.id
        ? chainPoints(lots, nowIso)
        : spendablePoints(db, member.id, nowIso);
    tier = tierById(tierId, program.tiers.levels);
    offer = offerOn(offersOfMember(db, member.id, day.date), day.date);
  }

  let total = 0;
  const topUps = new Map<number, GiftCardRow>();
  basket.lines.forEach((line, index) => {
    total += line.quantity * line.unitPriceMinor;
    if (
      (line.kind === 'gift_card' || line.kind === 'gift_card_topup') &&
      line.unitPriceMinor === 0
    ) {
      // A stored-value entry of 0 means nothing and the ledger refuses it.
      throw new DomainError('invalid_input', 'A gift card needs a value above 0.', {
        field: `lines.${index}.unitPriceMinor`,
      });
    }
    if (line.kind === 'gift_card' && line.quantity !== 1) {
      throw new DomainError('invalid_input', 'Sell one gift card per line.', {
        field: `lines.${index}.quantity`,
      });
    }
    if (line.kind === 'gift_card_topup') {
      if (line.quantity !== 1) {
        throw new DomainError('invalid_input', 'Top up one gift card per line.', {
          field: `lines.${index}.quantity`,
        });
      }
      topUps.set(
        index,
        requireGiftCard(db, line.giftCardCode ?? '', nowIso, `lines.${index}.giftCardCode`),
      );
    }
  });
  if (total > MAX_AMOUNT_MINOR) {
    throw new DomainError('invalid_input', 'The sale total is larger than one sale may be.', {
      field: 'lines',
    });
  }

  const seen = new Set<string>();
  const coupons = (basket.couponCodes ?? []).map((input) => {
    const checked = checkCoupon(db, program, input, member?.id ?? null, day.date, online);
    if (seen.has(checked.row.id)) {
      throw new DomainError('coupon_already_used', 'This coupon is already on the sale.', {
        field: 'couponCodes',
        details: { code: checked.row.code },
      });
    }
    seen.add(checked.row.id);
    return checked;
  });

  const seenCards = new Set<string>();
  const giftCardPayments = (basket.giftCardPayments ?? []).map((payment) => {
    const card = requireGiftCard(db, payment.code, nowIso, 'giftCardPayments');
    const code = normaliseCode(payment.code, 'giftCard') ?? payment.code;
    if (seenCards.has(code)) {
      throw new DomainError('invalid_input', 'The same gift card is listed twice.', {
        field: 'giftCardPayments',
      });
    }
    seenCards.add(code);
    return { card, amountMinor: payment.amountMinor };
  });

  if (offlineLimit && basket.redeemPoints > offlineLimit.max) {
    throw new DomainError('offline_redemption_limit', 'Offline, this sale may use fewer points.', {
      field: 'redeemPoints',
      details: { max: offlineLimit.max, why: offlineLimit.reason },
    });
  }
  const tax = readStoreTax(db);
  const rates = lineRates(db, tax, basket.lines);
  const priced = priceCheckout({
    program,
    date: day.date,
    weekday: day.weekday,
    taxMode: tax.mode,
    lines: basket.lines.map((line, index) => ({
      description: line.description,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      sku: line.sku ?? null,
      category: line.category ?? null,
      kind: line.kind ?? 'goods',
      taxRateBasisPoints: rates[index] ?? 0,
    })),
    member:
      member && points && tier
        ? {
            availablePoints: points.available,
            tierPercent: tier.earnPercent,
            offerPercent: offer?.percent ?? 100,
          }
        : null,
    coupons: coupons.map((c) => ({ code: c.row.code, campaign: c.campaign })),
    redeemPoints: basket.redeemPoints,
    giftCardPayments: giftCardPayments.map((p) => ({
      code: p.card.code,
      amountMinor: p.amountMinor,
      balanceMinor: p.card.balance_minor,
    })),
  });
  return { priced, member, points, tier, tierId, coupons, giftCardPayments, topUps, offer };
}
