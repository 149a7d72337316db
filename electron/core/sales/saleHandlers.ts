import type { saleOperations } from '../../../shared/api/sale';
import { DomainError } from '../../../shared/result';
import type { HandlerMap } from '../api/handler';
import { requireTerminal } from '../terminal/terminalStore';
import { priceBasket } from './basket';
import { recordSale } from './recordSale';
import { refundSale } from './refundSale';
import { receiptFor, recentSales } from './saleQueries';

export const saleHandlers: HandlerMap<keyof typeof saleOperations> = {
  'sale.preview': (ctx, input) => {
    const priced = priceBasket(ctx.db, requireTerminal(ctx.db), input);
    return {
      totalMinor: priced.totalMinor,
      redeemValueMinor: priced.redeemValueMinor,
      paidMinor: priced.paidMinor,
      pointsEarned: priced.pointsEarned,
      pointsRedeemed: priced.pointsRedeemed,
      maxRedeemablePoints: priced.maxRedeemablePoints,
      redeemStep: priced.redeemStep,
      balanceAfter: priced.member
        ? priced.member.pointsBalance - priced.pointsRedeemed + priced.pointsEarned
        : null,
    };
  },
  'sale.record': (ctx, input) => recordSale(ctx, input),
  'sale.refund': (ctx, input) => refundSale(ctx, input),
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
