import { z } from 'zod';
import { id } from '../api/fields';

/**
 * The decisions a manager can take on an exception and what each did to the ledgers, declared
 * once for head office (server/exceptions/exceptionEffects.ts) and the office UI.
 */
export const resolutions = [
  'write_off',
  'charge_back',
  'reverse',
  'acknowledge',
  'approve',
] as const;
export type Resolution = (typeof resolutions)[number];

/** What the resolution did, kept in exception_resolution and shown with the exception. */
export const resolutionEffect = z.strictObject({
  memberId: z.string().nullable(),
  balanceBefore: z.number().int().nullable(),
  balanceAfter: z.number().int().nullable(),
  pointsGiven: z.number().int(),
  lossPoints: z.number().int(),
  lossMinor: z.number().int(),
  lossCurrency: z.string().nullable(),
  debtPoints: z.number().int(),
  couponUseId: z.string().nullable(),
});
export type ResolutionEffect = z.infer<typeof resolutionEffect>;

/** What head office raises for a manager to look at. */
export const exceptionKinds = [
  'overdraft',
  'gift_card_overdraft',
  'coupon_double_redeemed',
  'member_merged',
  'unknown_member',
  'duplicate_card_number',
  /** Head office could not apply an operation; its payload is kept in the facts. */
  'rejected_operation',
  /** Head office counted a sale's or refund's points differently and applied its own figure. */
  'points_mismatch',
  /** A manual adjustment beyond the program's limit, held until an admin approves it. */
  'adjustment_over_limit',
  /** A coupon voided by a full refund was redeemed (before or after head office heard). */
  'voided_coupon_redeemed',
] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];

/** An exception as head office lists it (GET /admin/exceptions). */
export const exceptionView = z.strictObject({
  id,
  number: z.number().int().min(1),
  /** One of exceptionKinds, or a kind a newer head office raised. */
  kind: z.string(),
  status: z.enum(['open', 'resolved']),
  raisedAt: z.iso.datetime(),
  storeId: z.string().nullable(),
  terminalId: z.string().nullable(),
  opId: z.string().nullable(),
  memberId: z.string().nullable(),
  saleId: z.string().nullable(),
  facts: z.record(z.string(), z.unknown()),
  resolution: z.enum(resolutions).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  /** The decisions that fit this kind of exception. */
  allowedResolutions: z.array(z.enum(resolutions)).readonly(),
  /** What the resolution did to the ledgers (null while open, or for older resolutions). */
  effect: resolutionEffect.nullable(),
});
export type ExceptionView = z.infer<typeof exceptionView>;

export const exceptionList = z.strictObject({ exceptions: z.array(exceptionView) });

/** GET /admin/exceptions: oldest first, filtered and paged. Unknown parameters are ignored. */
export const listExceptionsQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  kind: z.enum(exceptionKinds).optional(),
  /** Paging: only exceptions numbered above this. */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const resolveRequest = z.strictObject({
  resolution: z.enum(resolutions),
  note: z.string().trim().min(1).max(2000),
});
