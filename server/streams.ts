import type { StreamName } from '../shared/sync/protocol';
import type { Queryable } from './db/database';

/**
 * Appends one change to a pull stream and returns its sequence number.
 *
 * The number comes from the stream's counter row, taken with UPDATE ... RETURNING: the row lock
 * is held until this transaction ends, so a later writer gets a higher number only after this
 * one has committed. Numbers therefore commit in order and without holes, and a puller that has
 * seen seq N has seen everything below N. (A SERIAL would hand out numbers in start order, and a
 * slow transaction committing late would hide an old number behind a cursor that passed it.)
 */
export async function appendChange(
  tx: Queryable,
  stream: StreamName,
  entityId: string,
  data: unknown,
  at: string,
): Promise<number> {
  const { rows } = await tx.query<{ seq: number }>(
    `WITH next AS (UPDATE stream_counter SET seq = seq + 1 WHERE stream = $1 RETURNING seq)
     INSERT INTO change_log (stream, seq, entity_id, data, recorded_at)
     SELECT $1, next.seq, $2, $3::jsonb, $4 FROM next
     RETURNING seq`,
    [stream, entityId, JSON.stringify(data), at],
  );
  const seq = rows[0]?.seq;
  if (seq === undefined) throw new Error(`no counter for stream ${stream}`);
  return seq;
}

/**
 * Takes the counter locks a push may need, always in the same order, before touching anything
 * else that other pushes touch: two pushes then queue instead of deadlocking each other.
 */
export async function lockStreamsForPush(tx: Queryable): Promise<void> {
  await tx.query(
    `SELECT stream FROM stream_counter WHERE stream IN ('balances', 'coupons', 'members')
     ORDER BY stream FOR UPDATE`,
  );
}
