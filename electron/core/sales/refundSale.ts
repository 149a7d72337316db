import type { PointsEntryKind, Receipt } from '../../../shared/domain';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal, takeNextSaleSeq } from '../terminal/terminalStore';
import { appendPointsEntry, entriesForSale } from '../points/pointsLedger';
import { appendOutbox } from '../outbox/outbox';
import { insertSale } from './saleMutations';
import { receiptFor } from './saleQueries';
import { saleNumber } from './recordSale';
import { memberSummaryById } from '../members/memberQueries';

const reversalOf: Record<PointsEntryKind, PointsEntryKind | null> = {
  earn: 'reverse_earn',
  redeem: 'reverse_redeem',
  reverse_earn: null,
  reverse_redeem: null,
};

/**
 * Refunds a whole sale. Nothing old is edited: a refund row with negated amounts points at the
 * sale, and each of its points entries gets a reversing entry that points at it. Points already
 * spent elsewhere leave the balance negative, a debt the member's next sales pay back.
 * Refunding with the same refundId again returns the first refund and writes nothing.
 */
export function refundSale(
  ctx: CoreContext,
  input: { saleId: string; refundId: string; reason: string },
): Receipt {
  const { db } = ctx;
  return db.transaction((): Receipt => {
    const terminal = requireTerminal(db);
    const repeat = receiptFor(db, terminal, input.refundId);
    if (repeat) {
      if (repeat.sale.refundOfSaleId !== input.saleId) {
        throw new DomainError('invalid_input', 'That refund id is already used for another sale.', {
          field: 'refundId',
        });
      }
      return repeat;
    }
    const original = receiptFor(db, terminal, input.saleId)?.sale;
    if (!original)
      throw new DomainError('sale_not_found', 'No sale has that id.', { field: 'saleId' });
    if (original.kind !== 'sale') {
      throw new DomainError('not_a_sale', 'A refund cannot itself be refunded.', {
        field: 'saleId',
      });
    }
    if (original.refundedBySaleId) {
      throw new DomainError('sale_already_refunded', 'This sale has already been refunded.', {
        field: 'saleId',
      });
    }
    const stamp = stampWrite(ctx);
    const number = saleNumber(terminal.terminalNumber, takeNextSaleSeq(db));
    const entries = entriesForSale(db, original.id);
    const memberId = original.member?.id ?? null;
    const pointsChange = -entries.reduce((sum, e) => sum + e.points, 0);
    const balanceBefore = memberId ? (memberSummaryById(db, memberId)?.pointsBalance ?? 0) : null;
    insertSale(db, stamp, {
      id: input.refundId,
      number,
      kind: 'refund',
      refundOf: original.id,
      memberId,
      currency: original.currency,
      totalMinor: -original.totalMinor,
      pointsRedeemed: -original.pointsRedeemed,
      redeemValueMinor: -original.redeemValueMinor,
      paidMinor: -original.paidMinor,
      pointsEarned: -original.pointsEarned,
      balanceAfter: balanceBefore === null ? null : balanceBefore + pointsChange,
      reason: input.reason,
      lines: original.lines.map((line) => ({
        ...line,
        quantity: -line.quantity,
        amountMinor: -line.amountMinor,
      })),
    });
    const reversals = entries.flatMap((entry) => {
      const kind = reversalOf[entry.kind];
      if (!kind) return [];
      return [
        appendPointsEntry(db, stamp, {
          memberId: entry.memberId,
          kind,
          points: -entry.points,
          saleId: input.refundId,
          reversesId: entry.id,
        }).entry,
      ];
    });
    appendOutbox(db, stamp, 'sale.refunded', {
      refundId: input.refundId,
      saleId: original.id,
      number,
      reason: input.reason,
      memberId,
      totalMinor: -original.totalMinor,
      pointsEntries: reversals,
    });
    const receipt = receiptFor(db, terminal, input.refundId);
    if (!receipt) throw new Error('refund missing right after insert');
    return receipt;
  })();
}
