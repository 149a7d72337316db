/**
 * Errors cross every boundary as values, never as thrown exceptions.
 * Each code means exactly one thing; the renderer maps a code to a catalog message.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_operation',
  'not_set_up',
  'already_set_up',
  'member_not_found',
  'member_erased',
  'consent_wording_unknown',
  'program_managed_by_head_office',
  'program_offer_gone',
  'duplicate_phone',
  'invalid_phone',
  'invalid_card',
  'sale_not_found',
  'sale_already_refunded',
  'not_a_sale',
  'insufficient_points',
  'redeem_exceeds_total',
  'redeem_step',
  'member_required',
  'wrong_pin',
  'unauthorized',
  'database_newer',
  'terminal_secret_invalid',
  'terminal_secret_missing',
  'ledger_key_wrong',
  'ledger_encryption_failed',
  'redeem_minimum',
  'coupon_invalid_code',
  'coupon_not_found',
  'coupon_expired',
  'coupon_not_yet_valid',
  'coupon_below_minimum',
  'coupon_already_used',
  'coupon_other_member',
  'coupon_online_only',
  'coupon_not_stackable',
  'coupon_limit_reached',
  'campaign_not_found',
  'campaign_ended',
  'adjustment_over_limit',
  'coupon_voided',
  'gift_card_invalid_code',
  'gift_card_not_found',
  'gift_card_expired',
  'gift_card_insufficient',
  'gift_card_exceeds_total',
  'referral_invalid',
  'refund_nothing_left',
  'head_office_unreachable',
  'enrollment_refused',
  'not_enrolled',
  'offline_redemption_limit',
  'not_signed_in',
  'pin_not_recognised',
  'pin_locked',
  'pin_taken',
  'staff_not_found',
  'manager_required',
  'last_manager',
  'staff_signed_in',
  'shift_not_open',
  'shift_already_open',
  'shift_note_required',
  'refund_needs_manager',
  'report_already_closed',
  'report_day_not_started',
  'report_day_not_over',
  'cash_received_short',
  'cash_received_with_card',
  'backup_folder_unusable',
  'backup_failed',
  'backup_not_found',
  'ledger_recovery',
  'ledger_in_use',
  'restore_needs_head_office',
  'feedback_already_given',
  'follow_up_not_found',
  'complaint_not_found',
  'complaint_step_not_allowed',
  'internal',
  'display_only',
  'consent_not_asked',
  'pairing_code_wrong',
  'printer_not_set_up',
  'item_withdrawn',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * An error as a value, the one shape every boundary answers with: the terminal's core, head
 * office and the office UI. `code` says exactly what happened, `message` is plain English for
 * logs and people, `details` carries what a message may quote.
 */
export interface Failure<Code extends string = string, Details = Record<string, unknown>> {
  code: Code;
  message: string;
  details?: Details;
}

/** The terminal's errors: its own codes, and the input field at fault when there is one. */
export interface AppError extends Failure<ErrorCode, Record<string, string | number>> {
  /** Which input field is at fault, when one is. */
  field?: string;
}

/**
 * The one result type. `E` is whose failures these are: the terminal's (`AppError`, the
 * default), head office's (server/platform/errors.ts) or what the office UI reads off HTTP.
 */
export type Result<T, E extends Failure = AppError> =
  { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failure value of any side's codes; `details` is left out when there are none. */
export function failure<Code extends string, Details>(
  code: Code,
  message: string,
  details?: Details,
): { ok: false; error: Failure<Code, Details> } {
  return {
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details },
  };
}

export function fail(
  code: ErrorCode,
  message: string,
  extra: Pick<AppError, 'field' | 'details'> = {},
): { ok: false; error: AppError } {
  return { ok: false, error: { code, message, ...extra } };
}

/** Thrown inside a core transaction to abort it; the dispatcher turns it back into a value. */
export class DomainError extends Error {
  readonly error: AppError;
  constructor(code: ErrorCode, message: string, extra: Pick<AppError, 'field' | 'details'> = {}) {
    super(message);
    this.error = { code, message, ...extra };
  }
}
