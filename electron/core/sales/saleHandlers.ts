import type { saleOperations } from '../../../shared/api/sale';
import { DomainError } from '../../../shared/result';
import type { HandlerMap } from '../api/handler';
import { requireTerminal } from '../terminal/terminalStore';
import { readProgram } from '../program/programStore';
import { shopDay } from '../shopTime';
import { prepareCheckout } from './checkout';
import { offlineRedemptionLimit } from './offlineRedemption';
import { requireManagerPin } from '../staff/staffStore';
import { recordSale } from './recordSale';
import { refundSale } from './refundSale';
import { receiptFor, recentSales } from './saleQueries';
import { campaignOf } from '../coupons/coupons';
import { audit } from '../audit/auditLog';
import { stampWrite } from '../stamp';

export const saleHandlers: HandlerMap<keyof typeof saleOperations> = {
  'sale.preview': (ctx, input) => {
    const terminal = requireTerminal(ctx.db);
    const program = readProgram(ctx.db);
    const now = new Date(ctx.now()).toISOString();
    const day = shopDay(ctx.now(), terminal.timeZone);
    const override = input.overridePin
      ? requireManagerPin(ctx.db, input.overridePin, ctx.now())
      : null;
    const limit = input.memberId ? offlineRedemptionLimit(ctx, input.memberId) : null;
    const { priced, points, coupons, offer } = prepareCheckout(
      ctx.db,
      program,
      input,
      day,
      now,
      ctx.connectivity.online,
      override ? null : limit,
    );
    return {
      lines: priced.lines.map((line) => ({
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
        giftCardCode: null,
        refundsLineNo: null,
        refundedQuantity: 0,
        taxRateBasisPoints: line.taxRateBasisPoints,
        taxMinor: line.taxMinor,
      })),
      subtotalMinor: priced.subtotalMinor,
      discountMinor: priced.discountMinor,
      totalMinor: priced.totalMinor,
      taxMode: priced.taxMode,
      taxMinor: priced.taxMinor,
      couponDiscounts: priced.couponDiscounts.map((d) => ({
        ...d,
        campaignName:
          campaignOf(program, coupons.find((c) => c.row.code === d.code)?.row.campaign_id ?? '')
            ?.name ?? '',
      })),
      redeemValueMinor: priced.redeemValueMinor,
      giftCardMinor: priced.giftCardMinor,
      paidMinor: priced.paidMinor,
      pointsEarned: priced.pointsEarned,
      pointsRedeemed: priced.pointsRedeemed,
      maxRedeemablePoints: priced.maxRedeemablePoints,
      redeemStep: priced.redeemStep,
      minimumRedeemPoints: program.redemption.minimumPoints,
      balanceAfter: points
        ? points.available -
          priced.pointsRedeemed +
          (program.pending.returnWindowDays > 0 ? 0 : priced.pointsEarned)
        : null,
      tierPercent: priced.tierPercent,
      promotionPercent: priced.promotionPercent,
      campaignOffer: offer
        ? {
            campaignName: offer.campaignName,
            percent: offer.percent,
            to: offer.to,
          }
        : null,
      offlineLimit: override ? null : limit,
    };
  },
  'sale.record': (ctx, input) => recordSale(ctx, input),
  'sale.refund': (ctx, input) => refundSale(ctx, input),
  'sale.approvePriceChange': (ctx, input) => {
    if (input.fromMinor === input.toMinor) {
      throw new DomainError('invalid_input', 'The new price is the price the line already has.', {
        field: 'toMinor',
      });
    }
    const approvedBy = requireManagerPin(ctx.db, input.managerPin, ctx.now());
    audit(ctx.db, stampWrite(ctx), {
      action: 'sale.price_change',
      subjectType: 'sale',
      subjectId: input.saleId,
      approvedBy,
      before: { unitPriceMinor: input.fromMinor },
      after: { unitPriceMinor: input.toMinor },
      reason: input.description || null,
    });
    return { approvedBy };
  },
  'sale.get': (ctx, input) => {
    const receipt = receiptFor(ctx.db, requireTerminal(ctx.db), input.saleId);
    if (!receipt) throw new DomainError('sale_not_found', 'No sale has that id.');
    return receipt;
  },
  'sale.recent': (ctx, input) =>
    recentSales(
      ctx.db,
      requireTerminal(ctx.db).terminalNumber,
      input.query || undefined,
      input.limit ?? 30,
    ),
};
