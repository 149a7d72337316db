import type { feedbackOperations } from '../../../shared/api/feedback';
import { DomainError } from '../../../shared/result';
import { shouldAsk } from '../../../shared/rules/feedback';
import type { HandlerMap } from '../api/handler';
import { openComplaintsOfMember } from '../complaints/complaintStore';
import { memberById } from '../members/memberQueries';
import { readProgram } from '../program/programStore';
import { saleRowById } from '../sales/saleQueries';
import { audit } from '../audit/auditLog';
import { stampWrite } from '../stamp';
import {
  closeFollowUp,
  followUps,
  lastAnswerOfMember,
  recentFeedbackOfMember,
  saleHasFeedback,
} from './feedbackStore';
import { recordFeedback } from './recordFeedback';

export const feedbackHandlers: HandlerMap<keyof typeof feedbackOperations> = {
  'feedback.record': (ctx, input) => recordFeedback(ctx, input),
  'feedback.settings': (ctx) => readProgram(ctx.db).feedback,
  'feedback.shouldAsk': (ctx, input) => {
    const { db } = ctx;
    const settings = readProgram(db).feedback;
    const sale = saleRowById(db, input.saleId);
    if (!sale) {
      throw new DomainError('sale_not_found', 'That sale is not on this terminal.', {
        field: 'saleId',
      });
    }
    // A refund is not a visit to ask about.
    const ask =
      sale.kind === 'sale' &&
      shouldAsk(settings, {
        saleId: sale.id,
        memberId: sale.member_id,
        memberLastAnsweredAt: sale.member_id ? lastAnswerOfMember(db, sale.member_id) : null,
        saleAnswered: saleHasFeedback(db, sale.id),
        now: new Date(ctx.now()),
      });
    return { ask, scale: settings.scale };
  },
  'feedback.ofMember': (ctx, input) => {
    const { db } = ctx;
    if (!memberById(db, input.memberId)) {
      throw new DomainError('member_not_found', 'That member does not exist.', {
        field: 'memberId',
      });
    }
    const recent = recentFeedbackOfMember(db, input.memberId, 5);
    const last = recent[0];
    return {
      recent,
      lastScore: last ? { scale: last.scale, score: last.score, at: last.at } : null,
      openComplaints: openComplaintsOfMember(ctx, input.memberId),
    };
  },
  'feedback.followUps': (ctx, input) =>
    followUps(ctx.db, input.includeDone, new Date(ctx.now()).toISOString()),
  'feedback.followUpDone': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const stamp = stampWrite(ctx);
      const before = followUps(db, true, stamp.createdAt, input.feedbackId)[0];
      if (!before || before.doneAt !== null) {
        throw new DomainError(
          'follow_up_not_found',
          'There is no open follow-up for that answer.',
          {
            field: 'feedbackId',
          },
        );
      }
      closeFollowUp(db, input.feedbackId, stamp.createdAt, stamp.staffId, input.note);
      audit(db, stamp, {
        action: 'feedback.followUpDone',
        subjectType: 'feedback',
        subjectId: input.feedbackId,
        approvedBy: null,
        before: { doneAt: null },
        after: { doneAt: stamp.createdAt },
        reason: input.note || null,
      });
      const after = followUps(db, true, stamp.createdAt, input.feedbackId)[0];
      if (!after) throw new Error('follow-up vanished');
      return after;
    })();
  },
};
