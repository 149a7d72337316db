import type { displayOperations } from '../../../shared/api/display';
import {
  displayViewOf,
  type DisplayMemberFacts,
  type DisplayView,
} from '../../../shared/display/displayView';
import { DomainError } from '../../../shared/result';
import type { HandlerMap } from '../api/handler';
import type { CoreContext } from '../context';
import { loyaltyHandlers } from '../loyalty/loyaltyHandlers';
import { memberById } from '../members/memberQueries';
import { readProgram } from '../program/programStore';
import { saleById } from '../sales/saleQueries';
import { requireTerminal } from '../terminal/terminalStore';
import { askQuestion, newPairingCode, pairDisplay, showBasket } from './displayRoom';

/** The member's facts the view may draw on, read fresh so points and tier are current. */
function memberFacts(ctx: CoreContext, memberId: string | null): DisplayMemberFacts | null {
  if (!memberId) return null;
  const member = memberById(ctx.db, memberId);
  if (!member) return null;
  const loyalty = loyaltyHandlers['member.loyalty'](ctx, { memberId });
  return {
    name: member.name,
    preferredLanguage: member.preferredLanguage,
    available: loyalty.available,
    tierName: loyalty.tier.name,
    nextTierName: loyalty.nextTier?.name ?? null,
    remainingToNext: loyalty.remainingToNext,
    qualification: loyalty.qualification,
  };
}

/** The view as the display shows it now. */
export function currentView(ctx: CoreContext): DisplayView {
  const terminal = requireTerminal(ctx.db);
  const room = ctx.display;
  const memberId = room.state.basket?.memberId ?? null;
  return displayViewOf(
    room.state,
    { locale: terminal.locale, currency: terminal.currency },
    memberFacts(ctx, memberId),
  );
}

export const displayHandlers: HandlerMap<keyof typeof displayOperations> = {
  'display.show': (ctx, input) => {
    if (input.memberId && !memberById(ctx.db, input.memberId)) {
      throw new DomainError('member_not_found', 'That member does not exist.', {
        field: 'memberId',
      });
    }
    showBasket(ctx.display, input);
    return currentView(ctx);
  },
  'display.ask': (ctx, input) => {
    // The question is about a sale this terminal recorded; its member is the sale's.
    const sale = saleById(ctx.db, input.saleId);
    if (!sale || sale.kind !== 'sale')
      throw new DomainError('sale_not_found', 'That sale does not exist.', { field: 'saleId' });
    const memberId = sale.member?.id ?? null;
    // The question is asked over the sale as recorded, whatever the till has rung up since.
    showBasket(ctx.display, {
      memberId,
      lines: sale.lines.map(({ description, quantity, amountMinor }) => ({
        description,
        quantity,
        amountMinor,
      })),
      totalMinor: sale.totalMinor,
      pointsToEarn: sale.pointsEarned,
    });
    const reasonTags = (readProgram(ctx.db) as { feedback?: { reasonTags?: string[] } }).feedback
      ?.reasonTags;
    askQuestion(
      ctx.display,
      { saleId: input.saleId, scale: input.scale, reasonTags: reasonTags ?? [] },
      memberId,
    );
    return currentView(ctx);
  },
  'display.pairingCode': (ctx) => {
    const { code, expiresAt } = newPairingCode(ctx.display, ctx.now());
    return { code, expiresAt: new Date(expiresAt).toISOString() };
  },
  'display.pair': (ctx, input) => {
    requireTerminal(ctx.db);
    return { token: pairDisplay(ctx.display, input.code, ctx.now()) };
  },
  'display.view': (ctx) => currentView(ctx),
};
