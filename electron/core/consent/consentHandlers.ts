import type { consentOperations } from '../../../shared/api/consent';
import type { HandlerMap } from '../api/handler';
import { liveMember } from '../members/liveMember';
import { stampWrite } from '../stamp';
import { currentWording } from './consentLedger';
import { consentOfMember, recordAnswers } from './recordConsent';

export const consentHandlers: HandlerMap<keyof typeof consentOperations> = {
  'consent.record': (ctx, input) =>
    ctx.db.transaction(() => {
      const member = liveMember(ctx.db, input.memberId);
      const stamp = stampWrite(ctx);
      recordAnswers(ctx, stamp, member.id, input.consent);
      return consentOfMember(ctx, input.memberId);
    })(),
  'consent.ofMember': (ctx, input) => consentOfMember(ctx, input.memberId),
  'consent.wording': (ctx, input) => currentWording(ctx.db, input.language),
};
