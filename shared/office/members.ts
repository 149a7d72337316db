import { z } from 'zod';
import { id } from '../api/fields';
import { errorBody } from '../contract/errors';
import { admin, roleGroups, route } from '../contract/route';
import { rfmSegments } from '../analytics/rfm';
import { memberConsentView } from './consent';
import { memberImportRoutes } from './memberImport';

/**
 * The single customer view at head office (issue 15 §1), role-gated and audited (issue 14 §3):
 * every answer that shows a member's personal data is logged in member_views with the reason the
 * person picked before it was shown.
 */
export const memberViewReasons = [
  'customer_enquiry',
  'complaint',
  'data_subject_request',
  'fraud_check',
] as const;
export type MemberViewReason = (typeof memberViewReasons)[number];

const reason = z.enum(memberViewReasons);

/** Phone digits, a card number, or a name fragment (Chinese fragments too, as on the terminal). */
export const memberSearchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\p{Cc}]+$/u, 'no control characters'),
  reason,
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type MemberSearchQuery = z.output<typeof memberSearchQuery>;

export const memberPageQuery = z.strictObject({ reason });

export const memberFound = z.strictObject({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  cardNumber: z.string(),
  enrolledStoreName: z.string(),
});
export const memberSearchResult = z.strictObject({ members: z.array(memberFound) });
export type MemberSearchResult = z.infer<typeof memberSearchResult>;

/**
 * What a member page's timeline holds. Each kind comes from one source (server/members/
 * timelineSources.ts); a later event kind (feedback, complaints, messages, campaign
 * assignments) is one more source and one more kind here.
 */
export const timelineKinds = [
  'enrolled',
  'sale',
  'refund',
  'points',
  'coupon_issued',
  'coupon_redeemed',
  'gift_card',
  'referral',
  'exception',
  'merge',
  'consent',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineEntry = z.strictObject({
  at: z.iso.datetime(),
  kind: z.enum(timelineKinds),
  storeName: z.string().nullable(),
  amountMinor: z.number().int().nullable(),
  points: z.number().int().nullable(),
  /**
   * A reference people can quote: a receipt number, a coupon code, a card number. Where the row
   * names something instead, the page words it: a points entry's kind, an exception's
   * `kind #number`, a consent answer as `channel:purpose:answer`.
   */
  reference: z.string(),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

const int = z.number().int();

export const memberValueView = z.strictObject({
  lifetimeSpendMinor: int,
  last12MonthsSpendMinor: int,
  visits: int,
  /** Null below two visits. */
  averageDaysBetweenVisits: int.nullable(),
  /** Null for a member who never bought. */
  rfmSegment: z.enum(rfmSegments).nullable(),
});

export const memberPage = z.strictObject({
  profile: z.strictObject({
    id: z.string(),
    name: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    birthday: z.string().nullable(),
    cardNumber: z.string(),
    enrolledAt: z.string(),
    enrolledStoreName: z.string(),
    /** Members merged into this one (duplicate enrollments). */
    mergedFrom: z.array(z.string()),
  }),
  consent: memberConsentView,
  tier: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  points: z.strictObject({
    balance: int,
    lots: z.array(z.strictObject({ remaining: int, expiresAt: z.string().nullable() })),
  }),
  value: memberValueView,
  /** Newest first, at most MEMBER_TIMELINE_LIMIT entries. */
  timeline: z.array(timelineEntry),
});
export type MemberPage = z.infer<typeof memberPage>;

export const MEMBER_TIMELINE_LIMIT = 500;

const byId = z.strictObject({ id });

/** /admin/members: people who may see personal data only; each answer is logged. */
export const memberRoutes = {
  'members.search': route({
    method: 'GET',
    path: '/admin/members',
    summary:
      'Members by phone, card or name fragment across every store (logged with the reason given)',
    auth: admin(roleGroups.personalData),
    request: { query: memberSearchQuery },
    responses: { 200: memberSearchResult },
  }),
  'members.get': route({
    method: 'GET',
    path: '/admin/members/:id',
    summary:
      'A member across every store: profile, consent, tier, points, value and timeline (logged with the reason given)',
    auth: admin(roleGroups.personalData),
    request: { params: byId, query: memberPageQuery },
    responses: { 200: memberPage, 404: errorBody },
  }),
  ...memberImportRoutes,
};
