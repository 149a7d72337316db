import type Database from 'better-sqlite3-multiple-ciphers';
import { PIN_LOCKOUT_AFTER, PIN_LOCKOUT_SECONDS } from '../../../shared/staff';
import { DomainError, type AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { prepared } from '../db/statements';
import { audit } from '../audit/auditLog';
import { readTerminal } from '../terminal/terminalStore';

/**
 * Wrong PINs at this terminal are counted across sign-in and every manager override: after
 * PIN_LOCKOUT_AFTER in a row, PIN entry is locked for PIN_LOCKOUT_SECONDS. The count lives in the
 * ledger, so restarting the app does not reset it. A right PIN resets it.
 */

interface GuardRow {
  failures: number;
  locked_until: string | null;
}

function guard(db: Database.Database): GuardRow {
  return prepared(
    db,
    'SELECT failures, locked_until FROM pin_guard WHERE id = 1',
  ).get() as GuardRow;
}

/** Refuses with pin_locked while a lockout runs. Call before checking any PIN. */
export function requirePinEntryOpen(db: Database.Database, now: number): void {
  const { locked_until: until } = guard(db);
  if (until === null) return;
  const left = Math.ceil((Date.parse(until) - now) / 1000);
  if (left > 0) {
    throw new DomainError(
      'pin_locked',
      `Too many wrong PINs: PIN entry is locked for ${left} more seconds.`,
      { details: { seconds: left } },
    );
  }
}

/** A right PIN clears the count. */
export function clearPinFailures(db: Database.Database): void {
  prepared(
    db,
    `UPDATE pin_guard SET failures = 0, locked_until = NULL
     WHERE id = 1 AND (failures > 0 OR locked_until IS NOT NULL)`,
  ).run();
}

export const wrongPinCodes: readonly string[] = ['wrong_pin', 'pin_not_recognised'];

/**
 * Counts a wrong PIN and audits it, in a transaction of its own after the operation that refused
 * it has rolled back. Returns the refusal with how many tries are left (or the lockout).
 */
export function recordWrongPin(ctx: CoreContext, operation: string, error: AppError): AppError {
  const { db } = ctx;
  const terminal = readTerminal(db);
  if (!terminal) return error;
  return db.transaction((): AppError => {
    const { failures } = guard(db);
    const count = failures + 1;
    const now = ctx.now();
    const locked = count >= PIN_LOCKOUT_AFTER;
    const until = locked ? new Date(now + PIN_LOCKOUT_SECONDS * 1000).toISOString() : null;
    prepared(db, 'UPDATE pin_guard SET failures = ?, locked_until = ? WHERE id = 1').run(
      locked ? 0 : count,
      until,
    );
    // Nobody may be signed in (a wrong sign-in PIN): the row names whoever was last at the till.
    const stamp = {
      storeId: terminal.storeId,
      terminalId: terminal.terminalId,
      staffId: terminal.cashier.id,
      hlc: ctx.clock.tick(),
      createdAt: new Date(now).toISOString(),
    };
    audit(db, stamp, {
      action: locked ? 'pin.locked_out' : 'pin.wrong',
      subjectType: 'terminal',
      subjectId: terminal.terminalId,
      approvedBy: null,
      before: null,
      after: {
        operation,
        attempt: count,
        signedIn: terminal.signedIn,
        ...(locked ? { lockedUntil: until } : {}),
      },
      reason: null,
    });
    return {
      ...error,
      details: {
        ...(error.details ?? {}),
        ...(locked
          ? { lockedSeconds: PIN_LOCKOUT_SECONDS }
          : { triesLeft: PIN_LOCKOUT_AFTER - count }),
      },
    };
  })();
}
