/**
 * Head office's errors are values at its boundary, like the terminal's (shared/result.ts), with
 * codes of their own: each code means one thing, and http/server.ts maps each to one HTTP status.
 */
export const headOfficeErrorCodes = [
  'invalid_input',
  'unauthorized',
  'terminal_revoked',
  'wrong_terminal',
  'enrollment_code_invalid',
  'enrollment_code_expired',
  'enrollment_code_used',
  'not_found',
  'seq_conflict',
  'already_resolved',
  // Head-office UI: sign-in, sessions and resolutions.
  'sign_in_refused',
  'sign_in_locked',
  'request_header_missing',
  'name_taken',
  'resolution_not_applicable',
  'database_newer',
  'unavailable',
] as const;

export type HeadOfficeErrorCode = (typeof headOfficeErrorCodes)[number];

export interface HeadOfficeError {
  code: HeadOfficeErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: HeadOfficeError };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function refuse(
  code: HeadOfficeErrorCode,
  message: string,
  details?: Record<string, unknown>,
): { ok: false; error: HeadOfficeError } {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/** Thrown inside a transaction to roll it back; `guard` turns it back into a value. */
export class HeadOfficeFailure extends Error {
  readonly error: HeadOfficeError;
  constructor(code: HeadOfficeErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'HeadOfficeFailure';
    this.error = details ? { code, message, details } : { code, message };
  }
}

/** Runs a service call; a HeadOfficeFailure becomes a value, anything else propagates (5xx). */
export async function guard<T>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HeadOfficeFailure) return { ok: false, error: error.error };
    throw error;
  }
}
