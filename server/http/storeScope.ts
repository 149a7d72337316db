import { refuse, succeed, type Outcome } from '../platform/errors';
import type { AdminCaller } from './sessionAuth';

/**
 * A store manager sees their own store only: a query naming no store is read as theirs, and one
 * naming another store is refused. Everyone else's query passes as it came.
 */
export function confineToStore<Q extends { storeId?: string | undefined }>(
  caller: Pick<AdminCaller, 'role' | 'storeId'>,
  query: Q,
): Outcome<Q> {
  if (caller.role !== 'storeManager') return succeed(query);
  if (!caller.storeId) return refuse('forbidden', 'This store manager has no store.');
  if (query.storeId !== undefined && query.storeId !== caller.storeId) {
    return refuse('forbidden', "A store manager sees their own store's figures only.");
  }
  return succeed({ ...query, storeId: caller.storeId });
}
