import type { CouponView, Receipt } from '../../../shared/domain';
import { makeCode } from '../../../shared/rules/codes';
import { addMonths } from '../../../shared/rules/pointsLots';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal, takeNextSaleSeq } from '../terminal/terminalStore';
import { programRefOf, readProgram } from '../program/programStore';
import { appendPointsEntry, type WrittenEntry } from '../points/pointsLedger';
import { applyWritten, chainPoints, readMemberLots } from '../points/memberLots';
import { expireDueLots } from '../points/expiry';
import { appendOutbox } from '../outbox/outbox';
import { insertCouponUse } from '../coupons/couponStore';
import { issueCouponIfRunning } from '../coupons/coupons';
import {
  appendStoredValue,
  createGiftCard,
  giftCardByCode,
  type StoredValueWrite,
} from '../giftCards/giftCards';
import { upgradeTier } from '../members/tiers';
import { rewardReferral } from '../members/referrals';
import { addDaysIso, shopDay } from '../shopTime';
import { prepareCheckout, type BasketInput } from './checkout';
import { offlineRedemptionLimit } from './offlineRedemption';
import { audit } from '../audit/auditLog';
import { requireManagerPin } from '../staff/staffStore';
import { ringUpInShift, type TenderInput } from '../shift/shiftSales';
import { openShiftId } from '../shift/shiftStore';
import { insertSale, type NewSale } from './saleMutations';
import { receiptFor, saleExists } from './saleQueries';
import { receiptOfNewSale } from './saleReceipt';

export function saleNumber(terminalNumber: number, seq: number): string {
  return `${terminalNumber}-${String(seq).padStart(6, '0')}`;
}

/**
 * Records a sale: the sale, its lines, points entries, coupon uses, gift-card entries, the
 * member's cached balance and the outbox rows commit together or not at all. Synchronous on
 * purpose: nothing may await inside. Recording the same saleId again returns the first receipt
 * and writes nothing.
 *
 * The member's points ledger is read and replayed once, and each entry the sale writes is applied
 * to that replay, so expiry, what may be spent and the balance after all come from one read. The
 * receipt is built from the values written rather than read back.
 */
export function recordSale(
  ctx: CoreContext,
  input: BasketInput & TenderInput & { saleId: string },
): Receipt {
  const { db } = ctx;
  return db.transaction((): Receipt => {
    const terminal = requireTerminal(db);
    // A primary-key probe first: the full receipt is read only for a repeat.
    const existing = saleExists(db, input.saleId) ? receiptFor(db, terminal, input.saleId) : null;
    if (existing) {
      if (existing.sale.kind !== 'sale') {
        throw new DomainError('invalid_input', 'That id belongs to a refund, not a sale.', {
          field: 'saleId',
        });
      }
      return existing;
    }
    const program = readProgram(db);
    const stamp = stampWrite(ctx);
    const now = stamp.createdAt;
    const day = shopDay(ctx.now(), terminal.timeZone);
    const online = ctx.connectivity.online;
    const saleId = input.saleId;

    // Expiry catches up before anything is spent, so a terminal that was off for days
    // never lets a member spend points that expired meanwhile.
    const lots = input.memberId ? readMemberLots(db, input.memberId) : null;
    const expired = lots ? expireDueLots(db, stamp, lots) : [];
    const override = input.overridePin ? requireManagerPin(db, input.overridePin, ctx.now()) : null;
    // The offline limit only caps points redeemed: with none asked for it cannot refuse the sale.
    const limit =
      input.memberId && input.redeemPoints > 0 ? offlineRedemptionLimit(ctx, input.memberId) : null;
    const checkout = prepareCheckout(
      db,
      program,
      input,
      day,
      now,
      online,
      override ? null : limit,
      lots,
    );
    if (override && limit && checkout.priced.pointsRedeemed > limit.max) {
      audit(db, stamp, {
        action: 'offline_redemption.override',
        subjectType: 'sale',
        subjectId: saleId,
        approvedBy: override,
        before: { limit: limit.max, reason: limit.reason },
        after: { pointsRedeemed: checkout.priced.pointsRedeemed },
        reason: 'manager approved redeeming beyond the offline limit',
      });
    }
    const { priced, member } = checkout;
    const number = saleNumber(terminal.terminalNumber, takeNextSaleSeq(db));

    // Entries written after the member was read for pricing; expiry came before.
    const saleEntries: WrittenEntry[] = [];
    const keep = (written: WrittenEntry) => {
      if (lots) applyWritten(lots, written, now);
      saleEntries.push(written);
    };
    const pointsPending = program.pending.returnWindowDays > 0 ? priced.pointsEarned : 0;
    if (member && priced.pointsRedeemed > 0) {
      keep(
        appendPointsEntry(db, stamp, {
          memberId: member.id,
          kind: 'redeem',
          points: -priced.pointsRedeemed,
          saleId,
          reversesId: null,
        }).entry,
      );
    }
    if (member && priced.pointsEarned > 0) {
      keep(
        appendPointsEntry(db, stamp, {
          memberId: member.id,
          kind: 'earn',
          points: priced.pointsEarned,
          saleId,
          reversesId: null,
          availableAt: pointsPending > 0 ? addDaysIso(now, program.pending.returnWindowDays) : null,
          expiresAt: program.expiry.months > 0 ? addMonths(now, program.expiry.months) : null,
        }).entry,
      );
    }
    if (member) {
      rewardReferral(db, stamp, program, member.id, priced.earnBaseMinor, saleId).forEach(keep);
    }
    const entries = [...expired, ...saleEntries];

    const couponUses = checkout.coupons.map((coupon) => {
      const discount =
        priced.couponDiscounts.find((d) => d.code === coupon.row.code)?.discountMinor ?? 0;
      const id = insertCouponUse(db, stamp, {
        couponId: coupon.row.id,
        kind: 'redeemed',
        saleId,
        discountMinor: discount,
        offline: !online,
      });
      return {
        id,
        couponId: coupon.row.id,
        code: coupon.row.code,
        campaignId: coupon.row.campaign_id,
        discountMinor: discount,
      };
    });

    const storedValue: StoredValueWrite[] = [];
    for (const payment of checkout.giftCardPayments) {
      storedValue.push(
        appendStoredValue(db, stamp, payment.card, 'pay', -payment.amountMinor, saleId),
      );
    }
    const lineCodes = new Map<number, string>();
    priced.lines.forEach((line, index) => {
      if (line.kind === 'gift_card') {
        let code = makeCode('giftCard');
        while (giftCardByCode(db, code)) code = makeCode('giftCard');
        const card = createGiftCard(db, stamp, {
          code,
          currency: terminal.currency,
          expiresAt:
            program.giftCards.expiryMonths > 0
              ? addMonths(now, program.giftCards.expiryMonths)
              : null,
          saleId,
        });
        storedValue.push(appendStoredValue(db, stamp, card, 'activate', line.netMinor, saleId));
        lineCodes.set(index, code);
      } else if (line.kind === 'gift_card_topup') {
        const card = checkout.topUps.get(index);
        if (card) {
          storedValue.push(appendStoredValue(db, stamp, card, 'top_up', line.netMinor, saleId));
          lineCodes.set(index, card.code);
        }
      }
    });

    let tierBefore: string | null = null;
    let tierAfter: string | null = null;
    if (member && checkout.tier) {
      tierBefore = checkout.tier.id;
      // The sale row is written last (it records the balance after), so its spend is added here;
      // its earned points are already in the ledger.
      const extra = program.tiers.qualification === 'spend' ? priced.earnBaseMinor : 0;
      const change = upgradeTier(db, stamp, member.id, program, saleId, extra, checkout.tierId);
      tierAfter = change ? change.to.id : tierBefore;
    }
    const couponsIssued: CouponView[] = [];
    if (
      member &&
      program.coupons.nextOrder &&
      priced.earnBaseMinor >= program.coupons.nextOrder.spendMinor
    ) {
      const issued = issueCouponIfRunning(
        db,
        stamp,
        program,
        {
          campaignId: program.coupons.nextOrder.campaignId,
          memberId: member.id,
          source: 'next_order',
          saleId,
        },
        day.date,
      );
      if (issued) couponsIssued.push(issued);
    }

    const after = member && lots ? chainPoints(lots, now) : null;
    const sale: NewSale = {
      id: saleId,
      number,
      kind: 'sale',
      refundOf: null,
      memberId: member?.id ?? null,
      currency: terminal.currency,
      subtotalMinor: priced.subtotalMinor,
      discountMinor: priced.discountMinor,
      totalMinor: priced.totalMinor,
      taxMode: priced.taxMode,
      taxMinor: priced.taxMinor,
      pointsRedeemed: priced.pointsRedeemed,
      redeemValueMinor: priced.redeemValueMinor,
      giftCardMinor: priced.giftCardMinor,
      paidMinor: priced.paidMinor,
      earnBaseMinor: priced.earnBaseMinor,
      pointsEarned: priced.pointsEarned,
      pointsPending,
      pointsShortfallMinor: 0,
      balanceAfter: after ? after.available : null,
      pendingAfter: after ? after.pending : null,
      debtAfter: after ? after.debt : null,
      tierBefore,
      tierAfter,
      reason: null,
      offline: !online,
      offer: checkout.offer,
      lines: priced.lines.map((line, index) => ({
        lineNo: line.lineNo,
        description: line.description,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        amountMinor: line.amountMinor,
        sku: line.sku,
        category: line.category,
        kind: line.kind,
        discountMinor: line.discountMinor,
        netMinor: line.netMinor,
        pointsEarned: line.pointsEarned,
        giftCardCode: lineCodes.get(index) ?? null,
        refundsLineNo: null,
        taxRateBasisPoints: line.taxRateBasisPoints,
        taxMinor: line.taxMinor,
      })),
    };
    insertSale(db, stamp, sale);
    const payment = ringUpInShift(db, saleId, input, priced.paidMinor);
    appendOutbox(db, stamp, 'sale.recorded', {
      saleId,
      number,
      memberId: member?.id ?? null,
      currency: terminal.currency,
      totalMinor: priced.totalMinor,
      redeemValueMinor: priced.redeemValueMinor,
      paidMinor: priced.paidMinor,
      giftCardMinor: priced.giftCardMinor,
      earnBaseMinor: priced.earnBaseMinor,
      ...(priced.taxMode === 'none' ? {} : { taxMode: priced.taxMode, taxMinor: priced.taxMinor }),
      lines: priced.lines.map((line) => ({
        lineNo: line.lineNo,
        description: line.description,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        amountMinor: line.amountMinor,
        kind: line.kind,
        sku: line.sku,
        category: line.category,
        discountMinor: line.discountMinor,
        netMinor: line.netMinor,
        pointsEarned: line.pointsEarned,
        ...(line.taxRateBasisPoints === 0
          ? {}
          : { taxRateBasisPoints: line.taxRateBasisPoints, taxMinor: line.taxMinor }),
      })),
      offline: !online,
      program: programRefOf(db),
      // Head office has no tier rules of its own: it learns each member's tier from these.
      tierBefore,
      tierAfter,
      offer: checkout.offer
        ? {
            campaignId: checkout.offer.campaignId,
            variantId: checkout.offer.variantId,
            percent: checkout.offer.percent,
          }
        : null,
      pointsEntries: entries,
      couponUses: couponUses.map(({ id, couponId, code, discountMinor }) => ({
        id,
        couponId,
        code,
        discountMinor,
      })),
      storedValueEntries: storedValue,
      shiftId: openShiftId(db, terminal.terminalId),
      moneyTender: payment.tender,
      cashReceivedMinor: payment.cashReceivedMinor,
    });
    const pointsMoved = saleEntries
      .filter((entry) => entry.memberId === member?.id)
      .reduce((sum, entry) => sum + entry.points, 0);
    return receiptOfNewSale(db, terminal, program, stamp, sale, {
      member: member ? { ...member, pointsBalance: member.pointsBalance + pointsMoved } : null,
      couponsIssued,
      couponsRedeemed: couponUses,
      storedValue,
      payment,
    });
  })();
}
