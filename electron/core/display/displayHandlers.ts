import type { displayOperations } from '../../../shared/api/display';
import {
  displayTaxOf,
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
import { displayConsentChannels } from '../../../shared/api/display';
import { consentHandlers } from '../consent/consentHandlers';
import { currentWording } from '../consent/consentLedger';
import { liveMember } from '../members/liveMember';
import {
  askConsent,
  askQuestion,
  closeConsent,
  newPairingCode,
  pairDisplay,
  showBasket,
} from './displayRoom';

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
      ...displayTaxOf(sale.taxMode, sale.taxMinor),
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
  'display.status': (ctx) => ({ paired: ctx.display.tokens.size > 0 }),
  'display.askConsent': (ctx, input) => {
    const member = liveMember(ctx.db, input.memberId);
    // Each purpose in head office's current wording, in the member's language, as enrolment
    // reads it; a purpose without wording on this terminal yet is not asked.
    const language = member.preferredLanguage;
    const purposes = currentWording(ctx.db, language).map((w) => ({
      purpose: w.purpose,
      text: w.text,
      version: w.version,
      channels: [...displayConsentChannels],
    }));
    if (purposes.length === 0) {
      throw new DomainError('consent_not_asked', 'There is no consent wording to ask yet.');
    }
    askConsent(ctx.display, { language, purposes }, member.id);
    return currentView(ctx);
  },
  'display.clearConsent': (ctx) => {
    if (ctx.display.state.consent) closeConsent(ctx.display, false);
    return currentView(ctx);
  },
  'display.answerConsent': (ctx, input) => {
    const asked = ctx.display.state.consent;
    const memberId = ctx.display.consentMemberId;
    if (!asked || !memberId) {
      throw new DomainError('consent_not_asked', 'The till is not asking for consent now.');
    }
    // Each question asked with the customer's answer and the wording version it was shown in.
    const given = new Map(input.answers.map((a) => [`${a.channel}:${a.purpose}`, a.answer]));
    const answers = asked.purposes.flatMap((p) =>
      p.channels.flatMap((channel) => {
        const answer = given.get(`${channel}:${p.purpose}`);
        return answer ? [{ channel, purpose: p.purpose, answer, wordingVersion: p.version }] : [];
      }),
    );
    // Every question asked, each once, nothing else: a half-answered screen records nothing.
    const questions = asked.purposes.reduce((n, p) => n + p.channels.length, 0);
    if (input.answers.length !== questions || answers.length !== questions) {
      throw new DomainError('invalid_input', 'Answer every question asked, once.', {
        field: 'answers',
      });
    }
    consentHandlers['consent.record'](ctx, {
      memberId,
      consent: { method: 'display_tap', language: asked.language, answers },
    });
    closeConsent(ctx.display, true);
    return currentView(ctx);
  },
};
