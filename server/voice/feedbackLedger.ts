import type { z } from 'zod';
import type { feedbackRecorded } from '../../shared/sync/operations';
import type { Queryable } from '../db/database';

/** Head office's one writer of feedback: stored once per id, append-only. */
export async function insertFeedback(
  tx: Queryable,
  f: z.output<typeof feedbackRecorded>,
  opId: string | null,
  recordedAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO feedback (id, sale_id, member_id, scale, score, reasons, comment, store_id,
       terminal_id, staff_id, at, hlc, follow_up_due_at, op_id, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (id) DO NOTHING`,
    [
      f.id,
      f.saleId,
      f.memberId,
      f.scale,
      f.score,
      f.reasons,
      f.comment,
      f.storeId,
      f.terminalId,
      f.staffId,
      f.at,
      f.hlc,
      f.followUpDueAt,
      opId,
      recordedAt,
    ],
  );
}
