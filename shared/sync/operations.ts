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
  hlc: z.string(),
  ...effects,
});

/** A profile edit: each field present was set at `hlc`; head office keeps the latest per field. */
export const memberUpdated = z.object({
  memberId: uuid,
  fields: z
    .object({
      name: z.string().max(200),
      email: z.string().max(254).nullable(),
      birthday: z.string().max(10).nullable(),
      marketingConsent: z.boolean(),
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
  lines: z.array(line).max(500),
  /** True when points were redeemed while the terminal could not reach head office. */
  offline: z.boolean().optional(),
  ...effects,
});

export const saleRefunded = z.object({
  refundId: uuid,
  saleId: uuid,
  number: z.string().max(40),
  reason: z.string().max(400),
  memberId: uuid.nullable(),
  totalMinor: z.number().int(),
  ...effects,
});

export const terminalConfigured = z.object({
  storeName: z.string().max(200),
  terminalName: z.string().max(200),
  terminalNumber: z.number().int(),
  currency: z.string().length(3),
  timeZone: z.string().max(64),
});

/** Known operation types and their payload schemas. Unknown types are stored and accepted. */
export const operationPayloads = {
  'member.enrolled': memberEnrolled,
  'member.updated': memberUpdated,
  'sale.recorded': saleRecorded,
  'sale.refunded': saleRefunded,
  'terminal.configured': terminalConfigured,
} as const;
export type KnownOperationType = keyof typeof operationPayloads;
