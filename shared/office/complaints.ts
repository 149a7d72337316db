import { z } from 'zod';
import { id } from '../api/fields';
import { requiredText, searchText, text } from '../text';
import { complaintCategories, complaintSeverities, complaintStatuses } from '../rules/complaint';
import { complaintEvent } from '../sync/operations';

/**
 * Head office's complaints queue (issue 13 §4): every store's complaints, filtered by status,
 * severity, store, category and missed deadline, searched in their text (a Chinese fragment finds
 * 王小明's complaint as the terminal's search does: a substring, not a word), and the steps head
 * office takes, which flow back to the store on the complaints stream.
 */
export const complaintQueueQuery = z.object({
  status: z.enum([...complaintStatuses, 'unresolved']).optional(),
  severity: z.enum(complaintSeverities).optional(),
  category: z.enum(complaintCategories).optional(),
  storeId: id.optional(),
  breached: z.enum(['true', 'false']).optional(),
  q: searchText(80).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const complaintRow = z.strictObject({
  id: z.string(),
  ticket: z.string(),
  storeId: z.string().nullable(),
  memberId: z.string().nullable(),
  category: z.enum(complaintCategories),
  severity: z.enum(complaintSeverities),
  status: z.enum(complaintStatuses),
  escalated: z.boolean(),
  assignee: z.string().nullable(),
  openedAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  firstResponseDueAt: z.string(),
  resolutionDueAt: z.string(),
  breached: z.boolean(),
  goodwillPoints: z.number().int(),
  goodwillCostMinor: z.number().int(),
});
export type ComplaintRow = z.infer<typeof complaintRow>;

export const complaintQueue = z.strictObject({ complaints: z.array(complaintRow) });
export type ComplaintQueue = z.infer<typeof complaintQueue>;

export const complaintDetail = z.strictObject({
  complaint: complaintRow,
  whatHappened: z.string(),
  customerWants: z.string(),
  events: z.array(complaintEvent),
});
export type ComplaintDetail = z.infer<typeof complaintDetail>;

/** A step head office takes: assign, answer, resolve, reopen (and the rest of the lifecycle). */
export const complaintStepRequest = z
  .strictObject({
    step: z.enum([
      'acknowledged',
      'started',
      'responded',
      'assigned',
      'resolved',
      'closed',
      'reopened',
    ]),
    note: text(1000, { multiline: true }),
    assignee: requiredText(80).optional(),
  })
  .refine((r) => (r.step === 'assigned') === (r.assignee !== undefined), {
    path: ['assignee'],
    message: 'an assignment names who, and only an assignment does',
  });
export type ComplaintStepRequest = z.infer<typeof complaintStepRequest>;
