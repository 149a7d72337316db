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
export interface ResolutionEffect {
  memberId: string | null;
  balanceBefore: number | null;
  balanceAfter: number | null;
  pointsGiven: number;
  lossPoints: number;
  lossMinor: number;
  lossCurrency: string | null;
  debtPoints: number;
  couponUseId: string | null;
}

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

/** An exception as head office lists it (GET /office/exceptions). */
export interface ExceptionView {
  id: string;
  number: number;
  kind: string;
  status: 'open' | 'resolved';
  raisedAt: string;
  storeId: string | null;
  terminalId: string | null;
  opId: string | null;
  memberId: string | null;
  saleId: string | null;
  facts: Record<string, unknown>;
  resolution: Resolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** The decisions that fit this kind of exception. */
  allowedResolutions: readonly Resolution[];
  /** What the resolution did to the ledgers (null while open, or for older resolutions). */
  effect: ResolutionEffect | null;
}
