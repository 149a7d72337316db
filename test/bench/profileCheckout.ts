/**
 * `npx tsx test/bench/profileCheckout.ts [--seed N] [--members N] [--synchronous FULL|NORMAL|OFF]
 *    [--checkpoint on|off]`
 *
 * Where the time of one `checkout_with_rules` sale goes, on the same cached ledger and baskets:
 * every SQL statement the core runs (time per sale, calls per sale), the commit (BEGIN + COMMIT,
 * which is where the WAL is written and synced, and where an automatic checkpoint runs), the
 * JavaScript inside the transaction, and the dispatch around it (input parsing). The baseline
 * runs in alternating rounds as in the benchmark.
 *
 * `--synchronous` and `--checkpoint off` (wal_autocheckpoint = 0 on both connections) change the
 * durability settings on both sides, to separate the disk's share from the core's; they are
 * diagnostics, never production settings. (Two emulations that used to be here, reading the
 * member's ledger once per sale and indexing the deferred foreign keys to sale(id), are now what
 * recordSale and migration 7 do.)
 */
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Receipt } from '../../shared/domain';
import { bareSaleWriter } from './bareSale';
import { checkRun, openCheckoutRun, type PlannedSale } from './checkoutRules';
import { fmtMs, inputsNeeded, percentile, runAlternating, type AlternatingPlan } from './stats';

const plan: AlternatingPlan = { warmup: 100, rounds: 20, perRound: 50 };

interface StatementTime {
  calls: number;
  ns: number;
}

/**
 * Wraps every statement prepared on `db` from now on, adding its time to `times` (by SQL text)
 * while `on()` is true, and every transaction, adding the time inside its function and the time
 * of the whole call (the difference is BEGIN and COMMIT).
 */
function instrument(db: Database.Database, on: () => boolean) {
  const times = new Map<string, StatementTime>();
  const tx = { innerNs: 0, totalNs: 0 };
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    const key = sql.replace(/\s+/g, ' ').trim();
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (!on()) return original(...args);
        const start = process.hrtime.bigint();
        try {
          return original(...args);
        } finally {
          const entry = times.get(key) ?? { calls: 0, ns: 0 };
          entry.calls++;
          entry.ns += Number(process.hrtime.bigint() - start);
          times.set(key, entry);
        }
      };
    }
    return statement;
  }) as typeof db.prepare;
  type Fn = (...args: unknown[]) => unknown;
  const transaction = db.transaction.bind(db) as unknown as (fn: Fn) => Fn;
  db.transaction = ((fn: Fn) => {
    const inner = transaction((...args) => {
      const start = process.hrtime.bigint();
      try {
        return fn(...args);
      } finally {
        if (on()) tx.innerNs += Number(process.hrtime.bigint() - start);
      }
    });
    return (...args: unknown[]) => {
      const start = process.hrtime.bigint();
      try {
        return inner(...args);
      } finally {
        if (on()) tx.totalNs += Number(process.hrtime.bigint() - start);
      }
    };
  }) as unknown as typeof db.transaction;
  return { times, tx };
}

function summary(values: number[]): string {
  const sorted = Float64Array.from(values).sort();
  const mean = values.reduce((a, v) => a + v, 0) / values.length;
  return (
    `mean ${fmtMs(mean)}  p50 ${fmtMs(percentile(sorted, 50))}  p99 ${fmtMs(percentile(sorted, 99))}` +
    `  max ${fmtMs(sorted[sorted.length - 1] ?? Number.NaN)} ms`
  );
}

function main(): void {
  process.env.LOYALTY_LOG ??= 'warn';
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '42' },
      members: { type: 'string', default: '1000000' },
      synchronous: { type: 'string', default: 'FULL' },
      checkpoint: { type: 'string', default: 'on' },
    },
    strict: true,
  });
  const synchronous = values.synchronous.toUpperCase();
  if (!['FULL', 'NORMAL', 'OFF'].includes(synchronous)) {
    throw new Error('--synchronous must be FULL, NORMAL or OFF');
  }
  if (!['on', 'off'].includes(values.checkpoint)) throw new Error('--checkpoint must be on or off');
  let measuring = false;
  let probe: ReturnType<typeof instrument> | null = null;
  const count = inputsNeeded(plan);
  const run = openCheckoutRun({
    seed: Number(values.seed),
    members: Number(values.members),
    count,
    beforePlan: (core, bare) => {
      probe = instrument(core.db, () => measuring);
      for (const db of [core.db, bare]) {
        db.pragma(`synchronous = ${synchronous}`);
        if (values.checkpoint === 'off') db.pragma('wal_autocheckpoint = 0');
      }
    },
  });
  try {
    const { times, tx } = probe as unknown as ReturnType<typeof instrument>;
    const writeBare = bareSaleWriter(run.bare, run.program, run.now);
    const receipts: (Receipt | undefined)[] = new Array<Receipt | undefined>(count);
    const perSale = { total: [] as number[], commit: [] as number[], sql: [] as number[] };
    const perSaleJs: number[] = [];
    const statementsNs = () => [...times.values()].reduce((a, t) => a + t.ns, 0);
    const { ours, baseline } = runAlternating(
      plan,
      (i) => {
        const warm = i >= plan.warmup;
        measuring = warm;
        const before = { ...tx, sql: statementsNs() };
        const start = process.hrtime.bigint();
        const result = run.core.dispatch('sale.record', (run.ours[i] as PlannedSale).input);
        const total = Number(process.hrtime.bigint() - start) / 1e6;
        measuring = false;
        if (!result.ok) throw new Error(`sale.record failed: ${result.error.message}`);
        receipts[i] = result.value as Receipt;
        if (!warm) return;
        const sql = (statementsNs() - before.sql) / 1e6;
        const inner = (tx.innerNs - before.innerNs) / 1e6;
        perSale.total.push(total);
        perSale.commit.push((tx.totalNs - before.totalNs) / 1e6 - inner);
        perSale.sql.push(sql);
        perSaleJs.push(inner - sql);
      },
      (i) => writeBare((run.baseline[i] as PlannedSale).bare),
    );
    checkRun(run.core.db, run.ours, run.baseline, receipts, run.salesBefore);
    const sales = perSale.total.length;
    const totalSqlNs = statementsNs();
    console.log(
      `\n${sales} sales per side, synchronous=${synchronous}, autocheckpoint ${values.checkpoint}`,
    );
    console.log(`ours      ${summary(perSale.total)}`);
    console.log(
      `baseline  p50 ${fmtMs(baseline.summary().p50Ms)}  p99 ${fmtMs(baseline.summary().p99Ms)} ms`,
    );
    console.log(`ours, split:`);
    console.log(`  BEGIN+COMMIT      ${summary(perSale.commit)}`);
    console.log(`  SQL statements    ${summary(perSale.sql)}`);
    console.log(`  JS in the tx      ${summary(perSaleJs)}`);
    const outside = perSale.total.map(
      (t, i) => t - (perSale.commit[i] ?? 0) - (perSale.sql[i] ?? 0) - (perSaleJs[i] ?? 0),
    );
    console.log(`  dispatch outside  ${summary(outside)}`);
    console.log(`\nstatements by time per sale (µs), of ${fmtMs(totalSqlNs / 1e6 / sales)} ms:`);
    for (const [sql, t] of [...times.entries()].sort((a, b) => b[1].ns - a[1].ns).slice(0, 25)) {
      console.log(
        `${(t.ns / 1e3 / sales).toFixed(1).padStart(8)}  ${(t.calls / sales).toFixed(2).padStart(5)}x  ` +
          sql.slice(0, 150),
      );
    }
    console.log(`\nours median-round ${ours.summary().opsPerS.toFixed(0)} ops/s`);
  } finally {
    run.close();
  }
}

main();
