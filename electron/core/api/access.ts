import type { Access } from '../../../shared/api/operation';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { approveWithPin } from '../staff/staffStore';
import { requireTerminal } from '../terminal/terminalStore';

/**
 * Who may call an operation, enforced by the core before the handler runs: the contract declares
 * each operation's access (shared/api/operation.ts), and a screen that hides a button only
 * mirrors this. A cashier's session reaching a manager's operation without a manager's PIN is
 * refused with manager_required, whatever the screen did.
 */
export function checkAccess(ctx: CoreContext, access: Access, input: unknown): void {
  if (access === 'anyone') return;
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
