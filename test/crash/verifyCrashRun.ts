/**
 * What must hold after any number of SIGKILLs, a restart and a full sync. Each check adds a
 * sentence to `problems` when it fails; an empty list is a pass. The facts are for the report.
 */
import type { TerminalCore } from '../../electron/core/core';
import type { Queryable } from '../../server/db/database';
import type { ConnectionStatus } from '../../shared/domain';
import { crashSaleId } from './crashPlan';

export interface CrashJournal {
  /** Every sale id the children printed as committed. */
  committed: Set<string>;
  /** Every start's retry of the ledger's last sale, and whether it came back as that sale. */
  retries: { saleId: string; existing: boolean }[];
}

export interface CrashFacts {
  sales: number;
  outboxOps: number;
  pointsEntries: number;
  members: number;
  headOfficeOps: number;
  headOfficeSales: number;
  exceptions: number;
}

export interface Verdict {
  problems: string[];
  facts: CrashFacts;
}

function first<T>(items: T[], n = 3): string {
  return items
    .slice(0, n)
    .map((x) => JSON.stringify(x))
    .join(', ');
}

export async function verifyCrashRun(
  core: TerminalCore,
  headOffice: Queryable,
  seed: number,
  journal: CrashJournal,
): Promise<Verdict> {
  const problems: string[] = [];
  const check = (ok: boolean, message: () => string) => {
    if (!ok) problems.push(message());
  };
  const { db } = core;

  // Sales: exactly the ids the counter hands out, in order, each once, none lost.
  const sales = db
    .prepare("SELECT id, number FROM sale WHERE kind = 'sale' ORDER BY sale_no")
    .all() as { id: string; number: string }[];
  const ledgerIds = new Set(sales.map((s) => s.id));
  const lost = [...journal.committed].filter((id) => !ledgerIds.has(id));
  check(
    lost.length === 0,
    () => `${lost.length} sales printed as committed are not in the ledger: ${first(lost)}`,
  );
  const outOfPlan = sales.filter((s, i) => s.id !== crashSaleId(seed, i));
  check(
    outOfPlan.length === 0,
    () =>
      `the ledger's sales are not sale 0..${sales.length - 1} in order: ${first(outOfPlan.map((s) => s.id))}`,
  );
  check(ledgerIds.size === sales.length, () => 'a sale id appears twice in the ledger');
  const numbers = new Set(sales.map((s) => s.number));
  check(numbers.size === sales.length, () => `${sales.length - numbers.size} sale numbers repeat`);
  const badRetries = journal.retries.filter((r) => !r.existing);
  check(
    badRetries.length === 0,
    () => `${badRetries.length} retries of a committed sale wrote a new one: ${first(badRetries)}`,
  );

  // Outbox: gapless, one sale.recorded per sale, everything acknowledged.
  const outbox = db
    .prepare(
      `SELECT seq, op_id AS opId, op_type AS type, json_extract(payload, '$.saleId') AS saleId,
         acked_at AS ackedAt FROM outbox ORDER BY seq`,
    )
    .all() as {
    seq: number;
    opId: string;
    type: string;
    saleId: string | null;
    ackedAt: string | null;
  }[];
  const gaps = outbox.filter((op, i) => op.seq !== i + 1);
  check(gaps.length === 0, () => `outbox seq is not 1..${outbox.length}: ${first(gaps)}`);
  check(new Set(outbox.map((op) => op.opId)).size === outbox.length, () => 'an op id repeats');
  const saleOps = outbox.filter((op) => op.type === 'sale.recorded');
  const opSaleIds = new Set(saleOps.map((op) => op.saleId));
  check(
    saleOps.length === sales.length && opSaleIds.size === sales.length,
    () =>
      `${saleOps.length} sale.recorded operations (${opSaleIds.size} distinct) for ${sales.length} sales`,
  );
  const unacked = outbox.filter((op) => op.ackedAt === null).length;
  check(unacked === 0, () => `${unacked} outbox rows were never acknowledged`);
  const status = core.dispatch('terminal.status', {});
  const pending = status.ok ? (status.value as ConnectionStatus).pendingChanges : -1;
  check(pending === 0, () => `the terminal reports ${pending} pending changes`);

  // Points: each member's cached balance is the sum of its entries; no sale earned twice.
  const offBalances = db
    .prepare(
      `SELECT m.id, m.points_balance AS cached,
         (SELECT coalesce(sum(points), 0) FROM points_entry e WHERE e.member_id = m.id) AS summed
       FROM member m`,
    )
    .all() as { id: string; cached: number; summed: number }[];
  const off = offBalances.filter((m) => m.cached !== m.summed);
  check(
    off.length === 0,
    () => `${off.length} cached balances differ from their entries: ${first(off)}`,
  );
  const doubled = db
    .prepare(
      `SELECT sale_id AS saleId, kind, count(*) AS n FROM points_entry
       WHERE sale_id IS NOT NULL GROUP BY sale_id, kind HAVING count(*) > 1`,
    )
    .all();
  check(doubled.length === 0, () => `sales with doubled points entries: ${first(doubled)}`);
  const { entries } = db.prepare('SELECT count(*) AS entries FROM points_entry').get() as {
    entries: number;
  };

  // Head office took every operation exactly once.
  const terminalId = (
    db.prepare('SELECT remote_terminal_id AS id FROM sync_state WHERE id = 1').get() as {
      id: string | null;
    }
  ).id;
  check(terminalId !== null, () => 'the terminal never enrolled');
  const one = async <T>(sql: string): Promise<T> => {
    const { rows } = await headOffice.query<T>(sql, [terminalId]);
    if (!rows[0]) throw new Error(`no row from ${sql}`);
    return rows[0];
  };
  const { hwm } = await one<{ hwm: number }>(
    'SELECT high_water_mark AS hwm FROM terminal WHERE id = $1',
  );
  check(
    hwm === outbox.length,
    () => `head office's high-water mark is ${hwm}, not ${outbox.length}`,
  );
  const { rows: serverOps } = await headOffice.query<{ seq: number; op_id: string }>(
    'SELECT seq, op_id FROM sync_op WHERE terminal_id = $1 ORDER BY seq',
    [terminalId],
  );
  const mismatched = outbox.filter(
    (op, i) => serverOps[i]?.seq !== op.seq || serverOps[i]?.op_id !== op.opId,
  );
  check(
    serverOps.length === outbox.length && mismatched.length === 0,
    () =>
      `head office holds ${serverOps.length} operations for ${outbox.length} in the outbox; ${mismatched.length} differ: ${first(mismatched)}`,
  );
  const { opIds } = await one<{ opIds: number }>(
    'SELECT count(DISTINCT op_id)::int8 AS "opIds" FROM sync_op WHERE terminal_id = $1',
  );
  check(opIds === serverOps.length, () => `head office stored an op id twice`);
  const server = await one<{ sales: number; numbers: number; entries: number }>(
    `SELECT (SELECT count(*) FROM sale WHERE terminal_id = $1 AND kind = 'sale')::int8 AS sales,
       (SELECT count(DISTINCT number) FROM sale WHERE terminal_id = $1)::int8 AS numbers,
       (SELECT count(*) FROM points_entry WHERE terminal_id = $1)::int8 AS entries`,
  );
  check(
    server.sales === sales.length && server.numbers === sales.length,
    () => `head office has ${server.sales} sales (${server.numbers} numbers) for ${sales.length}`,
  );
  check(
    server.entries === entries,
    () => `head office has ${server.entries} points entries for the terminal's ${entries}`,
  );
  const { rows: serverBalances } = await headOffice.query<{
    member_id: string;
    points: number;
    summed: number;
  }>(
    `SELECT b.member_id, b.points,
       (SELECT coalesce(sum(points), 0) FROM points_entry e WHERE e.member_id = b.member_id)::int8 AS summed
     FROM member_balance b`,
  );
  const local = new Map(offBalances.map((m) => [m.id, m.cached]));
  const serverOff = serverBalances.filter(
    (b) => b.points !== b.summed || (local.get(b.member_id) ?? 0) !== b.points,
  );
  check(
    serverOff.length === 0,
    () =>
      `${serverOff.length} head-office balances differ from their entries or the terminal's: ${first(serverOff)}`,
  );
  const { exceptions } = await one<{ exceptions: number }>(
    'SELECT count(*)::int8 AS exceptions FROM exception_case WHERE terminal_id = $1',
  );
  // One terminal spending only what it holds never overdraws nor names an unknown member.
  check(exceptions === 0, () => `head office raised ${exceptions} exceptions`);

  return {
    problems,
    facts: {
      sales: sales.length,
      outboxOps: outbox.length,
      pointsEntries: entries,
      members: offBalances.length,
      headOfficeOps: serverOps.length,
      headOfficeSales: server.sales,
      exceptions,
    },
  };
}
