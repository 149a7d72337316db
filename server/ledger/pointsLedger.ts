import type { SyncedPointsEntry } from '../../shared/sync/operations';
import type { PulledBalance } from '../../shared/sync/protocol';
import type { AppliedOperation } from '../sync/appliedOperation';
import type { Queryable } from '../db/database';
import { resolveMember } from './resolveMember';
import { publishChanges, type StreamChange } from '../db/streams';

/** How one operation moved one (surviving) member's balance. */
export interface BalanceMove {
  memberId: string;
  /** The ids the entries named: the member itself, or one merged into it. */
  sentMemberIds: Set<string>;
  known: boolean;
  before: number;
  after: number;
  /** Points spent by this operation's redeem entries (positive). */
  redeemed: number;
}

async function balanceOf(tx: Queryable, memberId: string): Promise<number> {
  const { rows } = await tx.query<{ points: number }>(
    'SELECT points FROM member_balance WHERE member_id = $1',
    [memberId],
  );
  return rows[0]?.points ?? 0;
}

async function addToBalance(
  applied: AppliedOperation,
  memberId: string,
  points: number,
): Promise<number> {
  const { rows } = await applied.tx.query<{ points: number }>(
    `INSERT INTO member_balance (member_id, points, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (member_id) DO UPDATE
       SET points = member_balance.points + EXCLUDED.points, updated_at = EXCLUDED.updated_at
     RETURNING points`,
    [memberId, points, applied.at],
  );
  const balance = rows[0]?.points;
  if (balance === undefined) throw new Error('balance missing right after upsert');
  return balance;
}

/** What the balances stream carries for a move: the member's balance after it. */
export function balanceChange(memberId: string, points: number): StreamChange {
  const data: PulledBalance = { memberId, points };
  return { stream: 'balances', entityId: memberId, data };
}

async function publishBalance(applied: AppliedOperation, memberId: string, points: number) {
  await publishChanges(applied.tx, [balanceChange(memberId, points)], applied.at);
}

/**
 * Appends an operation's points entries to the ledger and moves each member's cached balance in
 * the same transaction. An entry already in the ledger (same id) is skipped, so applying the same
 * entries twice changes nothing. Entries for a merged member count for the survivor.
 */
export async function applyPointsEntries(
  applied: AppliedOperation,
  entries: readonly SyncedPointsEntry[],
): Promise<BalanceMove[]> {
  const moves = new Map<string, BalanceMove>();
  for (const entry of entries) {
    const { rows } = await applied.tx.query<{ id: string }>(
      `INSERT INTO points_entry
         (id, member_id, kind, points, sale_id, reverses_id, terminal_id, op_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        entry.id,
        entry.memberId,
        entry.kind,
        entry.points,
        entry.saleId,
        entry.reversesId,
        applied.terminal.id,
        applied.op.opId,
        applied.at,
      ],
    );
    if (rows.length === 0) continue;
    const { resolvedId, known } = await resolveMember(applied.tx, entry.memberId);
    let move = moves.get(resolvedId);
    if (!move) {
      const before = await balanceOf(applied.tx, resolvedId);
      move = {
        memberId: resolvedId,
        sentMemberIds: new Set(),
        known,
        before,
        after: before,
        redeemed: 0,
      };
      moves.set(resolvedId, move);
    }
    move.sentMemberIds.add(entry.memberId);
    move.after = await addToBalance(applied, resolvedId, entry.points);
    if (entry.kind === 'redeem') move.redeemed -= entry.points;
  }
  for (const move of moves.values()) await publishBalance(applied, move.memberId, move.after);
  return [...moves.values()];
}

/** A merge: whatever balance `fromId` holds (entries that came before its enrollment) moves. */
export async function moveBalance(
  applied: AppliedOperation,
  fromId: string,
  toId: string,
): Promise<void> {
  const { rows } = await applied.tx.query<{ points: number }>(
    'SELECT points FROM member_balance WHERE member_id = $1 FOR UPDATE',
    [fromId],
  );
  const points = rows[0]?.points;
  if (points === undefined) return;
  await applied.tx.query(
    'UPDATE member_balance SET points = 0, updated_at = $2 WHERE member_id = $1',
    [fromId, applied.at],
  );
  const after = await addToBalance(applied, toId, points);
  await publishBalance(applied, fromId, 0);
  await publishBalance(applied, toId, after);
}

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

/** One operation's points entries, for applyPointsEntriesInBulk. */
export interface OperationEntries {
  opId: string;
  entries: readonly SyncedPointsEntry[];
}

/**
 * applyPointsEntries for a run of operations at once, in a handful of statements instead of a few
 * per entry, with the same result: the moves of each operation, in order, as if they had been
 * applied one by one. `enrolledAt` names the members this run enrolls (by the index of the
 * operation that does): an entry of an earlier operation does not know them yet.
 *
 * Balances are upserted in member order, so two pushes that touch the same members lock their
 * rows in one order; each operation's balances before and after are worked out from what the
 * upsert returns, which counts whatever other pushes committed before it.
 */
export async function applyPointsEntriesInBulk(
  applied: Pick<AppliedOperation, 'tx' | 'at' | 'terminal'>,
  operations: readonly OperationEntries[],
  enrolledAt: ReadonlyMap<string, number>,
): Promise<BalanceMove[][]> {
  const { tx, at, terminal } = applied;
  // An entry id twice in the run counts once, the first time, as the per-entry insert would.
  const firstTime = new Map<string, { entry: SyncedPointsEntry; opId: string }>();
  for (const { opId, entries } of operations) {
    for (const entry of entries)
      if (!firstTime.has(entry.id)) firstTime.set(entry.id, { entry, opId });
  }
  if (firstTime.size === 0) return operations.map(() => []);
  // Inserted, and the member each new entry counts for (its survivor if it was merged; none if
  // head office does not know it), in one statement.
  const { rows: inserted } = await tx.query<{ id: string; survivor: string | null }>(
    `WITH inserted AS (
       INSERT INTO points_entry
         (id, member_id, kind, points, sale_id, reverses_id, terminal_id, op_id, recorded_at)
       SELECT r.id, r.member_id, r.kind, r.points, r.sale_id, r.reverses_id, $2, r.op_id, $3
       FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, member_id uuid, kind text, points int8,
         sale_id uuid, reverses_id uuid, op_id uuid)
       ON CONFLICT (id) DO NOTHING RETURNING id, member_id
     )
     SELECT i.id, coalesce(m.merged_into, m.id) AS survivor
     FROM inserted i LEFT JOIN member m ON m.id = i.member_id`,
    [
      JSON.stringify(
        [...firstTime.values()].map(({ entry, opId }) => ({
          id: entry.id,
          member_id: entry.memberId,
          kind: entry.kind,
          points: entry.points,
          sale_id: entry.saleId,
          reverses_id: entry.reversesId,
          op_id: opId,
        })),
      ),
      terminal.id,
      at,
    ],
  );
  if (inserted.length === 0) return operations.map(() => []);
  const fresh = new Set(inserted.map((row) => row.id));
  const survivorOf = new Map<string, string>();
  for (const row of inserted) {
    const sent = firstTime.get(row.id)?.entry.memberId;
    if (sent !== undefined && row.survivor !== null) survivorOf.set(sent, row.survivor);
  }

  // Each operation's moves, with what it adds; balances come after the upsert below.
  const counted = new Set<string>();
  const totals = new Map<string, number>();
  const perOperation = operations.map(({ entries }, index) => {
    const moves = new Map<string, BalanceMove & { delta: number }>();
    for (const entry of entries) {
      if (!fresh.has(entry.id) || counted.has(entry.id)) continue;
      counted.add(entry.id);
      const survivor = survivorOf.get(entry.memberId);
      const known = survivor !== undefined && (enrolledAt.get(entry.memberId) ?? -1) <= index;
      const resolvedId = known ? survivor : entry.memberId;
      let move = moves.get(resolvedId);
      if (!move) {
        move = {
          memberId: resolvedId,
          sentMemberIds: new Set(),
          known,
          before: 0,
          after: 0,
          redeemed: 0,
          delta: 0,
        };
        moves.set(resolvedId, move);
      }
      move.sentMemberIds.add(entry.memberId);
      move.delta += entry.points;
      if (entry.kind === 'redeem') move.redeemed -= entry.points;
      totals.set(resolvedId, (totals.get(resolvedId) ?? 0) + entry.points);
    }
    return [...moves.values()];
  });

  const ids = [...totals.keys()].sort();
  const { rows: balances } = await tx.query<{ member_id: string; points: number }>(
    `INSERT INTO member_balance (member_id, points, updated_at)
     SELECT m, p, $3 FROM unnest($1::uuid[], $2::int8[]) AS u (m, p) ORDER BY m
     ON CONFLICT (member_id) DO UPDATE
       SET points = member_balance.points + EXCLUDED.points, updated_at = EXCLUDED.updated_at
     RETURNING member_id, points`,
    [ids, ids.map((id) => totals.get(id) ?? 0), at],
  );
  const running = new Map(
    balances.map((row) => [row.member_id, row.points - (totals.get(row.member_id) ?? 0)]),
  );
  return perOperation.map((moves) =>
    moves.map(({ delta, ...move }) => {
      const before = running.get(move.memberId);
      if (before === undefined) throw new Error(`balance of ${move.memberId} missing after upsert`);
      running.set(move.memberId, before + delta);
      return { ...move, before, after: before + delta };
    }),
  );
}
