import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { requireTerminal } from '../terminal/terminalStore';
import { requireManagerPin } from './staffStore';

/**
 * The manager who approves a manager-only step: the one whose PIN was typed on the spot, or else
 * the manager signed in. A cashier without a manager's PIN is refused with manager_required.
 */
export function approvingManager(ctx: CoreContext, managerPin: string | undefined): string {
  const terminal = requireTerminal(ctx.db);
  if (managerPin !== undefined) return requireManagerPin(ctx.db, managerPin, ctx.now());
  if (!terminal.signedIn)
    throw new DomainError('not_signed_in', 'Nobody is signed in on this terminal.');
  if (terminal.cashier.role !== 'manager') {
    throw new DomainError('manager_required', 'This needs a manager: ask one for their PIN.', {
      field: 'managerPin',
    });
  }
  return terminal.cashier.id;
}
