import type { z } from 'zod';
import type { saleRecorded, saleRefunded, SyncedPointsEntry } from '../shared/sync/operations';
import type { AppliedOperation } from './appliedOperation';

function pointsOfKind(entries: readonly SyncedPointsEntry[] | undefined, kind: string): number {
  return (entries ?? []).filter((e) => e.kind === kind).reduce((sum, e) => sum + e.points, 0);
}

/** Keeps a sale for reporting. A sale that happened is kept whatever its points did. */
export async function storeSale(
  applied: AppliedOperation,
  sale: z.output<typeof saleRecorded>,
): Promise<void> {
  await applied.tx.query(
    `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
       redeem_value_minor, paid_minor, points_redeemed, points_earned, lines, reason, offline,
       store_id, terminal_id, staff_id, op_id, created_at, recorded_at, gift_card_minor,
       earn_base_minor)
     VALUES ($1, 'sale', NULL, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, NULL, $11, $12, $13,
       $14, $15, $16, $17, $18, $19)
     ON CONFLICT (id) DO NOTHING`,
    [
      sale.saleId,
      sale.number,
      sale.memberId,
      sale.currency,
      sale.totalMinor,
      sale.redeemValueMinor,
      sale.paidMinor,
      -pointsOfKind(sale.pointsEntries, 'redeem'),
      pointsOfKind(sale.pointsEntries, 'earn'),
      JSON.stringify(sale.lines),
      sale.offline ?? false,
      applied.terminal.storeId,
      applied.terminal.id,
      applied.op.staffId,
      applied.op.opId,
      applied.op.createdAt,
      applied.at,
      sale.giftCardMinor ?? null,
      sale.earnBaseMinor ?? null,
    ],
  );
}

/**
 * A refund is a sale row of its own that points at the sale, with the terminal's signs: amounts
 * and points negative. The currency is the sale's. Its lines say which lines of the sale were
 * returned and how many of each (`lineNo` is the sale's, `quantity` positive).
 */
export async function storeRefund(
  applied: AppliedOperation,
  refund: z.output<typeof saleRefunded>,
): Promise<void> {
  await applied.tx.query(
    `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
       redeem_value_minor, paid_minor, points_redeemed, points_earned, lines, reason, offline,
       store_id, terminal_id, staff_id, op_id, created_at, recorded_at)
     VALUES ($1, 'refund', $2, $3, $4, (SELECT currency FROM sale WHERE id = $2), $5, NULL, $15,
       $6, $7, $16::jsonb, $8, false, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (id) DO NOTHING`,
    [
      refund.refundId,
      refund.saleId,
      refund.number,
      refund.memberId,
      refund.totalMinor,
      -pointsOfKind(refund.pointsEntries, 'reverse_redeem'),
      pointsOfKind(refund.pointsEntries, 'reverse_earn'),
      refund.reason,
      applied.terminal.storeId,
      applied.terminal.id,
      applied.op.staffId,
      applied.op.opId,
      applied.op.createdAt,
      applied.at,
      refund.paidMinor ?? null,
      JSON.stringify(refund.lines ?? []),
    ],
  );
}
