import type { StreamName } from '../../shared/sync/protocol';
import type { Queryable } from './database';

/** One change to publish on a pull stream. */
export interface StreamChange {
  stream: StreamName;
  entityId: string;
  data: unknown;
}

/**
 * Publishes changes on pull streams, in this order, as part of the writing transaction.
 *
 * Their sequence numbers are taken when the transaction commits (migration 0006): a deferred
 * trigger locks the streams' counter rows inside COMMIT and numbers every change the transaction
 * published. The locks are held until the commit is done, so a later writer gets higher numbers
 * only after this one is visible: numbers commit in order and without holes, and a puller that
 * has seen seq N has seen everything below N. (A SERIAL would hand out numbers in start order,
 * and a slow transaction committing late would hide an old number behind a cursor that passed
 * it.) Taking them at commit rather than here keeps concurrent pushes from queueing on the
 * counters while they apply their batches.
 */
export async function publishChanges(
  tx: Queryable,
  changes: readonly StreamChange[],
  at: string,
): Promise<void> {
  if (changes.length === 0) return;
  await tx.query('INSERT INTO stream_publication (changes, recorded_at) VALUES ($1::jsonb, $2)', [
    JSON.stringify(changes),
    at,
  ]);
}

/** Appends one change to a pull stream (see publishChanges). */
export async function appendChange(
  tx: Queryable,
  stream: StreamName,
  entityId: string,
  data: unknown,
  at: string,
): Promise<void> {
  await publishChanges(tx, [{ stream, entityId, data }], at);
}
