import type { ExceptionKind, ExceptionView } from '../../shared/office/exceptions';
import type { Queryable } from '../db/database';
import type { ServiceRandom } from '../platform/randomness';

/**
 * Raising an exception: a fact head office could not settle by itself, kept for a manager with
 * what they need to decide. Raising never touches a ledger; resolving does (exceptionQueue.ts and
 * exceptionEffects.ts), so what raises exceptions never depends on what resolves them.
 */

/** What is raised: the facts an exception is listed with, before anyone resolves it. */
export type NewException = Pick<
  ExceptionView,
  'storeId' | 'terminalId' | 'opId' | 'memberId' | 'saleId' | 'facts'
> & { kind: ExceptionKind };

/** Where an exception is raised: inside a push's transaction, at head office's time for it. */
export interface RaisingContext {
  tx: Queryable;
  at: string;
  now: number;
  random: ServiceRandom;
}

export async function raiseException(
  { tx, at, now, random }: RaisingContext,
  exception: NewException,
): Promise<string> {
  const id = random.uuidv7(now);
  await tx.query(
    `INSERT INTO exception_case
       (id, kind, status, raised_at, store_id, terminal_id, op_id, member_id, sale_id, facts)
     VALUES ($1, $2, 'open', $3, $4, $5, $6, $7, $8, $9::jsonb)`,
    [
      id,
      exception.kind,
      at,
      exception.storeId,
      exception.terminalId,
      exception.opId,
      exception.memberId,
      exception.saleId,
      JSON.stringify(exception.facts),
    ],
  );
  return id;
}
