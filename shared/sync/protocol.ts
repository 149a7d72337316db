import { z } from 'zod';
import { programSchema } from '../program';
import { locales } from '../locale';
import { consentPurposes } from '../rules/consent';
import { consentEvent } from './operations';

/**
 * The sync protocol between a terminal and head office. Every body is `unknown` until these
 * schemas parse it, on both sides.
 *
 * Push: the terminal sends its outbox in `seq` order. Per batch, in one transaction, head office
 * answers what it already applied with the stored outcome, refuses a gap, applies the rest and
 * records the terminal's high-water mark. Delivering a batch twice, in any order, changes nothing.
 *
 * Pull: head office keeps one gapless, commit-ordered sequence per stream. The terminal keeps one
 * cursor per stream and applies a page together with its new cursor in one transaction.
 */

export const SYNC_PROTOCOL_VERSION = 1;

/** Largest number of operations in one push. */
export const MAX_PUSH_BATCH = 500;
/** Largest page a pull returns. */
export const MAX_PULL_PAGE = 1000;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const hlc = z.string().regex(/^\d{15}-\d{5}-.{1,64}$/);

/** One outbox row as it travels. `payload` is parsed per `type` by whoever applies it. */
export const syncOperation = z.strictObject({
  seq: z.number().int().min(1),
  opId: uuid,
  type: z.string().min(1).max(64),
  hlc,
  createdAt: z.iso.datetime(),
  staffId: uuid,
  payload: z.unknown(),
});
export type SyncOperation = z.infer<typeof syncOperation>;

/**
 * Operations still waiting in the terminal's outbox when it sent the request (optional: older
 * terminals do not send it). Head office shows it as "changes waiting" for the terminal.
 */
const outboxPending = z.number().int().min(0).max(1_000_000_000).optional();

export const pushRequest = z.strictObject({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  terminalId: uuid,
  operations: z.array(syncOperation).min(1).max(MAX_PUSH_BATCH),
  outboxPending,
});
export type PushRequest = z.infer<typeof pushRequest>;

/**
 * What head office did with one operation:
 * - `accepted`: applied as sent.
 * - `compensated`: applied, and head office recorded something the terminal must learn (an
 *   overdraft, a coupon another store redeemed first, a member merged into another, points it
 *   counted differently, an adjustment held for approval); the fact is in `compensation` and an
 *   exception was raised for a manager.
 * - `rejected`: head office could not apply it at all (a type it does not know, a payload
 *   outside its schema, text it cannot store, a value it cannot hold). It is kept with its payload
 *   as a `rejected_operation` exception and acknowledged, so the operations behind it go on.
 */
export const compensationKinds = [
  'overdraft',
  'coupon_already_redeemed',
  'member_merged',
  'unknown_member',
  'points_recomputed',
  'adjustment_held',
  'voided_coupon_redeemed',
  'rejected',
] as const;
export type CompensationKind = (typeof compensationKinds)[number];

export const operationOutcome = z.strictObject({
  seq: z.number().int().min(1),
  opId: uuid,
  outcome: z.enum(['accepted', 'compensated', 'rejected']),
  /** True when this op had been applied before and this is the stored answer. */
  duplicate: z.boolean(),
  compensation: z
    .strictObject({
      kind: z.enum(compensationKinds),
      exceptionId: uuid.nullable(),
      message: z.string().max(500),
    })
    .nullable(),
});
export type OperationOutcome = z.infer<typeof operationOutcome>;

export const pushResponse = z.strictObject({
  /** Highest seq head office has applied for this terminal, after this batch. */
  highWaterMark: z.number().int().min(0),
  outcomes: z.array(operationOutcome),
  /** Set when the batch skipped ahead: head office expects this seq next and applied nothing after the gap. */
  gapExpectedSeq: z.number().int().min(1).nullable(),
  /** Head office's clock, for the terminal's drift check. */
  serverTime: z.iso.datetime(),
});
export type PushResponse = z.infer<typeof pushResponse>;

export const streams = [
  'members',
  'balances',
  'coupons',
  'config',
  'consent',
  'erasures',
  'offers',
  'complaints',
  'products',
] as const;
export type StreamName = (typeof streams)[number];

/**
 * Whose program the terminal prices with, sent with its config pulls (optional: older terminals
 * do not send it). Head office shows a terminal's drift from it.
 */
export const terminalProgramState = z.strictObject({
  owner: z.enum(['terminal', 'head_office']),
  /** The terminal's own program version. */
  version: z.number().int().min(0).max(1_000_000_000),
  /** The head-office configuration it follows; null while it keeps its own program. */
  headOfficeVersion: z.number().int().min(1).max(1_000_000_000).nullable(),
  /** Head office's program is waiting on the terminal for the manager's decision. */
  offerWaiting: z.boolean(),
});
export type TerminalProgramState = z.infer<typeof terminalProgramState>;

export const pullRequest = z.strictObject({
  stream: z.enum(streams),
  /** Last sequence the terminal applied for this stream; 0 for none. */
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_PAGE),
  outboxPending,
  program: terminalProgramState.optional(),
});
export type PullRequest = z.infer<typeof pullRequest>;

export const pulledMember = z.strictObject({
  id: uuid,
  cardNumber: z.string().max(20),
  name: z.string().max(200),
  phoneE164: z.string().max(20),
  email: z.string().max(254).nullable(),
  birthday: z.string().max(10).nullable(),
  marketingConsent: z.boolean(),
  consentAt: z.string().nullable(),
  enrolledAt: z.string(),
  enrolledStoreId: uuid,
  enrolledStoreName: z.string().max(200),
  enrolledTerminalId: uuid,
  /** The member's own code for referring friends; null for members enrolled without one. */
  referralCode: z.string().max(40).nullable(),
  /** Set when head office merged this member into another (duplicate enrollment). */
  mergedInto: uuid.nullable(),
  /** Latest clock of any field edit, for last-writer-wins per field. */
  hlc,
});
export type PulledMember = z.infer<typeof pulledMember>;

/**
 * A member's balance as head office knows it. It includes every operation of the pulling terminal
 * up to `terminalHighWaterMark`; the terminal adds its own entries after that mark on top.
 */
export const pulledBalance = z.strictObject({
  memberId: uuid,
  points: z.number().int(),
});
export type PulledBalance = z.infer<typeof pulledBalance>;

/**
 * A single-use coupon as head office knows it, one item per change (issued, redeemed, returned).
 * `redeemed` means head office counts a redemption that has not been returned; the first one in
 * head office's order holds it (`redeemedSaleId`), and any later one was raised as an exception.
 * A coupon appears once head office has its `coupon.issued`; a redemption that arrives before that
 * is carried by the coupon's first item.
 */
export const pulledCoupon = z.strictObject({
  couponId: uuid,
  code: z.string().max(64),
  campaignId: z.string().max(40),
  memberId: uuid.nullable(),
  validFrom: z.iso.date().nullable(),
  validTo: z.iso.date().nullable(),
  /** `voided`: the sale that earned it was refunded in full; it can never be used. */
  state: z.enum(['issued', 'redeemed', 'voided']),
  redeemedSaleId: uuid.nullable(),
});
export type PulledCoupon = z.infer<typeof pulledCoupon>;

/**
 * An item of the consent stream: an event recorded anywhere in the chain (terminals apply it
 * through the same writer as their own), or a version of the wording head office published.
 */
export const pulledConsentWording = z.strictObject({
  purpose: z.enum(consentPurposes),
  version: z.number().int().min(1).max(1_000_000),
  language: z.enum(locales),
  text: z.string().min(1).max(2000),
  publishedAt: z.string().max(40),
});
export type PulledConsentWording = z.infer<typeof pulledConsentWording>;
export const pulledConsent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), event: consentEvent }),
  z.strictObject({ kind: z.literal('wording'), wording: pulledConsentWording }),
]);
export type PulledConsent = z.infer<typeof pulledConsent>;

/**
 * An item of the erasures stream: a member head office anonymised (issue 14 §2). The terminal
 * scrubs their personal data from its member row, search index and outbox, and keeps their
 * financial rows under `cardNumber`, the pseudonym that replaces the printed card number.
 */
export const pulledErasure = z.strictObject({
  memberId: uuid,
  cardNumber: z.string().min(1).max(20),
  erasedAt: z.string().max(40),
});
export type PulledErasure = z.infer<typeof pulledErasure>;

/**
 * An item of the offers stream: a campaign's points multiplier for one treated member
 * (shared/rules/campaignOffer.ts), or its withdrawal when the campaign ends early. Holdout
 * members get no item: a terminal cannot give them what it never heard of.
 */
export const pulledOffer = z.strictObject({
  campaignId: uuid,
  variantId: uuid,
  memberId: uuid,
  campaignName: z.string().max(200),
  percent: z.number().int().min(101).max(1000),
  from: z.iso.date(),
  to: z.iso.date(),
  withdrawn: z.boolean(),
});
export type PulledOffer = z.infer<typeof pulledOffer>;

export const pullItem = z.strictObject({
  seq: z.number().int().min(1),
  stream: z.enum(streams),
  data: z.unknown(),
});

export const pullResponse = z.strictObject({
  stream: z.enum(streams),
  items: z.array(pullItem).max(MAX_PULL_PAGE),
  /**
   * The cursor to store with this page: the last seq read (another store's complaints left out
   * included), or `after` when none was.
   */
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
  /** This terminal's high-water mark when the page was read (see pulledBalance). */
  terminalHighWaterMark: z.number().int().min(0),
  serverTime: z.iso.datetime(),
});
export type PullResponse = z.infer<typeof pullResponse>;

/** Largest page of a terminal's own operations head office sends back. */
export const MAX_OWN_OPERATIONS_PAGE = 500;

/**
 * A terminal restored from a backup asks for its own operations after the backup's last seq:
 * head office has every one it acknowledged, and the terminal writes them back into its outbox
 * (and its ledger) so it never numbers a new operation with a seq head office already holds.
 */
export const ownOperationsRequest = z.strictObject({
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_OWN_OPERATIONS_PAGE),
});
export type OwnOperationsRequest = z.infer<typeof ownOperationsRequest>;

export const ownOperationsResponse = z.strictObject({
  /** In seq order, as head office applied them (payload as stored). */
  operations: z.array(syncOperation).max(MAX_OWN_OPERATIONS_PAGE),
  /** This terminal's high-water mark: the last seq head office holds. */
  highWaterMark: z.number().int().min(0),
  hasMore: z.boolean(),
  /** When head office last heard from this terminal: work after it may not have reached it. */
  lastSeenAt: z.iso.datetime().nullable(),
  /**
   * How many operations the terminal said were still waiting in its outbox when head office last
   * heard from it (null if it never said): after a restore, that much work is lost, at least.
   */
  pendingAtLastSeen: z.number().int().min(0).nullable(),
  serverTime: z.iso.datetime(),
});
export type OwnOperationsResponse = z.infer<typeof ownOperationsResponse>;

/**
 * Enrollment: an admin gives the shop a one-time code; the terminal trades it for its own
 * credential and its place in the chain. The credential is shown once and stored only hashed.
 */
export const enrollRequest = z.strictObject({
  /** As printed, e.g. "KXM4-7PQR"; case, spaces and dashes are ignored. */
  code: z.string().min(1).max(32),
  terminalName: z.string().trim().min(1).max(200),
  appVersion: z.string().trim().min(1).max(64),
});
export type EnrollRequest = z.infer<typeof enrollRequest>;

export const enrollResponse = z.strictObject({
  terminalId: uuid,
  storeId: uuid,
  storeName: z.string().max(200),
  /** Unique across the chain, 10000..99999: card and sale numbers carry it. */
  terminalNumber: z.number().int().min(10000).max(99999),
  /** Bearer secret for /sync/*. Head office keeps only its hash. */
  credential: z.string().min(20).max(200),
  serverTime: z.iso.datetime(),
});
export type EnrollResponse = z.infer<typeof enrollResponse>;

/** How far a terminal may let members spend points while it cannot reach head office. */
export const offlineRedemptionPolicy = z.strictObject({
  maxPointsPerSaleOffline: z.number().int().min(0),
  maxPointsPerMemberOffline: z.number().int().min(0),
  /** After this long without reaching head office, no points are redeemed offline. */
  maxOfflineHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 31),
});
export type OfflineRedemptionPolicy = z.infer<typeof offlineRedemptionPolicy>;

/**
 * The program configuration an admin sets (PUT /admin/config): the chain's loyalty program, which
 * every terminal adopts on pull, and the offline redemption policy. A change a store manager makes
 * on a terminal (`program.updated`) is recorded by head office but never replaces this.
 */
export const programConfig = z.strictObject({
  program: programSchema,
  offlineRedemption: offlineRedemptionPolicy,
  /**
   * Whether a store's manager may still change the program on a terminal that follows head
   * office's. Off by default: a terminal that adopted head office's program is managed by it.
   */
  storeOverrides: z.boolean().default(false),
});
export type ProgramConfig = z.infer<typeof programConfig>;

/** One item of the config stream: the whole configuration as of `version`. */
export const pulledConfig = z.strictObject({
  ...programConfig.shape,
  version: z.number().int().min(1),
  updatedAt: z.iso.datetime(),
});
export type PulledConfig = z.infer<typeof pulledConfig>;

/**
 * Every head-office error body. The HTTP status says what to do (400/409: a bug, stop and report;
 * 401/403: credential refused or revoked; 413: send a smaller batch; 429 and 5xx: retry with
 * backoff); `code` says exactly what happened. Codes may be added: treat unknown ones by status.
 */
export const headOfficeErrorBody = z.object({
  error: z.object({
    code: z.string().max(64),
    message: z.string().max(2000),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type HeadOfficeErrorBody = z.infer<typeof headOfficeErrorBody>;
