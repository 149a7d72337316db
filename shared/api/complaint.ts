import { z } from 'zod';
import { operation } from './operation';
import { id, pin, points, requiredText, text } from './fields';
import {
  complaintCategories,
  complaintSeverities,
  complaintStatuses,
  type ComplaintDeadlines,
  type ComplaintState,
} from '../rules/complaint';

/** What the cashier types to log a complaint: a member, or a walk-in's name and contact. */
export const complaintInput = z
  .strictObject({
    memberId: id.nullable(),
    contactName: text(60).nullable(),
    contact: text(80).nullable(),
    consentToContact: z.boolean(),
    category: z.enum(complaintCategories),
    severity: z.enum(complaintSeverities),
    saleIds: z
      .array(id)
      .max(10)
      .refine((ids) => new Set(ids).size === ids.length, 'each sale once'),
    whatHappened: requiredText(1000, { multiline: true }),
    customerWants: text(500, { multiline: true }),
  })
  .superRefine((input, ctx) => {
    if (input.memberId === null && !input.contactName) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactName'],
        message: 'a walk-in needs a name',
      });
    }
    if (input.memberId === null && input.consentToContact && !input.contact) {
      ctx.addIssue({
        code: 'custom',
        path: ['contact'],
        message: 'a customer who agreed to be contacted needs a way to reach them',
      });
    }
  });

/** A complaint as the screens show it: the fold, its deadlines and whether one is breached. */
export interface ComplaintView extends ComplaintState, ComplaintDeadlines {
  breached: boolean;
}

export const complaintOperations = {
  /** Logs a complaint (one `opened` event) and returns it with its ticket number. */
  'complaint.log': operation<ComplaintView>()(complaintInput, 'cashier'),
  /** One step in the lifecycle, with a note; acknowledged/started/answered/resolved/closed/reopened. */
  'complaint.step': operation<ComplaintView>()(
    z.strictObject({
      complaintId: id,
      step: z.enum([
        'acknowledged',
        'started',
        'responded',
        'escalated',
        'resolved',
        'closed',
        'reopened',
      ]),
      note: text(1000, { multiline: true }),
      managerPin: pin.optional(),
    }),
    'manager',
  ),
  /** Goodwill points or a coupon through the ledger, with a manager's PIN, tied to the complaint. */
  'complaint.goodwill': operation<ComplaintView>()(
    z
      .strictObject({
        complaintId: id,
        points: points.max(1_000_000),
        campaignId: requiredText(40).nullable(),
        note: text(400),
        managerPin: pin,
      })
      .refine((g) => g.points > 0 || g.campaignId !== null, 'points or a coupon'),
    'manager',
  ),
  'complaint.get': operation<ComplaintView>()(z.strictObject({ complaintId: id }), 'cashier'),
  /** The store's complaints, newest first; breaches flagged. */
  'complaint.list': operation<ComplaintView[]>()(
    z.strictObject({
      status: z.enum([...complaintStatuses, 'unresolved']).nullable(),
      memberId: id.nullable(),
      breachedOnly: z.boolean(),
      limit: z.number().int().min(1).max(200),
    }),
    'cashier',
  ),
};
