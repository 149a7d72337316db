import type { Access } from '../../../shared/api/operation';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { approveWithPin } from '../staff/staffStore';
import { requireTerminal } from '../terminal/terminalStore';
import { answersOpenQuestion, isPairedDisplay } from '../display/displayRoom';
import type { Caller } from './caller';

/**
 * Who may call an operation, enforced by the core before the handler runs: the contract declares
 * each operation's access (shared/api/operation.ts), and a screen that hides a button only
 * mirrors this. A cashier's session reaching a manager's operation without a manager's PIN is
 * refused with manager_required, whatever the screen did.
 */
export function checkAccess(ctx: CoreContext, access: Access, input: unknown): void {
  if (access === 'anyone' || access === 'display' || access === 'pairing') return;
  const terminal = requireTerminal(ctx.db);
  // Every write names the staff member at the till: nobody signed in, nothing is done.
  if (!terminal.signedIn) {
    throw new DomainError('not_signed_in', 'Nobody is signed in on this terminal.');
  }
  if (access !== 'manager') return;
  const pin = managerPinOf(input);
  if (pin !== null) {
    // Verified once here; the handler that needs the approving manager gets it without hashing
    // the PIN again (approveWithPin remembers it for this call).
    approveWithPin(ctx.db, pin, ctx.now());
    return;
  }
  if (terminal.cashier.role !== 'manager') {
    throw new DomainError('manager_required', 'This needs a manager: ask one for their PIN.', {
      field: 'managerPin',
    });
  }
}

function managerPinOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const pin = (input as { managerPin?: unknown }).managerPin;
  return typeof pin === 'string' ? pin : null;
}

/**
 * What a caller other than the till may reach, checked before the operation's own access. A
 * display reads its view and answers the closing question of the sale it is asking about
 * (feedback.record for that sale, still under the signed-in cashier); a stranger only pairs.
 * Everything else, cashier's or "anyone" operation alike, is display_only or unauthorized.
 */
export function checkCaller(
  ctx: CoreContext,
  caller: Caller,
  name: string,
  access: Access,
  input: unknown,
): void {
  if (caller.kind === 'till') {
    // Recorded as tapped by the customer: the till cannot answer in their place.
    if (name === 'display.answerConsent') {
      throw new DomainError('display_only', 'Only the customer answers on their display.');
    }
    return;
  }
  if (caller.kind === 'stranger') {
    if (access === 'pairing') return;
    throw new DomainError('unauthorized', 'This browser has not been given the terminal token.');
  }
  if (caller.kind === 'display' && !isPairedDisplay(ctx.display, caller.token)) {
    throw new DomainError('unauthorized', 'This display is not paired with the terminal.');
  }
  if (access === 'display') return;
  if (name === 'feedback.record' && answersOpenQuestion(ctx.display, input)) return;
  throw new DomainError(
    'display_only',
    'A customer display shows the sale and answers its question, nothing else.',
  );
}
