import { z } from 'zod';
import { id } from '../api/fields';

/**
 * Data-subject requests (issue 14 §2): a member asks to see (access), correct or erase what the
 * chain holds about them. Head office logs each with the date it was received and the date it is
 * due (40 days under Hong Kong's PDPO unless the chain sets another number of days).
 */
export const dataRequestKinds = ['access', 'correction', 'erasure'] as const;
export type DataRequestKind = (typeof dataRequestKinds)[number];

export const dataRequestStatuses = ['open', 'in_progress', 'completed', 'rejected'] as const;
export type DataRequestStatus = (typeof dataRequestStatuses)[number];

/** PDPO s.19: a data access request is answered within 40 days. */
export const DEFAULT_REQUEST_DEADLINE_DAYS = 40;

const day = z.iso.date();

/** A note on a request: free text, so erasure of the member clears it too. */
const note = z
  .string()
  .trim()
  .max(2000)
  // eslint-disable-next-line no-control-regex
  .refine((t) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(t), {
    message: 'must not contain control characters',
  });

export const newDataRequest = z.strictObject({
  kind: z.enum(dataRequestKinds),
  memberId: id,
  /** The day the request reached the chain (default: today at head office). */
  receivedOn: day.optional(),
  note: note.optional(),
});
export type NewDataRequest = z.infer<typeof newDataRequest>;

export const dataRequestView = z.strictObject({
  id,
  /** A short reference for people: "request 12". */
  number: z.number().int().min(1),
  kind: z.enum(dataRequestKinds),
  memberId: id,
  receivedOn: day,
  dueOn: day,
  status: z.enum(dataRequestStatuses),
  /** Still open or in progress after the day it was due. */
  overdue: z.boolean(),
  note: z.string().nullable(),
  requestedBy: z.string(),
  /** Erasure: the second admin who approved it. */
  approvedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type DataRequestView = z.infer<typeof dataRequestView>;

export const dataRequestList = z.strictObject({
  requests: z.array(dataRequestView),
  /** How many of all open or in-progress requests are overdue. */
  overdueCount: z.number().int().min(0),
});
export type DataRequestList = z.infer<typeof dataRequestList>;

export const listDataRequestsQuery = z.strictObject({
  status: z.enum(dataRequestStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

/**
 * Moving an access or correction request along. An erasure is completed only by its approval
 * (POST …/approve-erasure), never here; it may be rejected here.
 */
export const setDataRequestStatus = z.strictObject({
  status: z.enum(['in_progress', 'completed', 'rejected']),
  note: note.optional(),
});

/** How long requests may take and how long inactive members are kept. */
export const privacyPolicy = z.strictObject({
  requestDeadlineDays: z.number().int().min(1).max(365),
  /** Members with no activity for this many years are anonymised; null: never. */
  retentionYears: z.number().int().min(1).max(100).nullable(),
  /** How many days ahead the retention report lists members about to be anonymised. */
  retentionNoticeDays: z.number().int().min(1).max(365),
});
export type PrivacyPolicy = z.infer<typeof privacyPolicy>;

export const retentionCandidate = z.strictObject({
  memberId: id,
  cardNumber: z.string(),
  lastActivityAt: z.string(),
  /** The day the retention job anonymises them unless they come back before. */
  anonymisedOn: day,
});
export const retentionReport = z.strictObject({
  retentionYears: z.number().int().nullable(),
  members: z.array(retentionCandidate),
});
export type RetentionReport = z.infer<typeof retentionReport>;

export const memberExportQuery = z.strictObject({ format: z.enum(['json', 'pdf']).optional() });

/**
 * A member's export: every section that holds something about them, each a list of rows. New
 * tables (feedback, messages, views of their record) add a section, not a new shape.
 */
export const memberExport = z.strictObject({
  memberId: id,
  exportedAt: z.string(),
  language: z.enum(['en', 'zh-Hant', 'zh-Hans']),
  sections: z.array(
    z.strictObject({
      name: z.string(),
      rows: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});
export type MemberExport = z.infer<typeof memberExport>;

/** What an erasure did, as the approving admin sees it. */
export const erasureView = z.strictObject({
  memberId: id,
  /** The id financial rows are kept under: the member's own, which names nobody. */
  pseudonym: z.string(),
  erasedAt: z.string(),
  request: dataRequestView.nullable(),
});
export type ErasureView = z.infer<typeof erasureView>;
