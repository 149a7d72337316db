import type { Queryable } from '../db/database';
import { publishBalance } from './balances';

/**
 * The points ledger at head office, and the one module that writes it: every points_entry row
 * and every move of a member's cached balance (member_balance) goes through here, in the
 * caller's transaction. Entries are only ever appended; a balance moves in the same statement
 * run as the entries that move it. (server/structure.test.ts fails if another module writes
 * either table.)
 *
 * Terminals' entries arrive with their operations (sync/applyOperation.ts one at a time,
 * sync/pushBatch.ts a run at a time); head office's own come with a manager's resolution
 * (exceptions/exceptionEffects.ts). All of them are appended by appendPointsEntries.
 */

/** Where the ledger is written: inside the caller's transaction, at head office's time. */
export interface LedgerWrite {
  tx: Queryable;
  /** Head office's time, ISO: each entry's recorded_at and each balance's updated_at. */
  at: string;
}

/** One entry as it is appended. A terminal's entries keep the id the terminal gave them. */
export interface NewPointsEntry {
  id: string;
  memberId: string;
  kind: string;
  points: number;
  saleId: string | null;
  reversesId: string | null;
}

/** The entries one operation (or one resolution) appends, and where they came from. */
export interface EntriesFrom {
  /** The operation's id, or the resolution's: each entry's op_id. */
  opId: string;
  terminalId: string;
  entries: readonly NewPointsEntry[];
}

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

/**
 * Adds to cached balances, creating those head office has none of, in member order: two
 * writers that touch the same members lock their rows in one order. Returns the new balances.
 */
async function addToBalances(
  { tx, at }: LedgerWrite,
  totals: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const ids = [...totals.keys()].sort();
  const { rows } = await tx.query<{ member_id: string; points: number }>(
    `INSERT INTO member_balance (member_id, points, updated_at)
     SELECT m, p, $3 FROM unnest($1::uuid[], $2::int8[]) AS u (m, p) ORDER BY m
     ON CONFLICT (member_id) DO UPDATE
       SET points = member_balance.points + EXCLUDED.points, updated_at = EXCLUDED.updated_at
     RETURNING member_id, points`,
    [ids, ids.map((id) => totals.get(id) ?? 0), at],
  );
  return new Map(rows.map((row) => [row.member_id, row.points]));
}

/**
 * Appends the entries of a run of operations, in order, and moves each member's cached balance
 * in the same statement, one round trip whatever the run's length. Returns the
 * moves of each operation, in order, as if they had been applied one by one.
 *
 * - An entry already in the ledger (same id, here or earlier in the run) is skipped, so
 *   appending the same entries twice changes nothing.
 * - Entries for a merged member count for the survivor. `enrolledAt` names the members this run
 *   enrolls (by the index of the operation that does): an entry of an earlier operation does not
 *   know them yet. A member head office does not know keeps its own balance (`known: false`).
 * - Each operation's balances before and after are worked out from what the balance upsert
 *   returns, which counts whatever other pushes committed before it.
 */
export async function appendPointsEntries(
  ledger: LedgerWrite,
  operations: readonly EntriesFrom[],
  enrolledAt: ReadonlyMap<string, number> = new Map(),
): Promise<BalanceMove[][]> {
  // An entry id twice in the run counts once, the first time.
  const firstTime = new Map<string, { entry: NewPointsEntry; from: EntriesFrom; index: number }>();
  operations.forEach((from, index) => {
    for (const entry of from.entries) {
      if (!firstTime.has(entry.id)) firstTime.set(entry.id, { entry, from, index });
    }
  });
  if (firstTime.size === 0) return operations.map(() => []);
  const runs = [...firstTime.values()];
  // One statement: the entries inserted (those not in the ledger yet), the member each counts
  // for (its survivor if it was merged, itself if head office does not know it or this run
  // enrolls it only later), and each such member's cached balance moved by the sum, in member
  // order (two writers touching the same members lock their rows in one order).
  const { rows } = await ledger.tx.query<{
    id: string | null;
    survivor: string | null;
    member_id: string | null;
    points: number | null;
  }>(
    `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $3::uuid[], $4::text[], $5::int8[], $6::uuid[],
         $7::uuid[], $8::uuid[], $9::uuid[], $10::int4[], $11::int4[])
         AS r (id, member_id, kind, points, sale_id, reverses_id, terminal_id, op_id, op_index,
           enrolled_index)
     ),
     inserted AS (
       INSERT INTO points_entry
         (id, member_id, kind, points, sale_id, reverses_id, terminal_id, op_id, recorded_at)
       SELECT id, member_id, kind, points, sale_id, reverses_id, terminal_id, op_id, $2
       FROM input
       ON CONFLICT (id) DO NOTHING RETURNING id
     ),
     resolved AS (
       SELECT i.id, coalesce(m.merged_into, m.id) AS survivor, n.member_id, n.points,
         n.op_index, n.enrolled_index
       FROM inserted i JOIN input n ON n.id = i.id LEFT JOIN member m ON m.id = n.member_id
     ),
     moved AS (
       INSERT INTO member_balance (member_id, points, updated_at)
       SELECT CASE WHEN survivor IS NOT NULL AND coalesce(enrolled_index, -1) <= op_index
                THEN survivor ELSE member_id END AS counted_for,
         sum(points), $2
       FROM resolved GROUP BY 1 ORDER BY 1
       ON CONFLICT (member_id) DO UPDATE
         SET points = member_balance.points + EXCLUDED.points, updated_at = EXCLUDED.updated_at
       RETURNING member_id, points
     )
     SELECT id, survivor, NULL::uuid AS member_id, NULL::int8 AS points FROM resolved
     UNION ALL
     SELECT NULL, NULL, member_id, points FROM moved`,
    [
      runs.map(({ entry }) => entry.id),
      ledger.at,
      runs.map(({ entry }) => entry.memberId),
      runs.map(({ entry }) => entry.kind),
      runs.map(({ entry }) => entry.points),
      runs.map(({ entry }) => entry.saleId),
      runs.map(({ entry }) => entry.reversesId),
      runs.map(({ from }) => from.terminalId),
      runs.map(({ from }) => from.opId),
      runs.map(({ index }) => index),
      runs.map(({ entry }) => enrolledAt.get(entry.memberId) ?? null),
    ],
  );
  const inserted = rows.filter((row) => row.id !== null) as {
    id: string;
    survivor: string | null;
  }[];
  if (inserted.length === 0) return operations.map(() => []);
  const fresh = new Set(inserted.map((row) => row.id));
  const survivorOf = new Map<string, string>();
  for (const row of inserted) {
    const sent = firstTime.get(row.id)?.entry.memberId;
    if (sent !== undefined && row.survivor !== null) survivorOf.set(sent, row.survivor);
  }

  // Each operation's moves, with what it adds (counted for the same member as above).
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

  const balances = new Map(
    rows.flatMap((row) =>
      row.member_id !== null && row.points !== null ? [[row.member_id, row.points] as const] : [],
    ),
  );
  const running = new Map(
    [...balances].map(([memberId, points]) => [memberId, points - (totals.get(memberId) ?? 0)]),
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

/**
 * A merge: whatever balance `fromId` holds (entries that came before its enrollment) moves to
 * `toId`, and both new balances go out on the balances stream.
 */
export async function moveBalance(ledger: LedgerWrite, fromId: string, toId: string) {
  const { rows } = await ledger.tx.query<{ points: number }>(
    'SELECT points FROM member_balance WHERE member_id = $1 FOR UPDATE',
    [fromId],
  );
  const points = rows[0]?.points;
  if (points === undefined) return;
  const balances = await addToBalances(
    ledger,
    new Map([
      [fromId, -points],
      [toId, points],
    ]),
  );
  const after = balances.get(toId);
  if (after === undefined) throw new Error('balance missing right after upsert');
  await publishBalance(ledger, fromId, 0);
  await publishBalance(ledger, toId, after);
}

/** A member's balance, locked until the transaction ends (created at zero if there is none). */
export async function lockBalance({ tx, at }: LedgerWrite, memberId: string): Promise<number> {
  await tx.query(
    `INSERT INTO member_balance (member_id, points, updated_at) VALUES ($1, 0, $2)
     ON CONFLICT (member_id) DO NOTHING`,
    [memberId, at],
  );
  const { rows } = await tx.query<{ points: number }>(
    'SELECT points FROM member_balance WHERE member_id = $1 FOR UPDATE',
    [memberId],
  );
  return rows[0]?.points ?? 0;
}
