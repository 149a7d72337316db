import type { SyncedPointsEntry } from '../shared/sync/operations';
import type { PulledBalance } from '../shared/sync/protocol';
import type { AppliedOperation } from './appliedOperation';
import type { Queryable } from './db/database';
import { resolveMember } from './members';
import { appendChange } from './streams';

/** How one operation moved one (surviving) member's balance. */
export interface BalanceMove {
  memberId: string;
  /** The ids the entries named: the member itself, or one merged into it. */
  sentMemberIds: Set<string>;
  known: boolean;
  before: number;
  after: number;
  /** Points spent by this operation's redeem entries (positive). */
  redeemed: number;
}

async function balanceOf(tx: Queryable, memberId: string): Promise<number> {
  const { rows } = await tx.query<{ points: number }>(
    'SELECT points FROM member_balance WHERE member_id = $1',
    [memberId],
  );
  return rows[0]?.points ?? 0;
}

async function addToBalance(
  applied: AppliedOperation,
  memberId: string,
  points: number,
): Promise<number> {
  const { rows } = await applied.tx.query<{ points: number }>(
    `INSERT INTO member_balance (member_id, points, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (member_id) DO UPDATE
       SET points = member_balance.points + EXCLUDED.points, updated_at = EXCLUDED.updated_at
     RETURNING points`,
    [memberId, points, applied.at],
  );
  const balance = rows[0]?.points;
  if (balance === undefined) throw new Error('balance missing right after upsert');
  return balance;
}

async function publishBalance(applied: AppliedOperation, memberId: string, points: number) {
  const data: PulledBalance = { memberId, points };
  await appendChange(applied.tx, 'balances', memberId, data, applied.at);
}

/**
 * Appends an operation's points entries to the ledger and moves each member's cached balance in
 * the same transaction. An entry already in the ledger (same id) is skipped, so applying the same
 * entries twice changes nothing. Entries for a merged member count for the survivor.
 */
export async function applyPointsEntries(
  applied: AppliedOperation,
  entries: readonly SyncedPointsEntry[],
): Promise<BalanceMove[]> {
  const moves = new Map<string, BalanceMove>();
  for (const entry of entries) {
    const { rows } = await applied.tx.query<{ id: string }>(
      `INSERT INTO points_entry
         (id, member_id, kind, points, sale_id, reverses_id, terminal_id, op_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        entry.id,
        entry.memberId,
        entry.kind,
        entry.points,
        entry.saleId,
        entry.reversesId,
        applied.terminal.id,
        applied.op.opId,
        applied.at,
      ],
    );
    if (rows.length === 0) continue;
    const { resolvedId, known } = await resolveMember(applied.tx, entry.memberId);
    let move = moves.get(resolvedId);
    if (!move) {
      const before = await balanceOf(applied.tx, resolvedId);
      move = {
        memberId: resolvedId,
        sentMemberIds: new Set(),
        known,
        before,
        after: before,
        redeemed: 0,
      };
      moves.set(resolvedId, move);
    }
    move.sentMemberIds.add(entry.memberId);
    move.after = await addToBalance(applied, resolvedId, entry.points);
    if (entry.kind === 'redeem') move.redeemed -= entry.points;
  }
  for (const move of moves.values()) await publishBalance(applied, move.memberId, move.after);
  return [...moves.values()];
}

/** A merge: whatever balance `fromId` holds (entries that came before its enrollment) moves. */
export async function moveBalance(
  applied: AppliedOperation,
  fromId: string,
  toId: string,
): Promise<void> {
  const { rows } = await applied.tx.query<{ points: number }>(
    'SELECT points FROM member_balance WHERE member_id = $1 FOR UPDATE',
    [fromId],
  );
  const points = rows[0]?.points;
  if (points === undefined) return;
  await applied.tx.query(
    'UPDATE member_balance SET points = 0, updated_at = $2 WHERE member_id = $1',
    [fromId, applied.at],
  );
  const after = await addToBalance(applied, toId, points);
  await publishBalance(applied, fromId, 0);
  await publishBalance(applied, toId, after);
}

export async function balancesByIds(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{ member_id: string; points: number }>(
    'SELECT member_id, points FROM member_balance WHERE member_id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.member_id, row.points]));
}
