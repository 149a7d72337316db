import {
  ownOperationsRequest,
  type OwnOperationsResponse,
  type SyncOperation,
} from '../../shared/sync/protocol';
import type { TerminalAuth } from '../admin/terminals';
import type { Database } from '../db/database';
import type { ServiceClock } from '../platform/clock';
import { guard, succeed, type Outcome } from '../platform/errors';
import { parseInput } from '../platform/parse';

interface StoredOperation {
  seq: number;
  op_id: string;
  type: string;
  hlc: string;
  staff_id: string;
  created_at: string;
  payload: unknown;
}

/**
 * A terminal's own operations as head office applied them, after a seq. A terminal restored from
 * a backup reads these to learn its high-water mark and to write back what it did after the
 * backup: a new operation must never take a seq head office already holds (a push of one is
 * refused as seq_conflict, for good). Read in one snapshot with the mark.
 */
export function ownOperationsService(db: Database, clock: ServiceClock) {
  return {
    ownOperations(auth: TerminalAuth, body: unknown): Promise<Outcome<OwnOperationsResponse>> {
      return guard(async () => {
        const request = parseInput(ownOperationsRequest, body, 'operations request');
        const page = await db.transaction(
          async (tx) => {
            const { rows } = await tx.query<StoredOperation>(
              `SELECT seq, op_id, type, hlc, staff_id, created_at, payload FROM sync_op
               WHERE terminal_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
              [auth.terminalId, request.after, request.limit + 1],
            );
            const { rows: terminals } = await tx.query<{
              high_water_mark: number;
              last_seen_at: Date | null;
              outbox_pending: number | null;
            }>('SELECT high_water_mark, last_seen_at, outbox_pending FROM terminal WHERE id = $1', [
              auth.terminalId,
            ]);
            return { rows, terminal: terminals[0] };
          },
          { isolation: 'repeatable read', readOnly: true },
        );
        const operations = page.rows.slice(0, request.limit).map((row): SyncOperation => ({
          seq: row.seq,
          opId: row.op_id,
          type: row.type,
          hlc: row.hlc,
          createdAt: row.created_at,
          staffId: row.staff_id,
          payload: row.payload,
        }));
        return succeed({
          operations,
          highWaterMark: page.terminal?.high_water_mark ?? 0,
          hasMore: page.rows.length > request.limit,
          lastSeenAt: page.terminal?.last_seen_at?.toISOString() ?? null,
          pendingAtLastSeen: page.terminal?.outbox_pending ?? null,
          serverTime: new Date(clock.now()).toISOString(),
        });
      });
    },
  };
}
