import { z } from 'zod';
import type { PointsEntryKind } from '../domain';
import { MAX_AMOUNT_MINOR } from '../money';
import { decodeHlc } from '../hlc';
import { locales } from '../locale';
import {
  consentAnswers,
  consentChannels,
  consentMethods,
  consentOrigins,
  consentPurposes,
} from '../rules/consent';
import { feedbackReasonTags, feedbackScales, scoreFits } from '../rules/feedback';
import { TAX_MODES, taxRate } from '../rules/tax';
import {
  complaintCategories,
  complaintEventKinds,
  complaintOrigins,
  complaintSeverities,
} from '../rules/complaint';

/**
 * The one list of operations a terminal writes to its outbox, with the schema of each payload.
 * The terminal's appendOutbox is typed by it and head office parses by it, so the compiler ties
 * what one writes to what the other reads. Head office rejects (keeps as an exception, and
 * acknowledges) an operation of a type not listed here or whose payload is outside its schema.
 *
 * Points entries are checked for shape here (kind, sign, bounds, which sale they belong to);
 * head office then re-derives the figures from the shared rules (server/sync/verifyPoints.ts).
 */
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/**
 * Exactly the terminal ledger's kinds: the Record makes a kind added to PointsEntryKind a compile
 * error here until the wire knows it (head office refuses a payload it cannot parse, which would
 * hold up that terminal's outbox).
 */
const kindsOnTheWire: Record<PointsEntryKind, true> = {
  earn: true,
  redeem: true,
  reverse_earn: true,
  reverse_redeem: true,
  expire: true,
  adjust: true,
  bonus: true,
};
export const pointsEntryKinds = Object.keys(kindsOnTheWire) as [
  PointsEntryKind,
  ...PointsEntryKind[],
];

/** No single entry moves more points than this; anything larger is a forged or broken operation. */
export const MAX_ENTRY_POINTS = 1_000_000_000;

/** The sign each kind of entry must have (adjustments go either way). */
const signOf: Record<PointsEntryKind, 1 | -1 | 0> = {
  earn: 1,
  bonus: 1,
  reverse_redeem: 1,
  redeem: -1,
  reverse_earn: -1,
  expire: -1,
  adjust: 0,
};

export const syncedPointsEntry = z
  .object({
    id: uuid,
    memberId: uuid,
    kind: z.enum(pointsEntryKinds),
    points: z
      .number()
      .int()
      .min(-MAX_ENTRY_POINTS)
      .max(MAX_ENTRY_POINTS)
      .refine((p) => p !== 0, 'is zero'),
    saleId: uuid.nullable(),
    reversesId: uuid.nullable(),
    /** The lot an expire entry closes, or a returned redemption goes back to. */
    lotId: uuid.nullable().optional(),
    expiresAt: z.string().max(40).nullable().optional(),
    availableAt: z.string().max(40).nullable().optional(),
  })
  .superRefine((entry, ctx) => {
    const sign = signOf[entry.kind];
    if (sign !== 0 && Math.sign(entry.points) !== sign) {
      ctx.addIssue({
        code: 'custom',
        path: ['points'],
        message: `a ${entry.kind} entry must be ${sign > 0 ? 'positive' : 'negative'}`,
      });
    }
    const reverses = entry.kind === 'reverse_earn' || entry.kind === 'reverse_redeem';
    if (reverses !== (entry.reversesId !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reversesId'],
        message: reverses ? 'a reversal names what it reverses' : 'only a reversal names one',
      });
    }
  });
export type SyncedPointsEntry = z.infer<typeof syncedPointsEntry>;

const entries = z.array(syncedPointsEntry).max(1000);
const effects = { pointsEntries: entries.optional() };

/**
 * Which program version a terminal priced with: head office's configuration as pulled, or a
 * version its manager set locally (sent as `program.updated`). Head office keeps both histories.
 */
export const programRef = z.strictObject({
  source: z.enum(['head_office', 'terminal']),
  version: z.number().int().min(0),
});
export type ProgramRef = z.infer<typeof programRef>;

/** Entries of an operation that belongs to one sale or refund may only name that one. */
function onlyThisSale(
  saleId: string,
  list: readonly SyncedPointsEntry[] | undefined,
  ctx: z.RefinementCtx,
): void {
  (list ?? []).forEach((entry, i) => {
    if (entry.saleId !== null && entry.saleId !== saleId) {
      ctx.addIssue({
        code: 'custom',
        path: ['pointsEntries', i, 'saleId'],
        message: 'names another sale',
      });
    }
  });
}

export const couponUseKinds = ['redeemed', 'returned'] as const;
export type CouponUseKind = (typeof couponUseKinds)[number];

/**
 * One use of a single-use coupon. A sale's uses are redemptions and a refund's are returns, so
 * `kind` may be left out; head office takes it from the operation type when it is.
 */
export const syncedCouponUse = z.object({
  id: uuid,
  couponId: uuid,
  code: z.string().min(1).max(64),
  kind: z.enum(couponUseKinds).optional(),
  /** The discount the coupon gave on the sale (a return may leave it out). */
  discountMinor: z.number().int().min(-MAX_AMOUNT_MINOR).max(MAX_AMOUNT_MINOR).optional(),
});
export type SyncedCouponUse = z.infer<typeof syncedCouponUse>;

/** Exactly the terminal's stored-value kinds; a kind head office does not know is refused. */
export const storedValueKinds = [
  'activate',
  'top_up',
  'pay',
  'refund_pay',
  'refund_activate',
  'refund_top_up',
  'expire',
] as const;
export type StoredValueKind = (typeof storedValueKinds)[number];

/** One gift-card ledger entry: `amountMinor` signed, `balanceMinor` the card after it, as the terminal saw it. */
export const syncedStoredValueEntry = z.object({
  id: uuid,
  giftCardId: uuid,
  code: z.string().min(1).max(64),
  kind: z.enum(storedValueKinds),
  amountMinor: z.number().int().min(-MAX_AMOUNT_MINOR).max(MAX_AMOUNT_MINOR),
  balanceMinor: z.number().int().min(-MAX_AMOUNT_MINOR).max(MAX_AMOUNT_MINOR),
});
export type SyncedStoredValueEntry = z.infer<typeof syncedStoredValueEntry>;

const saleEffects = {
  couponUses: z.array(syncedCouponUse).max(100).optional(),
  storedValueEntries: z.array(syncedStoredValueEntry).max(500).optional(),
};

const line = z.object({
  lineNo: z.number().int().min(1).max(500),
  description: z.string().max(200),
  quantity: z.number().int().min(1).max(1_000_000),
  unitPriceMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
  amountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
  /** What head office needs to price the line again (absent from older terminals). */
  kind: z.enum(['goods', 'gift_card', 'gift_card_topup']).optional(),
  sku: z.string().max(40).nullable().optional(),
  category: z.string().max(40).nullable().optional(),
  discountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR).optional(),
  netMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR).optional(),
  pointsEarned: z.number().int().min(0).max(MAX_ENTRY_POINTS).optional(),
  /** The line's tax rate and tax (shared/rules/tax.ts); absent from older terminals: none. */
  taxRateBasisPoints: taxRate.optional(),
  taxMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR).optional(),
});
const money = z.number().int().min(-MAX_AMOUNT_MINOR).max(MAX_AMOUNT_MINOR);

export const memberEnrolled = z.object({
  id: uuid,
  cardNumber: z.string().max(20),
  name: z.string().max(200),
  phoneE164: z.string().max(20),
  phoneNational: z.string().max(20),
  email: z.string().max(254).nullable(),
  birthday: z.string().max(10).nullable(),
  marketingConsent: z.boolean(),
  consentAt: z.string().nullable(),
  consentTerminalId: uuid.nullable(),
  enrolledAt: z.string(),
  storeId: uuid,
  storeName: z.string().max(200),
  terminalId: uuid,
  staffId: uuid,
  /** This member's own code to refer friends with; absent from terminals that predate referrals. */
  referralCode: z.string().min(1).max(40).nullable().optional(),
  /** The member whose referral code was given at enrollment. */
  referredBy: uuid.nullable().optional(),
  /** The language the shop speaks to them in (a locale); absent from older terminals. */
  preferredLanguage: z.string().max(20).optional(),
  hlc: z.string(),
  ...effects,
});

/** A profile edit: each field present was set at `hlc`; head office keeps the latest per field. */
export const memberUpdated = z.object({
  memberId: uuid,
  fields: z
    .object({
      name: z.string().max(200),
      /** A new phone, E.164 (optional: older terminals could not edit it). */
      phoneE164: z.string().max(20),
      email: z.string().max(254).nullable(),
      birthday: z.string().max(10).nullable(),
      marketingConsent: z.boolean(),
      /** The language the shop speaks to them in, a locale (optional: as phoneE164). */
      preferredLanguage: z.string().max(20),
    })
    .partial(),
  hlc: z.string(),
  ...effects,
});

/**
 * Where a sale's money went, as the terminal rang it up: its shift, the tender and the cash handed
 * over. Head office does not use them; a terminal restored from a backup rebuilds its drawer from
 * them (electron/core/recovery/replaySale.ts). Absent from older terminals.
 */
const tenderOfSale = {
  shiftId: z.string().min(1).max(64).nullable().optional(),
  moneyTender: z.enum(['cash', 'card']).optional(),
  cashReceivedMinor: money.nullable().optional(),
};

export const saleRecorded = z
  .object({
    saleId: uuid,
    number: z.string().max(40),
    memberId: uuid.nullable(),
    currency: z.string().length(3),
    totalMinor: money,
    redeemValueMinor: money,
    paidMinor: money,
    /** Paid by gift cards (optional: older terminals do not send it). */
    giftCardMinor: money.optional(),
    /** What points were earned on, after discounts and redemptions. */
    earnBaseMinor: money.optional(),
    lines: z.array(line).max(500),
    /** The store's tax mode and the sale's tax (absent from older terminals: no tax). */
    taxMode: z.enum(TAX_MODES).optional(),
    taxMinor: money.optional(),
    /** True when points were redeemed while the terminal could not reach head office. */
    offline: z.boolean().optional(),
    /**
     * The member's tier before and after this sale as the terminal holds it (an upgrade when they
     * differ). Head office prices the sale again at `tierBefore`; older terminals do not send them.
     */
    tierBefore: z.string().max(40).nullable().optional(),
    tierAfter: z.string().max(40).nullable().optional(),
    /** The program the terminal priced the sale with (absent from older terminals). */
    program: programRef.optional(),
    /**
     * The campaign multiplier the terminal earned with (shared/rules/campaignOffer.ts): head
     * office prices the sale again with it once it has checked the member's assignment.
     */
    offer: z
      .strictObject({
        campaignId: uuid,
        variantId: uuid,
        percent: z.number().int().min(101).max(1000),
      })
      .nullable()
      .optional(),
    ...effects,
    ...saleEffects,
    ...tenderOfSale,
  })
  .superRefine((p, ctx) => onlyThisSale(p.saleId, p.pointsEntries, ctx));

/**
 * `member.tierChanged`: a yearly review moved a member (down). Head office stores it and its
 * analytics reads the tiers from the stored payload; terminals before analytics sent only
 * `memberId`.
 */
export const memberTierChanged = z.object({
  memberId: uuid,
  fromTier: z.string().max(40).nullable().optional(),
  toTier: z.string().max(40).nullable().optional(),
});

export const saleRefunded = z
  .object({
    refundId: uuid,
    saleId: uuid,
    number: z.string().max(40),
    reason: z.string().max(400),
    memberId: uuid.nullable(),
    totalMinor: money,
    /** Money given back, negative like every refund amount. */
    paidMinor: money.optional(),
    /** The tax given back, negative (absent from older terminals: none). */
    taxMinor: money.optional(),
    /** The original sale's lines being returned, with the quantity returned (positive). */
    lines: z
      .array(
        z.object({
          lineNo: z.number().int().min(1).max(500),
          quantity: z.number().int().min(1).max(1_000_000),
        }),
      )
      .max(500)
      .optional(),
    /** Earned points this refund could not take back (spent), kept as money instead. */
    pointsShortfall: z.number().int().min(0).max(MAX_ENTRY_POINTS).optional(),
    /** Next-order coupons the sale earned, voided because it was refunded in full. */
    couponsVoided: z
      .array(z.object({ couponId: uuid, code: z.string().min(1).max(64) }))
      .max(100)
      .optional(),
    program: programRef.optional(),
    ...effects,
    ...saleEffects,
    /** The shift the refund was rung up in (its tender is the sale's). */
    shiftId: z.string().min(1).max(64).nullable().optional(),
  })
  .superRefine((p, ctx) => onlyThisSale(p.refundId, p.pointsEntries, ctx));

/** A manager's points adjustment, with who approved it (bounded at head office by the program). */
export const pointsAdjusted = z.object({
  memberId: uuid,
  reason: z.string().max(400),
  approvedBy: uuid,
  program: programRef.optional(),
  pointsEntries: entries,
});

/** Lots the loyalty catch-up expired for one member: expire entries only. */
export const pointsExpired = z.object({
  memberId: uuid,
  pointsEntries: z
    .array(syncedPointsEntry)
    .max(1000)
    .refine((list) => list.every((e) => e.kind === 'expire'), 'only expire entries'),
});

export const couponSources = ['manual', 'welcome', 'birthday', 'next_order'] as const;

/** A coupon a terminal issued; head office learns it and shares it through the coupons stream. */
export const couponIssued = z.object({
  couponId: uuid,
  code: z.string().min(1).max(64),
  campaignId: z.string().min(1).max(40),
  memberId: uuid.nullable(),
  validFrom: z.iso.date().nullable(),
  validTo: z.iso.date().nullable(),
  source: z.enum(couponSources),
  /** The sale that earned it (next-order coupons). */
  saleId: uuid.nullable(),
});

/**
 * A store manager changed the loyalty program on a terminal. Head office keeps it for the record
 * only: the chain's program is head office's configuration. The program is not parsed here, so an
 * odd one never holds up the terminal's outbox.
 */
export const programUpdated = z.object({
  version: z.number().int().min(0).max(1_000_000_000),
  program: z.unknown(),
  /**
   * Who owns the terminal's program from now on: its own manager, or head office (then
   * `headOfficeVersion` says which configuration it follows). Absent from older terminals.
   */
  owner: z.enum(['terminal', 'head_office']).optional(),
  headOfficeVersion: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
  /** The manager kept this program and sends it to head office as a proposal for the chain. */
  proposed: z.boolean().optional(),
});

export const terminalConfigured = z.object({
  storeName: z.string().max(200),
  terminalName: z.string().max(200),
  terminalNumber: z.number().int(),
  currency: z.string().length(3),
  timeZone: z.string().max(64),
});

/** A shift opened on a terminal with its cash float (minor units of `currency`). */
export const shiftOpened = z.object({
  shiftId: uuid,
  currency: z.string().length(3),
  floatMinor: z.number().int().min(0),
  openedBy: uuid,
  openedAt: z.string().max(40),
});

const tenderTotal = z.object({ salesMinor: z.number().int(), refundsMinor: z.number().int() });

/** A shift closed: the cash counted against what was expected, and what it took by tender. */
export const shiftClosed = z.object({
  shiftId: uuid,
  currency: z.string().length(3),
  closedBy: uuid,
  approvedBy: uuid,
  closedAt: z.string().max(40),
  floatMinor: z.number().int().min(0),
  countedMinor: z.number().int().min(0),
  expectedMinor: z.number().int(),
  differenceMinor: z.number().int(),
  note: z.string().max(1200).nullable(),
  saleCount: z.number().int().min(0),
  refundCount: z.number().int().min(0),
  byTender: z.object({
    cash: tenderTotal,
    card: tenderTotal,
    giftCard: tenderTotal,
    points: tenderTotal,
  }),
});

/**
 * An event's id: a UUIDv7, or for the single flag imported at the upgrade
 * "imported:<channel>:<answer>:<member id>", the same on every node that imported the same answer.
 */
const consentEventId = z.union([
  uuid,
  z
    .string()
    .regex(
      /^imported:(sms|email):(granted|withdrawn):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    ),
]);

/** One consent event as it travels both ways (see shared/rules/consent.ts). */
export const consentEvent = z.object({
  id: consentEventId,
  memberId: uuid,
  channel: z.enum(consentChannels),
  purpose: z.enum(consentPurposes),
  answer: z.enum(consentAnswers),
  at: z.string().min(1).max(40),
  hlc: z
    .string()
    .max(80)
    .refine((t) => decodeHlc(t) !== null, 'is not a clock'),
  origin: z.enum(consentOrigins),
  storeId: uuid.nullable(),
  terminalId: uuid.nullable(),
  staffId: uuid.nullable(),
  method: z.enum(consentMethods),
  wordingVersion: z.number().int().min(1).max(1_000_000).nullable(),
  language: z.enum(locales),
});

/** Answers a member gave at this terminal, in one transaction (enrollment, the member screen). */
export const consentRecorded = z.object({
  events: z.array(consentEvent).min(1).max(40),
});

const clock = z
  .string()
  .max(80)
  .refine((t) => decodeHlc(t) !== null, 'is not a clock');

/** One answer to the closing question (issue 13 §2), as the terminal stored it. */
export const feedbackRecorded = z
  .object({
    id: uuid,
    saleId: uuid.nullable(),
    memberId: uuid.nullable(),
    scale: z.enum(feedbackScales),
    score: z.number().int(),
    reasons: z.array(z.enum(feedbackReasonTags)).max(feedbackReasonTags.length),
    comment: z.string().max(500),
    storeId: uuid,
    terminalId: uuid,
    staffId: uuid.nullable(),
    at: z.string().min(1).max(40),
    hlc: clock,
    /** When the detractor's follow-up is due; null for anyone else. */
    followUpDueAt: z.string().max(40).nullable(),
  })
  .refine((f) => scoreFits(f.scale, f.score), { path: ['score'], message: 'outside its scale' });

/** One complaint event as it travels both ways (see shared/rules/complaint.ts). */
export const complaintEvent = z.object({
  id: uuid,
  complaintId: uuid,
  kind: z.enum(complaintEventKinds),
  at: z.string().min(1).max(40),
  hlc: clock,
  origin: z.enum(complaintOrigins),
  storeId: uuid.nullable(),
  terminalId: uuid.nullable(),
  by: z.string().max(80).nullable(),
  note: z.string().max(1000),
  details: z
    .object({
      ticket: z.string().min(1).max(20),
      memberId: uuid.nullable(),
      contactName: z.string().max(60).nullable(),
      contact: z.string().max(80).nullable(),
      consentToContact: z.boolean(),
      category: z.enum(complaintCategories),
      severity: z.enum(complaintSeverities),
      saleIds: z.array(uuid).max(10),
      whatHappened: z.string().max(1000),
      customerWants: z.string().max(500),
    })
    .nullable(),
  assignee: z.string().max(80).nullable(),
  goodwill: z
    .object({
      points: z.number().int().min(0).max(MAX_ENTRY_POINTS),
      couponCode: z.string().max(64).nullable(),
      costMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
    })
    .nullable(),
});

/** Complaint events written at a terminal in one transaction. */
export const complaintRecorded = z.object({
  events: z.array(complaintEvent).min(1).max(20),
});

/** Every operation type and its payload schema: the one list (see the top of this file). */
export const operationPayloads = {
  'member.enrolled': memberEnrolled,
  'member.updated': memberUpdated,
  'member.tierChanged': memberTierChanged,
  'sale.recorded': saleRecorded,
  'sale.refunded': saleRefunded,
  'coupon.issued': couponIssued,
  'points.adjusted': pointsAdjusted,
  'points.expired': pointsExpired,
  'program.updated': programUpdated,
  'terminal.configured': terminalConfigured,
  'shift.opened': shiftOpened,
  'shift.closed': shiftClosed,
  'consent.recorded': consentRecorded,
  'feedback.recorded': feedbackRecorded,
  'complaint.recorded': complaintRecorded,
} as const;
export type OperationType = keyof typeof operationPayloads;
/** What a terminal writes for an operation (before head office's parse fills defaults). */
export type OperationInput<K extends OperationType> = z.input<(typeof operationPayloads)[K]>;
export type OperationPayload<K extends OperationType> = z.output<(typeof operationPayloads)[K]>;

export function isOperationType(type: string): type is OperationType {
  return Object.hasOwn(operationPayloads, type);
}
