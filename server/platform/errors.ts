import type { HeadOfficeErrorCode } from '../../shared/contract/errors';
import { failure, ok, type Failure, type Result } from '../../shared/result';

/**
 * Head office's errors are values at its boundary, in the one result type the terminal uses too
 * (shared/result.ts), with head office's codes (shared/contract/errors.ts, where each code's HTTP
 * status is declared once for the contract, the server and its clients).
 */
export type HeadOfficeError = Failure<HeadOfficeErrorCode>;

export type Outcome<T> = Result<T, HeadOfficeError>;

export const succeed = ok;

export function refuse(
  code: HeadOfficeErrorCode,
  message: string,
  details?: Record<string, unknown>,
): { ok: false; error: HeadOfficeError } {
  return failure(code, message, details);
}

/** Thrown inside a transaction to roll it back; `guard` turns it back into a value. */
export class HeadOfficeFailure extends Error {
  readonly error: HeadOfficeError;
  constructor(code: HeadOfficeErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'HeadOfficeFailure';
    this.error = refuse(code, message, details).error;
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
