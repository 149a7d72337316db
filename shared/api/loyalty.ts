import { z } from 'zod';
import { operation } from './operation';
import { id, pin, requiredText, text } from './fields';
import { programSchema, type Program } from '../program';
import type { AdjustmentResult, CouponView, GiftCardView, MemberLoyalty } from '../domain';

export const loyaltyOperations = {
  'program.get': operation<Program>()(z.strictObject({}), 'cashier'),
  /** Replaces the whole program; a manager's PIN is required and the change is audited. */
  'program.update': operation<Program>()(
    z.strictObject({ program: programSchema, managerPin: pin }),
    'manager',
  ),
  /** Tier, spendable/pending/expiring points and coupons: what the cashier sees at checkout. */
  'member.loyalty': operation<MemberLoyalty>()(z.strictObject({ memberId: id }), 'cashier'),
  /** Manual points adjustment: manager PIN and a reason; audited with before and after. */
  'points.adjust': operation<AdjustmentResult>()(
    z.strictObject({
      memberId: id,
      points: z
        .number()
        .int()
        .min(-1_000_000)
        .max(1_000_000)
        .refine((p) => p !== 0, 'must not be zero'),
      reason: requiredText(200),
      managerPin: pin,
    }),
    'manager',
  ),
  /** Issues a coupon of a campaign by hand at the counter (to a member, or bearer when null). */
  'coupon.issue': operation<CouponView>()(
    z.strictObject({ campaignId: requiredText(40), memberId: id.nullable() }),
    'cashier',
  ),
  /** Looks a coupon up by code, saying whether this member can use it now and why not. */
  'coupon.check': operation<CouponView>()(
    z.strictObject({ code: requiredText(20), memberId: id.nullable() }),
    'cashier',
  ),
  'giftCard.balance': operation<GiftCardView>()(
    z.strictObject({ code: requiredText(20) }),
    'cashier',
  ),
  /** Catches up expiry, tier reviews and birthday coupons; idempotent. Runs on a timer too. */
  'loyalty.catchUp': operation<{
    expiredEntries: number;
    tierChanges: number;
    birthdayCoupons: number;
  }>()(z.strictObject({ managerPin: pin.optional() }), 'manager'),
  /** Referral code lookup at enrollment, so the cashier sees who referred the new member. */
  'member.byReferralCode': operation<{ memberId: string; name: string } | null>()(
    z.strictObject({ code: text(20) }),
    'cashier',
  ),
};
