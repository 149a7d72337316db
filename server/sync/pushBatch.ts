import type { z } from 'zod';
import type { saleRecorded } from '../../shared/sync/operations';
import type { OperationOutcome, SyncOperation } from '../../shared/sync/protocol';
import { weightiest, type AppliedOperation, type Compensation } from './appliedOperation';
import {
  applyOperation,
  compensationsForMoves,
  parseOperation,
  type ParsedOperation,
  type Rejection,
} from './applyOperation';
import { rejectOperation } from './rejectOperation';
import { verifySale } from './verifyPoints';
import { createLogger } from '../platform/logger';
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
import { inSentOrder } from '../db/database';

const log = createLogger('push');

/**
 * A push's operations, applied in seq order with the effect of applying them one by one
 * (applyOperation), but in a handful of statements per batch instead of several per operation.
 *
 * Most of what terminals send is plain: sales without coupons, gift cards or bonuses whose points
 * head office finds right, and enrollments of a new phone and card. Consecutive plain operations
 * form a run, written set-based (members, then sales, then points entries and balances, one
 * statement each). Anything else (a coupon, a gift card, a refund, a merge, a profile edit, a
 * figure head office counts differently) is applied on its own by applyOperation, after the run
 * before it has been written, so it sees everything before it.
 *
 * One bad operation never stops a terminal: an operation head office cannot read is rejected
 * (kept as an exception with its payload, and acknowledged), and each run and each single
 * operation is applied under a savepoint, so one that fails for good (a value PostgreSQL cannot
 * hold, say) is rolled back alone and rejected the same way. A run that fails is applied again
 * one operation at a time to find which. Only trouble that may pass (a lost connection, a
 * serialization failure) fails the push, for the terminal to retry.
 */

/**
 * Everything applying a batch needs, inside the push's transaction. `careful`: each run and each
 * single operation under a savepoint of its own, so one that fails for good is rolled back alone
 * and rejected. Without it (a push's first attempt) nothing is isolated, which spares two round
 * trips per run: a failure that will not pass throws `ApplyNeedsCare`, the push's transaction
 * rolls back whole, and the push runs again with `careful` on, to the same result.
 */
export type BatchContext = Omit<AppliedOperation, 'op'> & { careful: boolean };

/** A first, uncareful attempt met an operation that fails for good: roll back, apply carefully. */
export class ApplyNeedsCare extends Error {
  constructor(readonly reason: unknown) {
    super('an operation failed; the push is applied again with each operation isolated');
    this.name = 'ApplyNeedsCare';
  }
}

type Sale = z.output<typeof saleRecorded>;
type Parsed = Extract<ParsedOperation, { ok: true }>;

type Plain =
  | { kind: 'sale'; op: SyncOperation; sale: Sale; parsed: Parsed }
  | { kind: 'enrollment'; op: SyncOperation; enrollment: PlainEnrollment; parsed: Parsed };

type Step =
  | Plain
  | { kind: 'single'; op: SyncOperation; parsed: Parsed }
  | { kind: 'rejected'; op: SyncOperation; rejection: Rejection };

function outcomeOf(op: SyncOperation, compensation: Compensation | null): OperationOutcome {
  return {
    seq: op.seq,
    opId: op.opId,
    outcome: compensation
      ? compensation.kind === 'rejected'
        ? 'rejected'
        : 'compensated'
      : 'accepted',
    duplicate: false,
    compensation,
  };
}

/** Reads every payload first, then sorts the operations into plain runs, singles and rejections. */
async function plan(context: BatchContext, operations: readonly SyncOperation[]): Promise<Step[]> {
  const parsed = operations.map((op) => ({ op, parsed: parseOperation(op) }));
  const enrollments = parsed.flatMap(({ op, parsed: p }) =>
    p.ok && p.type === 'member.enrolled'
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
  const steps: Step[] = [];
  for (const { op, parsed: p } of parsed) {
    if (!p.ok) {
      steps.push({ kind: 'rejected', op, rejection: p.rejection });
    } else if (p.type === 'member.enrolled' && plainOps.has(op)) {
      steps.push({
        kind: 'enrollment',
        op,
        enrollment: { op, payload: p.data as PlainEnrollment['payload'] },
        parsed: p,
      });
    } else if (p.type === 'sale.recorded' && isPlainSale(p.data as Sale)) {
      // Priced again here (the program is cached), so a plain sale's points are checked too; a
      // sale whose figure head office sees differently is applied on its own, with its exception.
      const sale = p.data as Sale;
      const verdict = await verifySale({ ...context, op }, sale);
      steps.push(
        verdict.findings.length === 0
          ? { kind: 'sale', op, sale: { ...sale, pointsEntries: verdict.entries }, parsed: p }
          : { kind: 'single', op, parsed: p },
      );
    } else {
      steps.push({ kind: 'single', op, parsed: p });
    }
  }
  return steps;
}

/** No coupons, gift cards or referral bonuses: nothing that needs the rows before it written. */
function isPlainSale(sale: Sale): boolean {
  return (
    !sale.couponUses?.length &&
    !sale.storedValueEntries?.length &&
    !(sale.pointsEntries ?? []).some((e) => e.kind === 'bonus')
  );
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
  const enrolledAt = new Map<string, number>();
  run.forEach((step, index) => {
    if (step.kind === 'enrollment') enrolledAt.set(step.enrollment.payload.id, index);
  });
  const entriesOf = (step: Plain) =>
    (step.kind === 'sale' ? step.sale.pointsEntries : step.enrollment.payload.pointsEntries) ?? [];
  // The run's members, sales and points go out together, one round trip instead of three, and
  // run in this order (a sale's points may be for a member this run enrolls).
  const [members, , moves] = await inSentOrder(
    insertPlainMembers(context, enrollments),
    storeSales(
      context,
      run.flatMap((step) => (step.kind === 'sale' ? [{ op: step.op, sale: step.sale }] : [])),
    ),
    appendPointsEntries(
      context,
      run.map((step) => ({
        opId: step.op.opId,
        terminalId: context.terminal.id,
        entries: entriesOf(step),
      })),
      enrolledAt,
    ),
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

/** SQLSTATE classes of trouble that may pass: the push fails and the terminal retries it. */
const TRANSIENT = /^(08|40|53|57|58)|^55P03$/;

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}

/**
 * Runs `work` under a savepoint: on a failure that will not pass, rolls back to it and returns
 * the error instead of failing the push (a transient failure, or a rollback that fails, is thrown).
 * Not `careful`: runs it bare, and such a failure throws ApplyNeedsCare instead.
 */
async function isolated<T>(
  context: BatchContext,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  if (!context.careful) {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      if (isTransient(error)) throw error;
      throw new ApplyNeedsCare(error);
    }
  }
  await context.tx.query('SAVEPOINT operation');
  try {
    const value = await work();
    await context.tx.query('RELEASE SAVEPOINT operation');
    return { ok: true, value };
  } catch (error) {
    if (isTransient(error)) throw error;
    await context.tx.query('ROLLBACK TO SAVEPOINT operation');
    await context.tx.query('RELEASE SAVEPOINT operation');
    return { ok: false, error };
  }
}

/** Applies one operation alone; one that fails for good is rejected instead. */
async function applySingle(
  context: BatchContext,
  op: SyncOperation,
  parsed: Parsed,
): Promise<OperationOutcome> {
  const done = await isolated(context, () => applyOperation({ ...context, op }, parsed));
  if (done.ok) return outcomeOf(op, done.value);
  const message = done.error instanceof Error ? done.error.message : String(done.error);
  log.warn(`operation seq ${op.seq} of terminal ${context.terminal.id} could not be applied`);
  return outcomeOf(
    op,
    await rejectOperation(
      { ...context, op },
      {
        code: 'cannot_apply',
        message: `Operation seq ${op.seq} (${op.type}) could not be applied: ${message}`.slice(
          0,
          480,
        ),
        issues: [],
      },
    ),
  );
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
  let pending: StreamChange[] = [];
  /** Writes the run so far; if it fails, applies its operations one at a time instead. */
  const flush = async (): Promise<void> => {
    if (run.length === 0) return;
    const written = await isolated(context, () => applyRun(context, run));
    if (written.ok) {
      outcomes.push(...written.value.outcomes);
      pending = written.value.changes;
    } else {
      for (const step of run) outcomes.push(await applySingle(context, step.op, step.parsed));
      pending = [];
    }
    run = [];
  };
  for (const step of await plan(context, operations)) {
    if (step.kind === 'sale' || step.kind === 'enrollment') {
      run.push(step);
      continue;
    }
    await flush();
    // Published before the operation that follows publishes anything: streams keep seq order.
    await publishChanges(context.tx, pending, context.at);
    pending = [];
    outcomes.push(
      step.kind === 'rejected'
        ? outcomeOf(step.op, await rejectOperation({ ...context, op: step.op }, step.rejection))
        : await applySingle(context, step.op, step.parsed),
    );
  }
  await flush();
  return { outcomes, changes: pending };
}
