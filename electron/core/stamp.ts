import type { CoreContext, Stamp } from './context';
import { requireTerminal } from './terminal/terminalStore';
import { DomainError } from '../../shared/result';

/**
 * Who, where and when for the write about to happen. Call inside the transaction. Every write a
 * person makes names the staff member signed in; while the terminal is locked nothing is written.
 */
export function stampWrite(ctx: CoreContext): Stamp {
  const terminal = requireTerminal(ctx.db);
  if (!terminal.signedIn) {
    throw new DomainError('not_signed_in', 'Nobody is signed in on this terminal.');
  }
  return stampAs(ctx, terminal.cashier.id);
}

/**
 * For housekeeping that runs on a timer whether or not anyone is signed in (points expiry, tier
 * reviews, birthday coupons): stamped with whoever was last at the till.
 */
export function stampUnattended(ctx: CoreContext): Stamp {
  return stampAs(ctx, requireTerminal(ctx.db).cashier.id);
}

function stampAs(ctx: CoreContext, staffId: string): Stamp {
  const terminal = requireTerminal(ctx.db);
  return {
    storeId: terminal.storeId,
    terminalId: terminal.terminalId,
    staffId,
    hlc: ctx.clock.tick(),
    createdAt: new Date(ctx.now()).toISOString(),
  };
}
