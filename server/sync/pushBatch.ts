import type { z } from 'zod';
import type { saleRecorded } from '../../shared/sync/operations';
import type { OperationOutcome, SyncOperation } from '../../shared/sync/protocol';
import { weightiest, type AppliedOperation, type Compensation } from './appliedOperation';
import {
  applyOperation,
  compensationsForMoves,
  parseOperation,
  type ParsedOperation,
} from './applyOperation';
import {
  insertPlainMembers,
  lockEnrollments,
  plainEnrollments,
  pulledMemberOf,
  type PlainEnrollment,
} from './members';
import { balanceChange } from '../ledger/balances';
import { appendPointsEntries } from '../ledger/pointsLedger';
import { storeSales } from './sales';
import { publishChanges, type StreamChange } from '../db/streams';

/**
 * A push's operations, applied in seq order with the effect of applying them one by one
 * (applyOperation), but in a handful of statements per batch instead of several per operation.
 *
 * Most of what terminals send is plain: sales without coupons or gift cards, and enrollments of
 * a new phone and card. Consecutive plain operations form a run, written set-based (members,
 * then sales, then points entries and balances, one statement each). Anything else (a coupon, a
 * gift card, a refund, a merge, a profile edit, an unknown type) is applied on its own by
 * applyOperation, after the run before it has been written, so it sees everything before it.
 */

/** Everything applying a batch needs, inside the push's transaction. */
export type BatchContext = Omit<AppliedOperation, 'op'>;

type Sale = z.output<typeof saleRecorded>;

type Plain =
  | { kind: 'sale'; op: SyncOperation; sale: Sale }
  | { kind: 'enrollment'; op: SyncOperation; enrollment: PlainEnrollment };

type Step = Plain | { kind: 'single'; op: SyncOperation; parsed: ParsedOperation };

function outcomeOf(op: SyncOperation, compensation: Compensation | null): OperationOutcome {
  return {
    seq: op.seq,
    opId: op.opId,
    outcome: compensation ? 'compensated' : 'accepted',
    duplicate: false,
    compensation,
  };
}

/** Reads every payload first (the first unreadable one refuses the batch), then sorts them. */
async function plan(context: BatchContext, operations: readonly SyncOperation[]): Promise<Step[]> {
  const parsed = operations.map((op) => ({ op, parsed: parseOperation(op) }));
  const enrollments = parsed.flatMap(({ op, parsed: p }) =>
    p.known && p.type === 'member.enrolled'
      ? [{ op, payload: p.data as PlainEnrollment['payload'] }]
      : [],
  );
  await lockEnrollments(
    context.tx,
    enrollments.map((e) => e.payload),
  );
  const plain = await plainEnrollments(
    context.tx,
    enrollments.map((e) => e.payload),
  );
  const plainOps = new Set(enrollments.filter((_, i) => plain.has(i)).map((e) => e.op));
  return parsed.map(({ op, parsed: p }): Step => {
    if (p.known && p.type === 'member.enrolled' && plainOps.has(op)) {
      return {
        kind: 'enrollment',
        op,
        enrollment: { op, payload: p.data as PlainEnrollment['payload'] },
      };
    }
    if (p.known && p.type === 'sale.recorded') {
      const sale = p.data as Sale;
      if (!sale.couponUses?.length && !sale.storedValueEntries?.length) {
        return { kind: 'sale', op, sale };
      }
    }
    return { kind: 'single', op, parsed: p };
  });
}

/** What a run wrote: its outcomes, in order, and the stream changes it publishes. */
interface RunResult {
  outcomes: OperationOutcome[];
  changes: StreamChange[];
}

/** Writes a run of plain operations; the caller publishes its changes. */
async function applyRun(context: BatchContext, run: readonly Plain[]): Promise<RunResult> {
  if (run.length === 0) return { outcomes: [], changes: [] };
  const enrollments = run.flatMap((step) => (step.kind === 'enrollment' ? [step.enrollment] : []));
  const members = await insertPlainMembers(context, enrollments);
  await storeSales(
    context,
    run.flatMap((step) => (step.kind === 'sale' ? [{ op: step.op, sale: step.sale }] : [])),
  );
  const enrolledAt = new Map<string, number>();
  run.forEach((step, index) => {
    if (step.kind === 'enrollment') enrolledAt.set(step.enrollment.payload.id, index);
  });
  const entriesOf = (step: Plain) =>
    (step.kind === 'sale' ? step.sale.pointsEntries : step.enrollment.payload.pointsEntries) ?? [];
  const moves = await appendPointsEntries(
    context,
    run.map((step) => ({
      opId: step.op.opId,
      terminalId: context.terminal.id,
      entries: entriesOf(step),
    })),
    enrolledAt,
  );

  const changes: StreamChange[] = [];
  let member = 0;
  run.forEach((step, index) => {
    if (step.kind === 'enrollment') {
      const row = members[member++];
      if (row) changes.push({ stream: 'members', entityId: row.id, data: pulledMemberOf(row) });
    }
    for (const move of moves[index] ?? []) changes.push(balanceChange(move.memberId, move.after));
  });
  const outcomes: OperationOutcome[] = [];
  for (const [index, step] of run.entries()) {
    const sale =
      step.kind === 'sale'
        ? {
            saleId: step.sale.saleId,
            number: step.sale.number,
            offline: step.sale.offline ?? false,
          }
        : null;
    const compensations = await compensationsForMoves(
      { ...context, op: step.op },
      moves[index] ?? [],
      sale,
      entriesOf(step),
    );
    outcomes.push(outcomeOf(step.op, weightiest(compensations)));
  }
  return { outcomes, changes };
}

/**
 * Applies a push's fresh operations (consecutive seqs, in order) and returns one outcome each.
 * Call after the terminal's row is locked. The caller stores the operations with their outcomes
 * and publishes `changes`, the last run's stream changes, after everything else the batch
 * published (in the same statement as its other closing writes: one round trip fewer).
 */
export async function applyBatch(
  context: BatchContext,
  operations: readonly SyncOperation[],
): Promise<RunResult> {
  const outcomes: OperationOutcome[] = [];
  let run: Plain[] = [];
  for (const step of await plan(context, operations)) {
    if (step.kind !== 'single') {
      run.push(step);
      continue;
    }
    const written = await applyRun(context, run);
    outcomes.push(...written.outcomes);
    // Published before the operation that follows publishes anything: streams keep seq order.
    await publishChanges(context.tx, written.changes, context.at);
    run = [];
    const compensation = await applyOperation({ ...context, op: step.op }, step.parsed);
    outcomes.push(outcomeOf(step.op, compensation));
  }
  const last = await applyRun(context, run);
  return { outcomes: [...outcomes, ...last.outcomes], changes: last.changes };
}
