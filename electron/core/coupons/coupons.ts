import type Database from 'better-sqlite3-multiple-ciphers';
import type { Campaign, Program } from '../../../shared/program';
import type { CouponState, CouponView } from '../../../shared/domain';
import { makeCode, normaliseCode } from '../../../shared/rules/codes';
import { addDays } from '../../../shared/rules/tiers';
import { uuidv7 } from '../../../shared/ids';
import { DomainError, type ErrorCode } from '../../../shared/result';
import type { Stamp } from '../context';
import { appendOutbox } from '../outbox/outbox';
import {
  campaignUses,
  couponByCode,
  insertCoupon,
  isVoided,
  netUses,
  type CouponRow,
  type CouponSource,
} from './couponStore';

export function campaignOf(program: Program, campaignId: string): Campaign | null {
  return program.coupons.campaigns.find((c) => c.id === campaignId) ?? null;
}

/** Where a coupon stands today, for anyone (member-specific refusals come from checkCoupon). */
export function couponState(
  db: Database.Database,
  row: CouponRow,
  campaign: Campaign | null,
  shopDate: string,
): CouponState {
  if (netUses(db, row.id) > 0) return 'used';
  if (isVoided(db, row.id)) return 'voided';
  if (!campaign || (row.valid_to !== null && row.valid_to < shopDate)) return 'expired';
  if (row.valid_from !== null && row.valid_from > shopDate) return 'not_yet_valid';
  if (campaign.totalLimit > 0 && campaignUses(db, campaign.id, null) >= campaign.totalLimit) {
    return 'limit_reached';
  }
  return 'usable';
}

export function couponView(
  db: Database.Database,
  program: Program,
  row: CouponRow,
  shopDate: string,
): CouponView {
  const campaign = campaignOf(program, row.campaign_id);
  return {
    id: row.id,
    code: row.code,
    campaignId: row.campaign_id,
    campaignName: campaign?.name ?? row.campaign_id,
    kind: campaign?.kind ?? 'amount',
    percentOff: campaign?.percentOff ?? null,
    amountOffMinor: campaign?.amountOffMinor ?? null,
    appliesTo: campaign?.appliesTo ?? null,
    buyQuantity: campaign?.buyQuantity ?? null,
    getQuantity: campaign?.getQuantity ?? null,
    minimumBasketMinor: campaign?.minimumBasketMinor ?? 0,
    memberId: row.member_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    onlineOnly: campaign?.onlineOnly ?? false,
    state: couponState(db, row, campaign, shopDate),
    source: row.source,
    issuedAt: row.created_at,
  };
}

/**
 * Can this member use this coupon now? Throws the exact reason when not: a typo, unknown,
 * expired, not yet valid, used, another member's, a limit reached, or online-only while offline.
 * The basket minimum and stacking are judged with the basket, in priceCheckout.
 */
export function checkCoupon(
  db: Database.Database,
  program: Program,
  input: string,
  memberId: string | null,
  shopDate: string,
  online: boolean,
): { row: CouponRow; campaign: Campaign } {
  const code = normaliseCode(input, 'coupon');
  const refuse = (
    reason: ErrorCode,
    message: string,
    details: Record<string, string | number> = {},
  ): never => {
    throw new DomainError(reason, message, {
      field: 'couponCodes',
      details: { code: input, ...details },
    });
  };
  if (!code) return refuse('coupon_invalid_code', 'That coupon code has a typo.');
  const row = couponByCode(db, code);
  if (!row) return refuse('coupon_not_found', 'No coupon has that code.');
  const campaign = campaignOf(program, row.campaign_id);
  if (!campaign)
    return refuse('coupon_expired', 'This coupon’s campaign has ended.', {
      date: row.valid_to ?? '',
    });
  if (row.valid_from !== null && row.valid_from > shopDate) {
    return refuse('coupon_not_yet_valid', 'This coupon is not valid yet.', {
      date: row.valid_from,
    });
  }
  if (row.valid_to !== null && row.valid_to < shopDate) {
    return refuse('coupon_expired', 'This coupon has expired.', { date: row.valid_to });
  }
  if (row.member_id !== null && row.member_id !== memberId) {
    return refuse('coupon_other_member', 'This coupon belongs to another member.');
  }
  if (netUses(db, row.id) > 0) return refuse('coupon_already_used', 'This coupon has been used.');
  if (isVoided(db, row.id)) {
    return refuse('coupon_voided', 'This coupon was voided: the sale that earned it was refunded.');
  }
  if (
    campaign.perMemberLimit > 0 &&
    memberId &&
    campaignUses(db, campaign.id, memberId) >= campaign.perMemberLimit
  ) {
    return refuse('coupon_limit_reached', 'This member has used this offer as often as allowed.');
  }
  if (campaign.totalLimit > 0 && campaignUses(db, campaign.id, null) >= campaign.totalLimit) {
    return refuse('coupon_limit_reached', 'This offer has been used as often as allowed.');
  }
  if (campaign.onlineOnly && !online) {
    return refuse('coupon_online_only', 'This coupon can only be used online.');
  }
  return { row, campaign };
}

/**
 * The window a coupon issued today would have: from today (or the campaign's start) for the
 * campaign's days, never past its end. Null when the campaign has ended: its coupon would be born
 * expired.
 */
export function couponWindow(
  campaign: Campaign,
  shopDate: string,
): { validFrom: string; validTo: string | null } | null {
  const validFrom =
    campaign.validFrom && campaign.validFrom > shopDate ? campaign.validFrom : shopDate;
  let validTo = campaign.validTo;
  if (campaign.validDays !== null) {
    const byDays = addDays(validFrom, campaign.validDays - 1);
    validTo = validTo !== null && validTo < byDays ? validTo : byDays;
  }
  return validTo !== null && validTo < validFrom ? null : { validFrom, validTo };
}

/**
 * Issues an automatic coupon (welcome, birthday, next order) when its campaign still runs; an
 * ended campaign issues nothing and never stops the sale or enrollment it rides on.
 */
export function issueCouponIfRunning(
  db: Database.Database,
  stamp: Stamp,
  program: Program,
  issue: Parameters<typeof issueCoupon>[3],
  shopDate: string,
): CouponView | null {
  const campaign = campaignOf(program, issue.campaignId);
  if (!campaign || !couponWindow(campaign, shopDate)) return null;
  return issueCoupon(db, stamp, program, issue, shopDate);
}

/**
 * Issues one coupon of a campaign, valid from today for the campaign's window. A campaign that
 * has ended is refused: its coupon would be born expired.
 */
export function issueCoupon(
  db: Database.Database,
  stamp: Stamp,
  program: Program,
  issue: {
    campaignId: string;
    memberId: string | null;
    source: CouponSource;
    saleId: string | null;
  },
  shopDate: string,
): CouponView {
  const campaign = campaignOf(program, issue.campaignId);
  if (!campaign) {
    throw new DomainError('campaign_not_found', 'That campaign does not exist.', {
      field: 'campaignId',
    });
  }
  const window = couponWindow(campaign, shopDate);
  if (!window) {
    throw new DomainError('campaign_ended', 'That campaign has ended; it issues no more coupons.', {
      field: 'campaignId',
      details: { date: campaign.validTo ?? '' },
    });
  }
  const { validFrom, validTo } = window;
  let code = makeCode('coupon');
  while (couponByCode(db, code)) code = makeCode('coupon');
  const row: CouponRow = {
    id: uuidv7(),
    code,
    campaign_id: campaign.id,
    member_id: issue.memberId,
    valid_from: validFrom,
    valid_to: validTo,
    source: issue.source,
    issued_sale_id: issue.saleId,
    created_at: stamp.createdAt,
  };
  insertCoupon(db, stamp, row);
  appendOutbox(db, stamp, 'coupon.issued', {
    couponId: row.id,
    code,
    campaignId: campaign.id,
    memberId: issue.memberId,
    validFrom,
    validTo,
    source: issue.source,
    saleId: issue.saleId,
  });
  return couponView(db, program, row, shopDate);
}
