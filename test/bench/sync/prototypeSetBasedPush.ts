/**
 * PROTOTYPE, for measuring only: a push that applies runs of plain sales set-based (one statement
 * per table per run instead of ~7 round trips per operation), everything else through the real
 * applyOperation. Compared with the real push on the same operations, in two fresh schemas, and
 * checked to leave the same rows.
 *
 * `npx tsx test/bench/sync/prototypeSetBasedPush.ts [--ops N]`
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { applyOperation } from '../../../server/applyOperation';
import type { Queryable } from '../../../server/db/database';
import { openPostgres } from '../../../server/db/postgres';
import { createHeadOffice, type TerminalAuth } from '../../../server/headOffice';
import { lockStreamsForPush } from '../../../server/streams';
import { saleRecorded } from '../../../shared/sync/operations';
import {
  pushRequest,
  SYNC_PROTOCOL_VERSION,
  type OperationOutcome,
  type SyncOperation,
} from '../../../shared/sync/protocol';
import { elapsedMs } from '../stats';
import { PG_URL } from './headOffice';
import { outboxDataset } from './outboxData';

interface Terminal {
  id: string;
  storeId: string;
  storeName: string;
  number: number;
  highWaterMark: number;
}

type Sale = ReturnType<typeof saleRecorded.parse>;

async function lockTerminal(tx: Queryable, id: string): Promise<Terminal> {
  const { rows } = await tx.query<{
    high_water_mark: number;
    store_id: string;
    store_name: string;
    number: number;
  }>(
    `SELECT t.high_water_mark, t.store_id, s.name AS store_name, t.number
     FROM terminal t JOIN store s ON s.id = t.store_id WHERE t.id = $1 FOR UPDATE OF t`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error('unknown terminal');
  return {
    id,
    storeId: row.store_id,
    storeName: row.store_name,
    number: row.number,
    highWaterMark: row.high_water_mark,
  };
}

const sumOf = (sale: Sale, kind: string) =>
  (sale.pointsEntries ?? []).filter((e) => e.kind === kind).reduce((s, e) => s + e.points, 0);

/**
 * A run of plain sales in seq order, set-based. Returns false (having written nothing) when one
 * of them would raise an exception (unknown member, overdraft): the caller applies that run one
 * by one instead.
 */
async function applySales(
  tx: Queryable,
  terminal: Terminal,
  at: string,
  run: { op: SyncOperation; sale: Sale }[],
): Promise<boolean> {
  const entries = run.flatMap(({ op, sale }) =>
    (sale.pointsEntries ?? []).map((e) => ({ ...e, opId: op.opId })),
  );
  const { rows: existing } = await tx.query<{ id: string }>(
    'SELECT id FROM points_entry WHERE id = ANY($1::uuid[])',
    [entries.map((e) => e.id)],
  );
  const seen = new Set(existing.map((r) => r.id));
  const fresh = entries.filter((e) => !seen.has(e.id));
  const ids = [...new Set(fresh.map((e) => e.memberId))];
  const { rows: members } = await tx.query<{ id: string; merged_into: string | null }>(
    'SELECT id, merged_into FROM member WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const resolved = new Map(members.map((m) => [m.id, m.merged_into ?? m.id]));
  if (ids.some((id) => !resolved.has(id))) return false;
  const { rows: balances } = await tx.query<{ member_id: string; points: number }>(
    'SELECT member_id, points FROM member_balance WHERE member_id = ANY($1::uuid[])',
    [[...new Set(resolved.values())]],
  );
  const balance = new Map(balances.map((b) => [b.member_id, b.points]));
  const changes: { entity_id: string; data: { memberId: string; points: number } }[] = [];
  const delta = new Map<string, number>();
  for (const { op } of run) {
    const moves = new Map<string, { after: number; redeemed: number }>();
    for (const e of fresh.filter((x) => x.opId === op.opId)) {
      const member = resolved.get(e.memberId) as string;
      const move = moves.get(member) ?? { after: balance.get(member) ?? 0, redeemed: 0 };
      move.after += e.points;
      if (e.kind === 'redeem') move.redeemed -= e.points;
      moves.set(member, move);
      balance.set(member, move.after);
      delta.set(member, (delta.get(member) ?? 0) + e.points);
    }
    for (const [member, move] of moves) {
      if (move.redeemed > 0 && move.after < 0) return false;
      changes.push({ entity_id: member, data: { memberId: member, points: move.after } });
    }
  }

  await tx.query(
    `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
       redeem_value_minor, paid_minor, points_redeemed, points_earned, lines, reason, offline,
       store_id, terminal_id, staff_id, op_id, created_at, recorded_at, gift_card_minor,
       earn_base_minor)
     SELECT x.id, 'sale', NULL, x.number, x.member_id, x.currency, x.total_minor,
       x.redeem_value_minor, x.paid_minor, x.points_redeemed, x.points_earned, x.lines, NULL,
       x.offline, $2, $3, x.staff_id, x.op_id, x.created_at, $4, x.gift_card_minor,
       x.earn_base_minor
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, number text, member_id uuid,
       currency text, total_minor int8, redeem_value_minor int8, paid_minor int8,
       points_redeemed int8, points_earned int8, lines jsonb, offline boolean, staff_id uuid,
       op_id uuid, created_at text, gift_card_minor int8, earn_base_minor int8)
     ON CONFLICT (id) DO NOTHING`,
    [
      JSON.stringify(
        run.map(({ op, sale }) => ({
          id: sale.saleId,
          number: sale.number,
          member_id: sale.memberId,
          currency: sale.currency,
          total_minor: sale.totalMinor,
          redeem_value_minor: sale.redeemValueMinor,
          paid_minor: sale.paidMinor,
          points_redeemed: -sumOf(sale, 'redeem'),
          points_earned: sumOf(sale, 'earn'),
          lines: sale.lines,
          offline: sale.offline ?? false,
          staff_id: op.staffId,
          op_id: op.opId,
          created_at: op.createdAt,
          gift_card_minor: sale.giftCardMinor ?? null,
          earn_base_minor: sale.earnBaseMinor ?? null,
        })),
      ),
      terminal.storeId,
      terminal.id,
      at,
    ],
  );
  if (fresh.length > 0) {
    await tx.query(
      `INSERT INTO points_entry
         (id, member_id, kind, points, sale_id, reverses_id, terminal_id, op_id, recorded_at)
       SELECT x.id, x."memberId", x.kind, x.points, x."saleId", x."reversesId", $2, x."opId", $3
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "memberId" uuid, kind text, points int8,
         "saleId" uuid, "reversesId" uuid, "opId" uuid)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(fresh), terminal.id, at],
    );
    await tx.query(
      `INSERT INTO member_balance (member_id, points, updated_at)
       SELECT x.member_id, x.points, $2 FROM jsonb_to_recordset($1::jsonb) AS x(member_id uuid, points int8)
       ON CONFLICT (member_id) DO UPDATE
         SET points = member_balance.points + EXCLUDED.points, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify([...delta].map(([member_id, points]) => ({ member_id, points }))), at],
    );
  }
  if (changes.length > 0) {
    // The stream's numbers for the whole run at once; the counter row stays locked to commit.
    const { rows } = await tx.query<{ seq: number }>(
      "UPDATE stream_counter SET seq = seq + $1 WHERE stream = 'balances' RETURNING seq",
      [changes.length],
    );
    const last = rows[0]?.seq ?? 0;
    await tx.query(
      `INSERT INTO change_log (stream, seq, entity_id, data, recorded_at)
       SELECT 'balances', $2 + x.n, x.entity_id, x.data, $3
       FROM jsonb_to_recordset($1::jsonb) AS x(n int8, entity_id text, data jsonb)`,
      [JSON.stringify(changes.map((c, i) => ({ n: i + 1, ...c }))), last - changes.length, at],
    );
  }
  return true;
}

export function setBasedPush(db: Awaited<ReturnType<typeof openPostgres>>, now: () => number) {
  return async (auth: TerminalAuth, body: unknown) => {
    const request = pushRequest.parse(body);
    const operations = [...request.operations].sort((a, b) => a.seq - b.seq);
    return db.transaction(async (tx) => {
      const ms = now();
      const at = new Date(ms).toISOString();
      const terminal = await lockTerminal(tx, auth.terminalId);
      const fresh = operations.filter((op) => op.seq > terminal.highWaterMark);
      if (fresh[0]?.seq !== terminal.highWaterMark + 1) throw new Error('prototype: no gaps');
      await lockStreamsForPush(tx);
      const outcomes: OperationOutcome[] = [];
      const accept = (op: SyncOperation, compensation: OperationOutcome['compensation']) =>
        outcomes.push({
          seq: op.seq,
          opId: op.opId,
          outcome: compensation ? 'compensated' : 'accepted',
          duplicate: false,
          compensation,
        });
      const one = async (op: SyncOperation) =>
        accept(
          op,
          await applyOperation({ tx, at, now: ms, random: Math.random, terminal, op } as never),
        );
      let run: { op: SyncOperation; sale: Sale }[] = [];
      const flush = async () => {
        if (run.length === 0) return;
        if (await applySales(tx, terminal, at, run)) for (const { op } of run) accept(op, null);
        else for (const { op } of run) await one(op);
        run = [];
      };
      for (const op of fresh) {
        const sale = op.type === 'sale.recorded' ? saleRecorded.safeParse(op.payload) : null;
        if (
          sale?.success &&
          !(sale.data.couponUses ?? []).length &&
          !(sale.data.storedValueEntries ?? []).length
        ) {
          run.push({ op, sale: sale.data });
          continue;
        }
        await flush();
        await one(op);
      }
      await flush();
      const byOp = new Map(outcomes.map((o) => [o.opId, o]));
      await tx.query(
        `INSERT INTO sync_op (terminal_id, seq, op_id, type, hlc, staff_id, created_at, payload,
           outcome, received_at)
         SELECT $2, x.seq, x.op_id, x.type, x.hlc, x.staff_id, x.created_at, x.payload, x.outcome, $3
         FROM jsonb_to_recordset($1::jsonb) AS x(seq int8, op_id uuid, type text, hlc text,
           staff_id uuid, created_at text, payload jsonb, outcome jsonb)`,
        [
          JSON.stringify(
            fresh.map((op) => ({
              seq: op.seq,
              op_id: op.opId,
              type: op.type,
              hlc: op.hlc,
              staff_id: op.staffId,
              created_at: op.createdAt,
              payload: op.payload ?? null,
              outcome: byOp.get(op.opId),
            })),
          ),
          terminal.id,
          at,
        ],
      );
      const highWaterMark = fresh[fresh.length - 1]?.seq ?? terminal.highWaterMark;
      await tx.query('UPDATE terminal SET high_water_mark = $2, last_seen_at = $3 WHERE id = $1', [
        terminal.id,
        highWaterMark,
        at,
      ]);
      return { highWaterMark, outcomes, gapExpectedSeq: null, serverTime: at };
    });
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { ops: { type: 'string' } }, strict: true });
  process.env.LOYALTY_LOG ??= 'warn';
  const limit = Number(values.ops ?? 20_000);
  const ledger = new Database(outboxDataset(42).file, { readonly: true });
  const ops = (
    ledger
      .prepare(
        `SELECT seq, op_id, op_type, payload, staff_id, hlc, created_at FROM outbox
         WHERE seq <= ? ORDER BY seq`,
      )
      .all(limit) as {
      seq: number;
      op_id: string;
      op_type: string;
      payload: string;
      staff_id: string;
      hlc: string;
      created_at: string;
    }[]
  ).map((r): SyncOperation => ({
    seq: r.seq,
    opId: r.op_id,
    type: r.op_type,
    hlc: r.hlc,
    createdAt: r.created_at,
    staffId: r.staff_id,
    payload: JSON.parse(r.payload) as unknown,
  }));
  ledger.close();
  const results: Record<string, unknown>[] = [];
  for (const variant of ['real', 'set-based', 'real', 'set-based'] as const) {
    const schema = `bench_proto_${process.pid}_${randomBytes(3).toString('hex')}`;
    const db = await openPostgres(PG_URL, { schema });
    try {
      const office = await createHeadOffice(db);
      const store = await office.admin.createStore('p', { name: 'P' });
      if (!store.ok) throw new Error(store.error.message);
      const code = await office.admin.createEnrollmentCode('p', store.value.id, {});
      if (!code.ok) throw new Error(code.error.message);
      const e = await office.enroll({ code: code.value.code, terminalName: 'T', appVersion: '1' });
      if (!e.ok) throw new Error(e.error.message);
      const auth = {
        terminalId: e.value.terminalId,
        storeId: e.value.storeId,
        terminalNumber: e.value.terminalNumber,
      };
      const proto = setBasedPush(db, Date.now);
      const started = process.hrtime.bigint();
      for (let i = 0; i < ops.length; i += 200) {
        const body = JSON.parse(
          JSON.stringify({
            protocol: SYNC_PROTOCOL_VERSION,
            terminalId: auth.terminalId,
            operations: ops.slice(i, i + 200),
          }),
        ) as unknown;
        if (variant === 'real') {
          const answer = await office.push(auth, body);
          if (!answer.ok) throw new Error(answer.error.message);
        } else {
          await proto(auth, body);
        }
      }
      const ms = elapsedMs(started);
      const { rows } = await db.query<Record<string, number>>(
        `SELECT (SELECT count(*) FROM sync_op)::int8 AS ops, (SELECT count(*) FROM sale)::int8 AS sales,
           (SELECT count(*) FROM points_entry)::int8 AS entries,
           (SELECT coalesce(sum(points), 0) FROM member_balance)::int8 AS balance_sum,
           (SELECT count(*) FROM change_log WHERE stream = 'balances')::int8 AS balance_changes,
           (SELECT max(seq) FROM change_log WHERE stream = 'balances')::int8 AS last_change,
           (SELECT count(*) FROM exception_case)::int8 AS exceptions`,
      );
      results.push({
        variant,
        ops: ops.length,
        opsPerS: Math.round((ops.length * 1000) / ms),
        ...rows[0],
      });
      process.stdout.write(`${JSON.stringify(results[results.length - 1])}\n`);
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  }
}

if (process.argv[1]?.endsWith('prototypeSetBasedPush.ts'))
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
