import type { z } from 'zod';
import type { saleRecorded, saleRefunded, SyncedPointsEntry } from '../../shared/sync/operations';
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

/** A sale and the operation that carried it. */
export interface SaleToStore {
  op: AppliedOperation['op'];
  sale: z.output<typeof saleRecorded>;
}

/** storeSale for many sales in one statement, with the same rows. */
export async function storeSales(
  applied: Pick<AppliedOperation, 'tx' | 'at' | 'terminal'>,
  sales: readonly SaleToStore[],
): Promise<void> {
  if (sales.length === 0) return;
  await applied.tx.query(
    `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
       redeem_value_minor, paid_minor, points_redeemed, points_earned, lines, reason, offline,
       store_id, terminal_id, staff_id, op_id, created_at, recorded_at, gift_card_minor,
       earn_base_minor)
     SELECT r.id, 'sale', NULL, r.number, r.member_id, r.currency, r.total_minor,
       r.redeem_value_minor, r.paid_minor, r.points_redeemed, r.points_earned, r.lines, NULL,
       r.offline, $2, $3, r.staff_id, r.op_id, r.created_at, $4, r.gift_card_minor,
       r.earn_base_minor
     FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, number text, member_id uuid,
       currency text, total_minor int8, redeem_value_minor int8, paid_minor int8,
       points_redeemed int8, points_earned int8, lines jsonb, offline boolean, staff_id uuid,
       op_id uuid, created_at text, gift_card_minor int8, earn_base_minor int8)
     ON CONFLICT (id) DO NOTHING`,
    [
      JSON.stringify(
        sales.map(({ op, sale }) => ({
          id: sale.saleId,
          number: sale.number,
          member_id: sale.memberId,
          currency: sale.currency,
          total_minor: sale.totalMinor,
          redeem_value_minor: sale.redeemValueMinor,
          paid_minor: sale.paidMinor,
          points_redeemed: -pointsOfKind(sale.pointsEntries, 'redeem'),
          points_earned: pointsOfKind(sale.pointsEntries, 'earn'),
          lines: sale.lines,
          offline: sale.offline ?? false,
          staff_id: op.staffId,
          op_id: op.opId,
          created_at: op.createdAt,
          gift_card_minor: sale.giftCardMinor ?? null,
          earn_base_minor: sale.earnBaseMinor ?? null,
        })),
      ),
      applied.terminal.storeId,
      applied.terminal.id,
      applied.at,
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
