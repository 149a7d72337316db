import { z } from 'zod';
import { operation } from './operation';
import { id, pin, text } from './fields';
import {
  COMMENT_MAX,
  feedbackReasonTags,
  feedbackScales,
  scaleRange,
  type FeedbackScale,
  type FeedbackSettings,
} from '../rules/feedback';

/** One answer to the closing question, from the customer display or the cashier's screen. */
export const feedbackInput = z
  .strictObject({
    saleId: id.optional(),
    memberId: id.optional(),
    scale: z.enum(feedbackScales),
    score: z.number().int(),
    reasons: z
      .array(z.enum(feedbackReasonTags))
      .max(feedbackReasonTags.length)
      .refine((tags) => new Set(tags).size === tags.length, 'each reason once'),
    comment: text(COMMENT_MAX, { multiline: true }).optional(),
  })
  .superRefine((input, ctx) => {
    const { min, max } = scaleRange[input.scale];
    if (input.score < min || input.score > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `must be ${min} to ${max} on ${input.scale}`,
      });
    }
  });

export interface FeedbackResponse {
  id: string;
  saleId: string | null;
  memberId: string | null;
  scale: FeedbackScale;
  score: number;
  reasons: string[];
  comment: string;
  staffId: string | null;
  at: string;
}

/** A detractor's follow-up for the store manager. */
export interface FeedbackFollowUp {
  feedbackId: string;
  memberId: string | null;
  /** Whom the manager calls back: the member's name and phone; null for a walk-in. */
  member: { name: string; phone: string } | null;
  saleId: string | null;
  scale: FeedbackScale;
  score: number;
  reasons: string[];
  comment: string;
  answeredAt: string;
  dueAt: string;
  overdue: boolean;
  doneAt: string | null;
  note: string;
}

export interface MemberVoice {
  /** The newest responses, newest first (at most 5). */
  recent: FeedbackResponse[];
  lastScore: { scale: FeedbackScale; score: number; at: string } | null;
  /** Complaints not yet closed: the member screen's "handle with care". */
  openComplaints: number;
}

export const feedbackOperations = {
  /** Stores one response; a detractor opens a follow-up. Never touches the sale. */
  'feedback.record': operation<{ feedbackId: string }>()(feedbackInput, 'cashier'),
  /** The program's question: scale, sampling rate, members only, not-twice days, reason tags. */
  'feedback.settings': operation<FeedbackSettings>()(z.strictObject({}), 'cashier'),
  /** Whether to ask after this sale (sampling and not-twice rules); a read, never a wait. */
  'feedback.shouldAsk': operation<{ ask: boolean; scale: FeedbackScale }>()(
    z.strictObject({ saleId: id }),
    'cashier',
  ),
  /** Recent feedback, last score and open complaints of a member, for the member screen. */
  'feedback.ofMember': operation<MemberVoice>()(z.strictObject({ memberId: id }), 'cashier'),
  /** Detractors' follow-ups, open ones first, overdue flagged. */
  'feedback.followUps': operation<FeedbackFollowUp[]>()(
    z.strictObject({ includeDone: z.boolean().default(false), managerPin: pin.optional() }),
    'manager',
  ),
  /** The manager has called the customer back: closes the follow-up with a note. */
  'feedback.followUpDone': operation<FeedbackFollowUp>()(
    z.strictObject({
      feedbackId: id,
      note: text(500, { multiline: true }),
      managerPin: pin.optional(),
    }),
    'manager',
  ),
};
