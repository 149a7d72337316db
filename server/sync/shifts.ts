import type { z } from 'zod';
import type { shiftClosed, shiftOpened } from '../../shared/sync/operations';
import type { AppliedOperation } from './appliedOperation';

/**
 * Shifts as terminals report them, kept for consolidated cash reports. The terminal is the one
 * that pushed (never what the body claims). Push order puts the open before the close; a close
 * whose open never arrived still makes a row, from the facts the close carries.
 */
export async function applyShiftOpened(
  applied: AppliedOperation,
  shift: z.output<typeof shiftOpened>,
): Promise<void> {
  await applied.tx.query(
    `INSERT INTO shift (id, store_id, terminal_id, currency, opened_by, opened_at, float_minor,
       open_op_id, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO NOTHING`,
    [
      shift.shiftId,
      applied.terminal.storeId,
      applied.terminal.id,
      shift.currency,
      shift.openedBy,
      shift.openedAt,
      shift.floatMinor,
      applied.op.opId,
      applied.at,
    ],
  );
}

export async function applyShiftClosed(
  applied: AppliedOperation,
  shift: z.output<typeof shiftClosed>,
): Promise<void> {
  await applied.tx.query(
    `INSERT INTO shift (id, store_id, terminal_id, currency, opened_by, opened_at, float_minor,
       open_op_id, recorded_at, closed_by, approved_by, closed_at, counted_minor, expected_minor,
       difference_minor, note, sale_count, refund_count, by_tender, close_op_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $5, $10, $6, $11, $12, $13, $14, $15, $16,
       $17::jsonb, $8)
     ON CONFLICT (id) DO UPDATE SET closed_by = excluded.closed_by,
       approved_by = excluded.approved_by, closed_at = excluded.closed_at,
       counted_minor = excluded.counted_minor, expected_minor = excluded.expected_minor,
       difference_minor = excluded.difference_minor, note = excluded.note,
       sale_count = excluded.sale_count, refund_count = excluded.refund_count,
       by_tender = excluded.by_tender, close_op_id = excluded.close_op_id
     WHERE shift.close_op_id IS NULL AND shift.terminal_id = excluded.terminal_id`,
    [
      shift.shiftId,
      applied.terminal.storeId,
      applied.terminal.id,
      shift.currency,
      shift.closedBy,
      shift.closedAt,
      shift.floatMinor,
      applied.op.opId,
      applied.at,
      shift.approvedBy,
      shift.countedMinor,
      shift.expectedMinor,
      shift.differenceMinor,
      shift.note,
      shift.saleCount,
      shift.refundCount,
      JSON.stringify(shift.byTender),
    ],
  );
}
