import { z } from 'zod';
import type { PointsEntryKind } from '../domain';

/**
 * Payloads of the operations a terminal writes to its outbox, as head office parses them.
 * Effects are generic so head office can apply them without knowing every operation type:
 * any operation may carry `pointsEntries`, which head office appends to its points ledger.
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

export const syncedPointsEntry = z.object({
  id: uuid,
  memberId: uuid,
  kind: z.enum(pointsEntryKinds),
  points: z.number().int(),
  saleId: uuid.nullable(),
  reversesId: uuid.nullable(),
});
export type SyncedPointsEntry = z.infer<typeof syncedPointsEntry>;

const effects = { pointsEntries: z.array(syncedPointsEntry).max(1000).optional() };

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
  discountMinor: z.number().int().optional(),
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
  amountMinor: z.number().int(),
  balanceMinor: z.number().int(),
});
export type SyncedStoredValueEntry = z.infer<typeof syncedStoredValueEntry>;

const saleEffects = {
  couponUses: z.array(syncedCouponUse).max(100).optional(),
  storedValueEntries: z.array(syncedStoredValueEntry).max(500).optional(),
};

const line = z.object({
  lineNo: z.number().int(),
  description: z.string().max(200),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  amountMinor: z.number().int(),
});

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

export const saleRecorded = z.object({
  saleId: uuid,
  number: z.string().max(40),
  memberId: uuid.nullable(),
  currency: z.string().length(3),
  totalMinor: z.number().int(),
  redeemValueMinor: z.number().int(),
  paidMinor: z.number().int(),
  /** Paid by gift cards (optional: older terminals do not send it). */
  giftCardMinor: z.number().int().optional(),
  /** What points were earned on, after discounts and redemptions. */
  earnBaseMinor: z.number().int().optional(),
  lines: z.array(line).max(500),
  /** True when points were redeemed while the terminal could not reach head office. */
  offline: z.boolean().optional(),
  /**
   * The member's tier before and after this sale as the terminal holds it (an upgrade when they
   * differ). Head office's analytics reads them from the stored operation; older terminals do
   * not send them.
   */
  tierBefore: z.string().max(40).nullable().optional(),
  tierAfter: z.string().max(40).nullable().optional(),
  ...effects,
  ...saleEffects,
});

/**
 * `member.tierChanged`: a yearly review moved a member (down). Head office does not apply it, it
 * stores it (unknown types are accepted) and its analytics reads the tiers from the stored
 * payload; terminals before analytics sent only `memberId`.
 */
export const memberTierChanged = z.object({
  memberId: uuid,
  fromTier: z.string().max(40).nullable().optional(),
  toTier: z.string().max(40).nullable().optional(),
});

export const saleRefunded = z.object({
  refundId: uuid,
  saleId: uuid,
  number: z.string().max(40),
  reason: z.string().max(400),
  memberId: uuid.nullable(),
  totalMinor: z.number().int(),
  /** Money given back, negative like every refund amount. */
  paidMinor: z.number().int().optional(),
  /** The original sale's lines being returned, with the quantity returned (positive). */
  lines: z
    .array(z.object({ lineNo: z.number().int(), quantity: z.number().int() }))
    .max(500)
    .optional(),
  ...effects,
  ...saleEffects,
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
  version: z.number().int(),
  program: z.unknown(),
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

/** Known operation types and their payload schemas. Unknown types are stored and accepted. */
export const operationPayloads = {
  'member.enrolled': memberEnrolled,
  'member.updated': memberUpdated,
  'sale.recorded': saleRecorded,
  'sale.refunded': saleRefunded,
  'coupon.issued': couponIssued,
  'program.updated': programUpdated,
  'terminal.configured': terminalConfigured,
  'shift.opened': shiftOpened,
  'shift.closed': shiftClosed,
} as const;
export type KnownOperationType = keyof typeof operationPayloads;
