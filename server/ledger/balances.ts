import type { PulledBalance } from '../../shared/sync/protocol';
import type { Queryable } from '../db/database';
import { publishChanges, type StreamChange } from '../db/streams';

/** Members' cached balances as they stand, for the balances stream (sync/pull.ts). */
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

/** What the balances stream carries for a move: the member's balance after it. */
export function balanceChange(memberId: string, points: number): StreamChange {
  const data: PulledBalance = { memberId, points };
  return { stream: 'balances', entityId: memberId, data };
}

/** Publishes a member's new balance, in the transaction that moved it. */
export async function publishBalance(
  { tx, at }: { tx: Queryable; at: string },
  memberId: string,
  points: number,
): Promise<void> {
  await publishChanges(tx, [balanceChange(memberId, points)], at);
}
