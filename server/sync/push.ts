import {
  pushRequest,
  type OperationOutcome,
  type PushRequest,
  type PushResponse,
  type SyncOperation,
} from '../../shared/sync/protocol';
import type { PushingTerminal } from './appliedOperation';
import { ApplyNeedsCare, applyBatch } from './pushBatch';
import { storableOperation } from './rejectOperation';
import type { StreamChange } from '../db/streams';
import { scrubPushedOfErased } from '../privacy/erasure';
import type { ServiceClock } from '../platform/clock';
import type { Database, Queryable, Transaction } from '../db/database';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import type { TerminalAuth } from '../admin/terminals';

const log = createLogger('push');

/**
 * The batch in seq order. The same operation twice in one batch counts once; two different
 * operations claiming one seq (or one op id at two seqs) is a terminal bug, refused.
 */
function inSeqOrder(operations: readonly SyncOperation[]): SyncOperation[] {
  const bySeq = new Map<number, SyncOperation>();
  const seqByOpId = new Map<string, number>();
  for (const op of operations) {
    const other = bySeq.get(op.seq);
    if (other && other.opId !== op.opId) {
      throw new HeadOfficeFailure(
        'invalid_input',
        `Two operations in this batch claim seq ${op.seq}.`,
        { seq: op.seq, opIds: [other.opId, op.opId] },
      );
    }
    const otherSeq = seqByOpId.get(op.opId);
    if (otherSeq !== undefined && otherSeq !== op.seq) {
      throw new HeadOfficeFailure(
        'invalid_input',
        `Operation ${op.opId} appears at seq ${otherSeq} and seq ${op.seq} in this batch.`,
        { opId: op.opId, seqs: [otherSeq, op.seq] },
      );
    }
    bySeq.set(op.seq, op);
    seqByOpId.set(op.opId, op.seq);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

interface TerminalForPush extends PushingTerminal {
  highWaterMark: number;
}

/** Locks the terminal's row: its pushes run one at a time, each seeing the last one's mark. */
async function lockTerminal(tx: Queryable, terminalId: string): Promise<TerminalForPush> {
  const { rows } = await tx.query<{
    high_water_mark: number;
    revoked_at: Date | null;
    store_id: string;
    store_name: string;
    number: number;
    time_zone: string | null;
    prices_with_program: boolean;
  }>(
    `SELECT t.high_water_mark, t.revoked_at, t.store_id, s.name AS store_name, t.number,
       t.configured->>'timeZone' AS time_zone, t.prices_with_program
     FROM terminal t JOIN store s ON s.id = t.store_id
     WHERE t.id = $1 FOR UPDATE OF t`,
    [terminalId],
  );
  const row = rows[0];
  if (!row) throw new HeadOfficeFailure('unauthorized', 'That terminal is not known here.');
  if (row.revoked_at) {
    throw new HeadOfficeFailure('terminal_revoked', 'This terminal has been revoked.', {
      terminalId,
    });
  }
  return {
    id: terminalId,
    storeId: row.store_id,
    storeName: row.store_name,
    number: row.number,
    timeZone: row.time_zone,
    pricesWithProgram: row.prices_with_program,
    highWaterMark: row.high_water_mark,
  };
}

/** Answers for operations applied before: the stored outcome, marked as a repeat. */
async function storedOutcomes(
  tx: Queryable,
  terminalId: string,
  seen: readonly SyncOperation[],
): Promise<OperationOutcome[]> {
  if (seen.length === 0) return [];
  const { rows } = await tx.query<{ seq: number; op_id: string; outcome: OperationOutcome }>(
    'SELECT seq, op_id, outcome FROM sync_op WHERE terminal_id = $1 AND seq = ANY($2::int8[])',
    [terminalId, seen.map((op) => op.seq)],
  );
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  return seen.map((op) => {
    const stored = bySeq.get(op.seq);
    if (!stored) throw new Error(`seq ${op.seq} is below the high-water mark but not stored`);
    if (stored.op_id !== op.opId) {
      throw new HeadOfficeFailure(
        'seq_conflict',
        `Seq ${op.seq} was applied as operation ${stored.op_id}, but this batch sends ${op.opId} there. The terminal's outbox does not match what head office applied.`,
        { seq: op.seq, storedOpId: stored.op_id, sentOpId: op.opId },
      );
    }
    return { ...stored.outcome, duplicate: true };
  });
}

/** What PostgreSQL names the unique index on an operation's id (0001_initial.ts). */
const OP_ID_UNIQUE = 'sync_op_op_id_key';

/** The push failed on an op id stored before (recordPush): see refuseReusedOpId. */
function isReusedOpId(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === OP_ID_UNIQUE;
}

/**
 * An op id is applied once, ever: one already applied elsewhere is a terminal bug. Found when
 * recordPush's insert meets it: the push's transaction has rolled back whole, so nothing of the
 * batch stays, and this names the operation. Read after the rollback, from what is committed.
 */
async function refuseReusedOpId(
  db: Queryable,
  terminalId: string,
  operations: readonly SyncOperation[],
): Promise<never> {
  const { rows } = await db.query<{ op_id: string; terminal_id: string; seq: number }>(
    'SELECT op_id, terminal_id, seq FROM sync_op WHERE op_id = ANY($1::uuid[])',
    [operations.map((op) => op.opId)],
  );
  for (const used of rows) {
    const op = operations.find((o) => o.opId === used.op_id);
    if (op && (used.terminal_id !== terminalId || used.seq !== op.seq)) {
      throw new HeadOfficeFailure(
        'seq_conflict',
        `Operation id ${op.opId} was already applied at seq ${used.seq}${used.terminal_id === terminalId ? '' : ' of another terminal'}; it cannot also be seq ${op.seq}.`,
        { opId: op.opId, seq: op.seq, storedSeq: used.seq },
      );
    }
  }
  throw new Error('an op id was stored twice, but no operation of the batch reuses one');
}

/** What a push writes last, in one statement: see recordPush. */
interface PushRecord {
  terminalId: string;
  operations: readonly SyncOperation[];
  outcomes: readonly OperationOutcome[];
  /** Stream changes still to publish (applyBatch's last run). */
  changes: readonly StreamChange[];
  highWaterMark: number;
  outboxPending: number | null;
  at: string;
}

/**
 * Keeps the applied operations with their outcomes, publishes the batch's last stream changes
 * and moves the terminal's mark, in one statement sent with the transaction's COMMIT: a push of
 * a sale is three round trips (lock, write, this), each of which holds the terminal's lock.
 * An op id stored before fails the insert, and with it the whole transaction (refuseReusedOpId).
 */
async function recordPush(tx: Transaction, record: PushRecord, last: boolean): Promise<void> {
  // Sent with the COMMIT unless the push still has work after it (scrubbing erased members).
  await (last ? tx.queryAndCommit.bind(tx) : tx.query.bind(tx))(
    `WITH stored AS (
       INSERT INTO sync_op (terminal_id, seq, op_id, type, hlc, staff_id, created_at, payload,
         outcome, received_at)
       SELECT $2, r.seq, r.op_id, r.type, r.hlc, r.staff_id, r.created_at,
         coalesce(r.payload, 'null'::jsonb), r.outcome, $3
       FROM jsonb_to_recordset($1::jsonb) AS r (seq int8, op_id uuid, type text, hlc text,
         staff_id uuid, created_at text, payload jsonb, outcome jsonb)
     ),
     published AS (
       INSERT INTO stream_publication (changes, recorded_at)
       SELECT $4::jsonb, $3 WHERE jsonb_array_length($4::jsonb) > 0
     )
     UPDATE terminal SET high_water_mark = $5, last_seen_at = $3,
       outbox_pending = coalesce($6, outbox_pending)
     WHERE id = $2`,
    [
      JSON.stringify(
        record.operations.map(storableOperation).map((op, i) => ({
          seq: op.seq,
          op_id: op.opId,
          type: op.type,
          hlc: op.hlc,
          staff_id: op.staffId,
          created_at: op.createdAt,
          payload: op.payload ?? null,
          outcome: record.outcomes[i],
        })),
      ),
      record.terminalId,
      record.at,
      JSON.stringify(record.changes),
      record.highWaterMark,
      record.outboxPending,
    ],
  );
}

export function pushService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  /** One attempt at the push's transaction; `careful` isolates each operation (pushBatch.ts). */
  const attempt = (auth: TerminalAuth, request: PushRequest, careful: boolean) => {
    const operations = inSeqOrder(request.operations);
    return db.transaction(async (tx): Promise<PushResponse> => {
      const now = clock.now();
      const at = new Date(now).toISOString();
      const terminal = await lockTerminal(tx, auth.terminalId);
      let highWaterMark = terminal.highWaterMark;
      const outcomes = await storedOutcomes(
        tx,
        terminal.id,
        operations.filter((op) => op.seq <= highWaterMark),
      );
      const fresh = operations.filter((op) => op.seq > highWaterMark);
      // The run that follows the mark without a gap; a gap stops the batch there.
      const next = fresh.findIndex((op, i) => op.seq !== highWaterMark + 1 + i);
      const toApply = next === -1 ? fresh : fresh.slice(0, next);
      const gapExpectedSeq = next === -1 ? null : highWaterMark + 1 + next;
      const applied = await applyBatch({ tx, at, now, random, terminal, careful }, toApply);
      outcomes.push(...applied.outcomes);
      highWaterMark = toApply.at(-1)?.seq ?? highWaterMark;
      const memberOps = toApply.filter((op) => op.type.startsWith('member.'));
      await recordPush(
        tx,
        {
          terminalId: terminal.id,
          operations: toApply,
          outcomes: applied.outcomes,
          changes: applied.changes,
          highWaterMark,
          outboxPending: request.outboxPending ?? null,
          at,
        },
        memberOps.length === 0,
      );
      if (memberOps.length > 0) {
        await scrubPushedOfErased(
          tx,
          memberOps.map((op) => op.opId),
        );
      }
      return { highWaterMark, outcomes, gapExpectedSeq, serverTime: at };
    });
  };

  /**
   * Applies a batch of a terminal's outbox, in one transaction:
   * - operations at or below the high-water mark get their stored outcome back (duplicate);
   * - a gap stops the batch: nothing after it is applied, and the expected seq is returned;
   * - the rest are applied in seq order, stored with their outcome, and the mark advances.
   * Delivering a batch again, or batches out of order, therefore changes nothing.
   */
  const pushParsed = (auth: TerminalAuth, request: PushRequest): Promise<Outcome<PushResponse>> =>
    guard(async () => {
      if (request.terminalId !== auth.terminalId) {
        throw new HeadOfficeFailure(
          'wrong_terminal',
          'A terminal may push only its own operations: terminalId is not the authenticated terminal.',
          { authenticated: auth.terminalId, sent: request.terminalId },
        );
      }
      let response: PushResponse;
      try {
        try {
          response = await attempt(auth, request, false);
        } catch (error) {
          // An operation failed for good: everything rolled back; again, each one isolated.
          if (!(error instanceof ApplyNeedsCare)) throw error;
          response = await attempt(auth, request, true);
        }
      } catch (error) {
        if (!isReusedOpId(error)) throw error;
        return await refuseReusedOpId(db, auth.terminalId, request.operations);
      }
      const applied = response.outcomes.filter((o) => !o.duplicate).length;
      log.debug(
        `terminal ${auth.terminalId}: ${applied} applied, ${response.outcomes.length - applied} repeated, mark ${response.highWaterMark}${response.gapExpectedSeq ? `, gap (expected ${response.gapExpectedSeq})` : ''}`,
      );
      return succeed(response);
    });

  return {
    /** A push whose body is still unknown (the simulation's network, tests): parsed here. */
    push(auth: TerminalAuth, body: unknown): Promise<Outcome<PushResponse>> {
      return guard(async () => {
        // Each operation's payload is judged on its own (applyBatch): one that head office cannot
        // read or store is rejected, never a reason to refuse the whole push.
        const request = parseInput(pushRequest, body, 'push request', { storable: false });
        return pushParsed(auth, request);
      });
    },
    /** A push whose body the contract's schema has already parsed (the HTTP route): not again. */
    pushParsed,
  };
}
