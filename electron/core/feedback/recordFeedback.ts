import type { z } from 'zod';
import type { feedbackInput } from '../../../shared/api/feedback';
import { uuidv7 } from '../../../shared/ids';
import { DomainError } from '../../../shared/result';
import { followUpDueAt, isDetractor } from '../../../shared/rules/feedback';
import type { CoreContext } from '../context';
import { memberById } from '../members/memberQueries';
import { appendOutbox } from '../outbox/outbox';
import { readProgram } from '../program/programStore';
import { saleRowById } from '../sales/saleQueries';
import { stampWrite } from '../stamp';
import { insertFeedback, openFollowUp, saleHasFeedback } from './feedbackStore';

/**
 * Stores one answer to the closing question, in its own transaction after the sale has
 * committed: the sale never waits on it. A sale's member is taken from the sale when the
 * display does not name one. A detractor opens a follow-up due within the program's hours.
 */
export function recordFeedback(
  ctx: CoreContext,
  input: z.output<typeof feedbackInput>,
): { feedbackId: string } {
  const { db } = ctx;
  return db.transaction(() => {
    let memberId = input.memberId ?? null;
    const saleId = input.saleId ?? null;
    if (saleId !== null) {
      const sale = saleRowById(db, saleId);
      if (!sale) {
        throw new DomainError('sale_not_found', 'That sale is not on this terminal.', {
          field: 'saleId',
        });
      }
      if (saleHasFeedback(db, saleId)) {
        throw new DomainError('feedback_already_given', 'This sale already has an answer.', {
          field: 'saleId',
        });
      }
      memberId ??= sale.member_id;
    }
    if (memberId !== null && !memberById(db, memberId)) {
      throw new DomainError('member_not_found', 'That member does not exist.', {
        field: 'memberId',
      });
    }
    const stamp = stampWrite(ctx);
    const settings = readProgram(db).feedback;
    const feedback = {
      id: uuidv7(ctx.now()),
      saleId,
      memberId,
      scale: input.scale,
      score: input.score,
      reasons: input.reasons,
      comment: input.comment ?? '',
      storeId: stamp.storeId,
      terminalId: stamp.terminalId,
      staffId: stamp.staffId,
      at: stamp.createdAt,
      hlc: stamp.hlc,
    };
    insertFeedback(db, feedback);
    const dueAt = isDetractor(input.scale, input.score)
      ? followUpDueAt(stamp.createdAt, settings)
      : null;
    if (dueAt) openFollowUp(db, feedback.id, dueAt);
    appendOutbox(db, stamp, 'feedback.recorded', { ...feedback, followUpDueAt: dueAt });
    return { feedbackId: feedback.id };
  })();
}
