import {
  pullRequest,
  type PulledBalance,
  type PullResponse,
  type StreamName,
} from '../../shared/sync/protocol';
import type { ServiceClock } from '../platform/clock';
import type { Database, Queryable } from '../db/database';
import { guard, succeed, type Outcome } from '../platform/errors';
import { membersByIds, pulledMemberOf } from './members';
import { parseInput } from '../platform/parse';
import { balancesByIds } from '../ledger/balances';
import type { TerminalAuth } from '../admin/terminals';
import { pulledProducts } from '../catalogue/catalogueReads';

interface ChangeRow {
  seq: number;
  entity_id: string;
  data: unknown;
}

/**
 * Members, balances and products are served as they stand in the page's snapshot rather than as logged:
 * the log says which entities changed and in what order, the snapshot gives values that agree
 * with `terminalHighWaterMark` read in the same snapshot. (An entity that changed again later
 * is simply sent again with the same value.) Other streams are served as logged.
 */
async function currentData(
  tx: Queryable,
  stream: StreamName,
  rows: readonly ChangeRow[],
  storeId: string,
): Promise<unknown[]> {
  const ids = [...new Set(rows.map((row) => row.entity_id))];
  if (stream === 'members') {
    const members = new Map((await membersByIds(tx, ids)).map((m) => [m.id, m]));
    return rows.map((row) => {
      const member = members.get(row.entity_id);
      return member ? pulledMemberOf(member) : row.data;
    });
  }
  if (stream === 'balances') {
    const balances = await balancesByIds(tx, ids);
    return rows.map((row): PulledBalance | unknown => {
      const points = balances.get(row.entity_id);
      return points === undefined ? row.data : { memberId: row.entity_id, points };
    });
  }
  if (stream === 'products') {
    // Priced for the pulling terminal's store: its own price where head office set one.
    const products = await pulledProducts(tx, ids, storeId);
    return rows.map((row) => products.get(row.entity_id) ?? row.data);
  }
  return rows.map((row) => row.data);
}

/**
 * Data minimisation: a complaint (what happened, the member, the contact) goes only to the tills
 * of the store it was logged in, never to every store's. The store is the complaint row's (head
 * office writes it in the transaction that logs the event, so the snapshot always has it); a
 * complaint head office logged without a store goes to no till.
 */
async function ownStoreRows(
  tx: Queryable,
  stream: StreamName,
  rows: readonly ChangeRow[],
  storeId: string,
): Promise<ChangeRow[]> {
  if (stream !== 'complaints' || rows.length === 0) return [...rows];
  const complaintOf = (row: ChangeRow) => (row.data as { complaintId?: unknown }).complaintId;
  const ids = [...new Set(rows.map(complaintOf).filter((id) => typeof id === 'string'))];
  const { rows: own } = await tx.query<{ id: string }>(
    'SELECT id FROM complaint WHERE id = ANY($1::uuid[]) AND store_id = $2',
    [ids, storeId],
  );
  const mine = new Set(own.map((r) => r.id));
  return rows.filter((row) => mine.has(complaintOf(row) as string));
}

export function pullService(db: Database, clock: ServiceClock) {
  return {
    /**
     * One page of a stream after the terminal's cursor. Read in one REPEATABLE READ snapshot,
     * together with the terminal's high-water mark. Stream numbers commit in order (see
     * streams.ts), so a snapshot always holds a gapless prefix and a cursor never skips a row.
     */
    pull(auth: TerminalAuth, body: unknown): Promise<Outcome<PullResponse>> {
      return guard(async () => {
        const request = parseInput(pullRequest, body, 'pull request');
        const page = await db.transaction(
          async (tx) => {
            const { rows } = await tx.query<ChangeRow>(
              `SELECT seq, entity_id, data FROM change_log
               WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
              [request.stream, request.after, request.limit + 1],
            );
            const { rows: marks } = await tx.query<{ high_water_mark: number }>(
              'SELECT high_water_mark FROM terminal WHERE id = $1',
              [auth.terminalId],
            );
            const hasMore = rows.length > request.limit;
            const scanned = rows.slice(0, request.limit);
            const pageRows = await ownStoreRows(tx, request.stream, scanned, auth.storeId);
            const data = await currentData(tx, request.stream, pageRows, auth.storeId);
            return {
              items: pageRows.map((row, i) => ({
                seq: row.seq,
                stream: request.stream,
                data: data[i],
              })),
              hasMore,
              // Past every row read, including another store's that were left out.
              lastSeq: scanned.at(-1)?.seq ?? null,
              terminalHighWaterMark: marks[0]?.high_water_mark ?? 0,
            };
          },
          { isolation: 'repeatable read', readOnly: true },
        );
        if (request.program !== undefined) {
          await db.query(
            `UPDATE terminal SET program_state = $2::jsonb
             WHERE id = (SELECT id FROM terminal
                         WHERE id = $1 AND program_state IS DISTINCT FROM $2::jsonb
                         FOR UPDATE SKIP LOCKED)`,
            [auth.terminalId, JSON.stringify(request.program)],
          );
        }
        if (request.outboxPending !== undefined) {
          // Only when it changed, and never waiting on a push that holds the terminal's row.
          await db.query(
            `UPDATE terminal SET outbox_pending = $2
             WHERE id = (SELECT id FROM terminal
                         WHERE id = $1 AND outbox_pending IS DISTINCT FROM $2
                         FOR UPDATE SKIP LOCKED)`,
            [auth.terminalId, request.outboxPending],
          );
        }
        return succeed({
          stream: request.stream,
          items: page.items,
          cursor: page.lastSeq ?? request.after,
          hasMore: page.hasMore,
          terminalHighWaterMark: page.terminalHighWaterMark,
          serverTime: new Date(clock.now()).toISOString(),
        });
      });
    },
  };
}
