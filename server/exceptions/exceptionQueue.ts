import {
  listExceptionsQuery,
  resolveRequest,
  type ExceptionView,
} from '../../shared/office/exceptions';
import { recordAudit } from '../db/audit';
import { iso, isoRequired, type ServiceClock } from '../platform/clock';
import type { Database } from '../db/database';
import {
  applyResolution,
  resolutionsFor,
  type Resolution,
  type ResolutionEffect,
} from './exceptionEffects';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';

/**
 * The exceptions queue: what head office could not settle by itself and a manager must look at,
 * listed and resolved here (raiseException.ts raises them). Each carries the facts needed to
 * decide without digging through logs.
 */
export { exceptionKinds, type ExceptionKind } from '../../shared/office/exceptions';
export { resolutions, resolutionsFor, type Resolution } from './exceptionEffects';

export type { ExceptionView };

interface EffectRow {
  r_member_id: string | null;
  r_balance_before: number | null;
  r_balance_after: number | null;
  r_points_given: number | null;
  r_loss_points: number | null;
  r_loss_minor: number | null;
  r_loss_currency: string | null;
  r_debt_points: number | null;
  r_coupon_use_id: string | null;
}

interface ExceptionRow extends EffectRow {
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

const OWN_COLUMNS = `id, number, kind, status, raised_at, store_id, terminal_id, op_id, member_id,
  sale_id, facts, resolution, resolution_note, resolved_by, resolved_at`;
const COLUMNS = `e.id, e.number, e.kind, e.status, e.raised_at, e.store_id, e.terminal_id, e.op_id,
  e.member_id, e.sale_id, e.facts, e.resolution, e.resolution_note, e.resolved_by, e.resolved_at,
  r.member_id AS r_member_id, r.balance_before AS r_balance_before,
  r.balance_after AS r_balance_after, r.points_given AS r_points_given,
  r.loss_points AS r_loss_points, r.loss_minor AS r_loss_minor, r.loss_currency AS r_loss_currency,
  r.debt_points AS r_debt_points, r.coupon_use_id AS r_coupon_use_id`;
const FROM = 'exception_case e LEFT JOIN exception_resolution r ON r.exception_id = e.id';

function effectOf(row: EffectRow): ResolutionEffect | null {
  if (row.r_points_given === null) return null;
  return {
    memberId: row.r_member_id,
    balanceBefore: row.r_balance_before,
    balanceAfter: row.r_balance_after,
    pointsGiven: row.r_points_given,
    lossPoints: row.r_loss_points ?? 0,
    lossMinor: row.r_loss_minor ?? 0,
    lossCurrency: row.r_loss_currency,
    debtPoints: row.r_debt_points ?? 0,
    couponUseId: row.r_coupon_use_id,
  };
}

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
    allowedResolutions: resolutionsFor[row.kind] ?? ['acknowledge'],
    effect: effectOf(row),
  };
}

export function exceptionsService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  return {
    /** Oldest first: the queue is worked from the front. */
    listExceptions(query: unknown): Promise<Outcome<{ exceptions: ExceptionView[] }>> {
      return guard(async () => {
        const filter = parseInput(listExceptionsQuery, query ?? {}, 'exceptions query');
        const { rows } = await db.query<ExceptionRow>(
          `SELECT ${COLUMNS} FROM ${FROM}
           WHERE ($1::text IS NULL OR e.status = $1) AND ($2::text IS NULL OR e.kind = $2)
             AND e.number > $3
           ORDER BY e.number LIMIT $4`,
          [filter.status ?? null, filter.kind ?? null, filter.after, filter.limit],
        );
        return succeed({ exceptions: rows.map(view) });
      });
    },

    getException(id: unknown): Promise<Outcome<ExceptionView>> {
      return guard(async () => {
        const exceptionId = parseInput(uuidSchema, id, 'exception id');
        const { rows } = await db.query<ExceptionRow>(
          `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = $1`,
          [exceptionId],
        );
        const row = rows[0];
        if (!row) throw new HeadOfficeFailure('not_found', 'No exception has that id.');
        return succeed(view(row));
      });
    },

    /**
     * Records the manager's decision, once: a second resolution is refused, not overwritten. The
     * decision's ledger effects (exceptionEffects.ts), the resolution record and the audit entry
     * with the balance before and after all commit in one transaction.
     */
    resolveException(actor: string, id: unknown, body: unknown): Promise<Outcome<ExceptionView>> {
      return guard(async () => {
        const exceptionId = parseInput(uuidSchema, id, 'exception id');
        const decision = parseInput(resolveRequest, body, 'resolution');
        const now = clock.now();
        const at = new Date(now).toISOString();
        const resolutionId = random.uuidv7(now);
        const row = await db.transaction(async (tx) => {
          const { rows } = await tx.query<ExceptionRow>(
            `SELECT ${OWN_COLUMNS} FROM exception_case WHERE id = $1 FOR UPDATE`,
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
          const effect = await applyResolution(
            { tx, at, now, random, resolutionId },
            current,
            decision.resolution,
          );
          await tx.query(
            `UPDATE exception_case
             SET status = 'resolved', resolution = $2, resolution_note = $3, resolved_by = $4,
                 resolved_at = $5
             WHERE id = $1`,
            [exceptionId, decision.resolution, decision.note, actor, at],
          );
          await tx.query(
            `INSERT INTO exception_resolution (id, exception_id, resolution, member_id,
               balance_before, balance_after, points_given, loss_points, loss_minor, loss_currency,
               debt_points, coupon_use_id, resolved_by, resolved_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
            [
              resolutionId,
              exceptionId,
              decision.resolution,
              effect.memberId,
              effect.balanceBefore,
              effect.balanceAfter,
              effect.pointsGiven,
              effect.lossPoints,
              effect.lossMinor,
              effect.lossCurrency,
              effect.debtPoints,
              effect.couponUseId,
              actor,
              at,
            ],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'exception.resolved',
            subject: exceptionId,
            details: {
              kind: current.kind,
              resolution: decision.resolution,
              note: decision.note,
              before: { status: current.status, balance: effect.balanceBefore },
              after: { status: 'resolved', balance: effect.balanceAfter },
              effect,
            },
          });
          const updated = await tx.query<ExceptionRow>(
            `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = $1`,
            [exceptionId],
          );
          const result = updated.rows[0];
          if (!result) throw new Error('exception vanished while resolving it');
          return result;
        });
        return succeed(view(row));
      });
    },
  };
}
