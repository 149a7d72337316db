import { z } from 'zod';
import { recordAudit } from './audit';
import { iso, isoAt, isoRequired, type ServiceClock } from './clock';
import type { Database, Queryable } from './db/database';
import { HeadOfficeFailure, guard, succeed, type Outcome } from './errors';
import { parseInput, uuidSchema } from './parse';
import type { ServiceRandom } from './randomness';

/**
 * The exceptions queue: what head office could not settle by itself and a manager must look at.
 * Each carries the facts needed to decide without digging through logs.
 */
export const exceptionKinds = [
  'overdraft',
  'gift_card_overdraft',
  'coupon_double_redeemed',
  'member_merged',
  'unknown_member',
  'duplicate_card_number',
] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];

export const resolutions = ['write_off', 'charge_back', 'reverse'] as const;
export type Resolution = (typeof resolutions)[number];

export interface NewException {
  kind: ExceptionKind;
  storeId: string | null;
  terminalId: string | null;
  opId: string | null;
  memberId: string | null;
  saleId: string | null;
  facts: Record<string, unknown>;
}

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

export interface ExceptionView {
  id: string;
  number: number;
  kind: string;
  status: 'open' | 'resolved';
  raisedAt: string;
  storeId: string | null;
  terminalId: string | null;
  opId: string | null;
  memberId: string | null;
  saleId: string | null;
  facts: Record<string, unknown>;
  resolution: Resolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

interface ExceptionRow {
  id: string;
  number: number;
  kind: string;
  status: 'open' | 'resolved';
  raised_at: Date;
  store_id: string | null;
  terminal_id: string | null;
  op_id: string | null;
  member_id: string | null;
  sale_id: string | null;
  facts: Record<string, unknown>;
  resolution: Resolution | null;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

const COLUMNS = `id, number, kind, status, raised_at, store_id, terminal_id, op_id, member_id, sale_id,
  facts, resolution, resolution_note, resolved_by, resolved_at`;

function view(row: ExceptionRow): ExceptionView {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    raisedAt: isoRequired(row.raised_at),
    storeId: row.store_id,
    terminalId: row.terminal_id,
    opId: row.op_id,
    memberId: row.member_id,
    saleId: row.sale_id,
    facts: row.facts,
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
    resolvedBy: row.resolved_by,
    resolvedAt: iso(row.resolved_at),
  };
}

const listQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  kind: z.enum(exceptionKinds).optional(),
  /** Paging: only exceptions numbered above this. */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const resolveRequest = z.strictObject({
  resolution: z.enum(resolutions),
  note: z.string().trim().min(1).max(2000),
});

export function exceptionsService(db: Database, clock: ServiceClock) {
  return {
    /** Oldest first: the queue is worked from the front. */
    listExceptions(query: unknown): Promise<Outcome<{ exceptions: ExceptionView[] }>> {
      return guard(async () => {
        const filter = parseInput(listQuery, query ?? {}, 'exceptions query');
        const { rows } = await db.query<ExceptionRow>(
          `SELECT ${COLUMNS} FROM exception_case
           WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)
             AND number > $3
           ORDER BY number LIMIT $4`,
          [filter.status ?? null, filter.kind ?? null, filter.after, filter.limit],
        );
        return succeed({ exceptions: rows.map(view) });
      });
    },

    getException(id: unknown): Promise<Outcome<ExceptionView>> {
      return guard(async () => {
        const exceptionId = parseInput(uuidSchema, id, 'exception id');
        const { rows } = await db.query<ExceptionRow>(
          `SELECT ${COLUMNS} FROM exception_case WHERE id = $1`,
          [exceptionId],
        );
        const row = rows[0];
        if (!row) throw new HeadOfficeFailure('not_found', 'No exception has that id.');
        return succeed(view(row));
      });
    },

    /** Records the manager's decision, once: a second resolution is refused, not overwritten. */
    resolveException(actor: string, id: unknown, body: unknown): Promise<Outcome<ExceptionView>> {
      return guard(async () => {
        const exceptionId = parseInput(uuidSchema, id, 'exception id');
        const decision = parseInput(resolveRequest, body, 'resolution');
        const at = isoAt(clock);
        const row = await db.transaction(async (tx) => {
          const { rows } = await tx.query<ExceptionRow>(
            `SELECT ${COLUMNS} FROM exception_case WHERE id = $1 FOR UPDATE`,
            [exceptionId],
          );
          const current = rows[0];
          if (!current) throw new HeadOfficeFailure('not_found', 'No exception has that id.');
          if (current.status === 'resolved') {
            throw new HeadOfficeFailure(
              'already_resolved',
              `This exception was already resolved (${current.resolution}) by ${current.resolved_by} at ${iso(current.resolved_at)}.`,
              {
                resolution: current.resolution,
                resolvedBy: current.resolved_by,
                resolvedAt: iso(current.resolved_at),
              },
            );
          }
          const updated = await tx.query<ExceptionRow>(
            `UPDATE exception_case
             SET status = 'resolved', resolution = $2, resolution_note = $3, resolved_by = $4,
                 resolved_at = $5
             WHERE id = $1 RETURNING ${COLUMNS}`,
            [exceptionId, decision.resolution, decision.note, actor, at],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'exception.resolved',
            subject: exceptionId,
            details: { kind: current.kind, resolution: decision.resolution, note: decision.note },
          });
          const result = updated.rows[0];
          if (!result) throw new Error('exception vanished while resolving it');
          return result;
        });
        return succeed(view(row));
      });
    },
  };
}
