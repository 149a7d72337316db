import type { loyaltyOperations } from '../../../shared/api/loyalty';
import type { MemberLoyalty, TierView } from '../../../shared/domain';
import type { Tier } from '../../../shared/program';
import { normaliseCode } from '../../../shared/rules/codes';
import { tierProgress } from '../../../shared/rules/tiers';
import { DomainError } from '../../../shared/result';
import type { HandlerMap } from '../api/handler';
import type { CoreContext } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal } from '../terminal/terminalStore';
import { programRefOf, readProgram, writeProgram } from '../program/programStore';
import { requireProgramEditable } from '../program/programOwnership';
import { requireManagerPin } from '../staff/staffStore';
import { audit } from '../audit/auditLog';
import { appendOutbox } from '../outbox/outbox';
import { memberById, memberByReferralCode } from '../members/memberQueries';
import { memberTierRow, qualifyingValue } from '../members/tiers';
import { appendPointsEntry, memberPoints } from '../points/pointsLedger';
import { spendablePoints } from '../points/chainBalance';
import { expireMemberPoints } from '../points/expiry';
import { couponsOfMember } from '../coupons/couponStore';
import { checkCoupon, couponView, issueCoupon } from '../coupons/coupons';
import { giftCardByCode, giftCardView } from '../giftCards/giftCards';
import { addMonths } from '../../../shared/rules/pointsLots';
import { shopDay } from '../shopTime';
import { catchUpLoyalty } from './catchUp';

/** A terminal not set up has no manager yet: it says so, rather than "wrong PIN". */
const requireManager = (ctx: CoreContext, pin: string): string => {
  requireTerminal(ctx.db);
  return requireManagerPin(ctx.db, pin, ctx.now());
};

const tierView = (tier: Tier): TierView => ({
  id: tier.id,
  name: tier.name,
  earnPercent: tier.earnPercent,
  perks: tier.perks,
});

function memberLoyalty(ctx: CoreContext, memberId: string): MemberLoyalty {
  const { db } = ctx;
  if (!memberById(db, memberId))
    throw new DomainError('member_not_found', 'That member does not exist.');
  const terminal = requireTerminal(db);
  const program = readProgram(db);
  const nowIso = new Date(ctx.now()).toISOString();
  const today = shopDay(ctx.now(), terminal.timeZone).date;
  const value = qualifyingValue(db, memberId, program, nowIso);
  const { tierId, tierSince } = memberTierRow(db, memberId);
  const progress = tierProgress(value, tierId, program);
  const summary = spendablePoints(db, memberId, nowIso);
  return {
    memberId,
    tier: tierView(progress.tier),
    tierSince,
    nextTier: progress.next ? tierView(progress.next) : null,
    remainingToNext: progress.remaining,
    qualification: program.tiers.qualification,
    qualifyingValue: value,
    available: summary.available,
    pending: summary.pending,
    debt: summary.debt,
    expiring: summary.expiring.slice(0, 6),
    coupons: couponsOfMember(db, memberId).map((row) => couponView(db, program, row, today)),
  };
}

export const loyaltyHandlers: HandlerMap<keyof typeof loyaltyOperations> = {
  'program.get': (ctx) => readProgram(ctx.db),
  'program.update': (ctx, input) => {
    const managerId = requireManager(ctx, input.managerPin);
    return ctx.db.transaction(() => {
      requireProgramEditable(ctx.db);
      const stamp = stampWrite(ctx);
      const before = readProgram(ctx.db);
      const version = writeProgram(ctx.db, input.program, managerId, stamp.createdAt);
      audit(ctx.db, stamp, {
        action: 'program.update',
        subjectType: 'program',
        subjectId: String(version),
        approvedBy: managerId,
        before,
        after: input.program,
        reason: null,
      });
      appendOutbox(ctx.db, stamp, 'program.updated', { version, program: input.program });
      return readProgram(ctx.db);
    })();
  },
  'member.loyalty': (ctx, input) => memberLoyalty(ctx, input.memberId),
  'points.adjust': (ctx, input) => {
    const managerId = requireManager(ctx, input.managerPin);
    const { db } = ctx;
    return db.transaction(() => {
      if (!memberById(db, input.memberId)) {
        throw new DomainError('member_not_found', 'That member does not exist.', {
          field: 'memberId',
        });
      }
      const program = readProgram(db);
      if (Math.abs(input.points) > program.adjustments.maxPoints) {
        throw new DomainError(
          'adjustment_over_limit',
          `An adjustment may move at most ${program.adjustments.maxPoints} points.`,
          { field: 'points', details: { max: program.adjustments.maxPoints } },
        );
      }
      const stamp = stampWrite(ctx);
      const expired = expireMemberPoints(db, stamp, input.memberId);
      const before = memberPoints(db, input.memberId, stamp.createdAt).summary;
      const written = appendPointsEntry(db, stamp, {
        memberId: input.memberId,
        kind: 'adjust',
        points: input.points,
        saleId: null,
        reversesId: null,
        reason: input.reason,
        expiresAt:
          input.points > 0 && program.expiry.months > 0
            ? addMonths(stamp.createdAt, program.expiry.months)
            : null,
      });
      const after = memberPoints(db, input.memberId, stamp.createdAt).summary;
      audit(db, stamp, {
        action: 'points.adjust',
        subjectType: 'member',
        subjectId: input.memberId,
        approvedBy: managerId,
        before: { total: before.total, available: before.available },
        after: { total: after.total, available: after.available },
        reason: input.reason,
      });
      appendOutbox(db, stamp, 'points.adjusted', {
        memberId: input.memberId,
        reason: input.reason,
        approvedBy: managerId,
        program: programRefOf(db),
        pointsEntries: [...expired, written.entry],
      });
      return {
        memberId: input.memberId,
        points: input.points,
        balanceBefore: before.total,
        balanceAfter: after.total,
      };
    })();
  },
  'coupon.issue': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      if (input.memberId && !memberById(db, input.memberId)) {
        throw new DomainError('member_not_found', 'That member does not exist.', {
          field: 'memberId',
        });
      }
      const terminal = requireTerminal(db);
      const stamp = stampWrite(ctx);
      return issueCoupon(
        db,
        stamp,
        readProgram(db),
        { campaignId: input.campaignId, memberId: input.memberId, source: 'manual', saleId: null },
        shopDay(ctx.now(), terminal.timeZone).date,
      );
    })();
  },
  'coupon.check': (ctx, input) => {
    const { db } = ctx;
    const terminal = requireTerminal(db);
    const program = readProgram(db);
    const today = shopDay(ctx.now(), terminal.timeZone).date;
    const { row } = checkCoupon(
      db,
      program,
      input.code,
      input.memberId,
      today,
      ctx.connectivity.online,
    );
    return couponView(db, program, row, today);
  },
  'giftCard.balance': (ctx, input) => {
    // An expired card still shows its balance; only paying with it is refused.
    const code = normaliseCode(input.code, 'giftCard');
    if (!code) {
      throw new DomainError('gift_card_invalid_code', 'That gift card number has a typo.', {
        field: 'code',
      });
    }
    const card = giftCardByCode(ctx.db, code);
    if (!card)
      throw new DomainError('gift_card_not_found', 'No gift card has that number.', {
        field: 'code',
      });
    return giftCardView(card, new Date(ctx.now()).toISOString());
  },
  'loyalty.catchUp': (ctx) => catchUpLoyalty(ctx),
  'member.byReferralCode': (ctx, input) => {
    const code = normaliseCode(input.code, 'referral');
    const referrer = code ? memberByReferralCode(ctx.db, code) : null;
    return referrer ? { memberId: referrer.id, name: referrer.name } : null;
  },
};
