import type { memberOperations } from '../../../shared/api/member';
import { cardNumberFrom } from '../../../shared/card';
import { normalisePhone } from '../../../shared/phone';
import { DomainError } from '../../../shared/result';
import type { HandlerMap } from '../api/handler';
import { memberHistory } from '../points/pointsLedger';
import { requireTerminal } from '../terminal/terminalStore';
import { enrollMember } from './enrollMember';
import { updateMember } from './updateMember';
import { memberByCard, memberById, memberByPhone, searchMembers } from './memberQueries';

export const memberHandlers: HandlerMap<keyof typeof memberOperations> = {
  'member.update': (ctx, input) => updateMember(ctx, input),
  'member.enroll': (ctx, input) => enrollMember(ctx, input),
  'member.search': (ctx, input) => {
    const query = input.query;
    // A card number, also as printed on the card ("2 71788 000001 0"): that member or nobody.
    const card = cardNumberFrom(query);
    if (card) {
      const byCard = memberByCard(ctx.db, card);
      return byCard ? [byCard] : [];
    }
    return searchMembers(ctx.db, query, input.limit ?? 20, requireTerminal(ctx.db).phoneCountry);
  },
  'member.byPhone': (ctx, input) => {
    const phone = normalisePhone(input.phone, requireTerminal(ctx.db).phoneCountry);
    if (!phone) {
      throw new DomainError('invalid_phone', 'That is not a valid phone number.', {
        field: 'phone',
      });
    }
    return memberByPhone(ctx.db, phone.e164);
  },
  'member.byCard': (ctx, input) => {
    const card = cardNumberFrom(input.cardNumber);
    if (!card) {
      throw new DomainError('invalid_card', 'That is not a valid card number.', {
        field: 'cardNumber',
      });
    }
    return memberByCard(ctx.db, card);
  },
  'member.get': (ctx, input) => {
    const member = memberById(ctx.db, input.memberId);
    if (!member) throw new DomainError('member_not_found', 'That member does not exist.');
    return member;
  },
  'member.history': (ctx, input) => {
    if (!memberById(ctx.db, input.memberId)) {
      throw new DomainError('member_not_found', 'That member does not exist.');
    }
    return memberHistory(ctx.db, input.memberId, input.limit ?? 200);
  },
};
