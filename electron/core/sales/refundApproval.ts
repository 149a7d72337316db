import { DomainError } from '../../../shared/result';
import type { CoreContext, Stamp } from '../context';
import { audit } from '../audit/auditLog';
import { requireManagerPin } from '../staff/staffStore';
import { readStorePolicy } from '../staff/storePolicy';
import { requireTerminal } from '../terminal/terminalStore';

/**
 * A refund worth more than the store's limit needs a manager: the manager signed in, or a
 * cashier with a manager's PIN typed on the spot. The override is audited with the limit before
 * and the refund after, naming the cashier (the stamp) and the approving manager.
 */
export function requireRefundApproval(
  ctx: CoreContext,
  stamp: Stamp,
  refund: {
    refundId: string;
    saleId: string;
    saleNumber: string;
    totalMinor: number;
    reason: string;
    managerPin: string | undefined;
  },
): void {
  const { db } = ctx;
  const { refundLimitMinor } = readStorePolicy(db);
  if (refund.totalMinor <= refundLimitMinor) return;
  const signedIn = requireTerminal(db).cashier;
  if (refund.managerPin === undefined) {
    if (signedIn.role === 'manager') return;
    throw new DomainError(
      'refund_needs_manager',
      `A refund above ${refundLimitMinor} needs a manager's PIN.`,
      { field: 'managerPin', details: { limit: refundLimitMinor, amount: refund.totalMinor } },
    );
  }
  const managerId = requireManagerPin(db, refund.managerPin, ctx.now());
  audit(db, stamp, {
    action: 'refund.override',
    subjectType: 'sale',
    subjectId: refund.saleId,
    approvedBy: managerId,
    before: { refundLimitMinor, saleNumber: refund.saleNumber },
    after: { refundMinor: refund.totalMinor, refundId: refund.refundId },
    reason: refund.reason,
  });
}
