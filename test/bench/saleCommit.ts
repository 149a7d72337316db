/**
 * sale_commit: one durable sale with a member (sale row, 3 lines, one earn entry, the member's
 * cached balance, the sale counter and one outbox row) through `dispatch('sale.record')`,
 * against bare better-sqlite3 doing the same writes in one transaction with the same pragmas.
 * Both ledgers are copies of the same seeded file in .bench-cache/ (the real disk, not tmpfs).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore, LEDGER_FILE, type TerminalCore } from '../../electron/core/core';
import { HybridClock } from '../../shared/hlc';
import { uuidv7 } from '../../shared/ids';
import { pointsEarned } from '../../shared/points';
import { CACHE_DIR, memberDataset, Rng, seededUuidv7 } from './data';
import { productNames } from './names';
import {
  fmtMs,
  inputsNeeded,
  overallNote,
  runAlternating,
  type AlternatingPlan,
  type BenchResult,
} from './stats';

/** The sale ledger holds this many members (fewer with --members): enough to spread updates. */
const SALE_MEMBERS = 10_000;
const plan: AlternatingPlan = { warmup: 200, rounds: 60, perRound: 50 };

interface SaleInput {
  saleId: string;
  memberId: string;
  lines: { description: string; quantity: number; unitPriceMinor: number }[];
}

interface TerminalRow {
  store_id: string;
  terminal_id: string;
  terminal_number: number;
  currency: string;
  earn_points: number;
  earn_spend_minor: number;
  current_staff_id: string;
}

/**
 * The same writes as recordSale, with nothing else: no input parsing, no repeat check, no
 * basket pricing reads, no receipt read-back. What SQLite and the disk allow.
 */
export function bareSaleWriter(db: Database.Database): (input: SaleInput) => void {
  const t = db
    .prepare(
      `SELECT store_id, terminal_id, terminal_number, currency, earn_points, earn_spend_minor,
         current_staff_id FROM terminal WHERE id = 1`,
    )
    .get() as TerminalRow;
  const rule = { earnPoints: t.earn_points, earnSpendMinor: t.earn_spend_minor };
  const clock = new HybridClock(t.terminal_id);
  const takeSeq = db.prepare(
    'UPDATE terminal SET next_sale_seq = next_sale_seq + 1 WHERE id = 1 RETURNING next_sale_seq - 1 AS seq',
  );
  const addBalance = db.prepare(
    'UPDATE member SET points_balance = points_balance + ? WHERE id = ? RETURNING points_balance',
  );
  const insertSale = db.prepare(
    `INSERT INTO sale (id, number, kind, refund_of, member_id, currency, total_minor,
       points_redeemed, redeem_value_minor, paid_minor, points_earned, balance_after, reason,
       store_id, terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor, amount_minor)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertEntry = db.prepare(
    `INSERT INTO points_entry (id, member_id, kind, points, sale_id, reverses_id, terminal_id,
       staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (seq, op_id, op_type, payload, terminal_id, staff_id, hlc, created_at)
     VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM outbox), ?, ?, ?, ?, ?, ?, ?)
     RETURNING seq`,
  );
  return db.transaction((input: SaleInput) => {
    const { seq } = takeSeq.get() as { seq: number };
    const number = `${t.terminal_number}-${String(seq).padStart(6, '0')}`;
    const hlc = clock.tick();
    const createdAt = new Date().toISOString();
    const lines = input.lines.map((line, i) => ({
      lineNo: i + 1,
      ...line,
      amountMinor: line.quantity * line.unitPriceMinor,
    }));
    const total = lines.reduce((sum, line) => sum + line.amountMinor, 0);
    const earned = pointsEarned(total, rule);
    const { points_balance: balance } = addBalance.get(earned, input.memberId) as {
      points_balance: number;
    };
    insertSale.run(
      input.saleId,
      number,
      'sale',
      null,
      input.memberId,
      t.currency,
      total,
      0,
      0,
      total,
      earned,
      balance,
      null,
      t.store_id,
      t.terminal_id,
      t.current_staff_id,
      createdAt,
      hlc,
    );
    for (const line of lines) {
      insertLine.run(
        input.saleId,
        line.lineNo,
        line.description,
        line.quantity,
        line.unitPriceMinor,
        line.amountMinor,
      );
    }
    const entry = {
      id: uuidv7(),
      memberId: input.memberId,
      kind: 'earn',
      points: earned,
      saleId: input.saleId,
      reversesId: null,
    };
    insertEntry.run(
      entry.id,
      entry.memberId,
      entry.kind,
      entry.points,
      entry.saleId,
      null,
      t.terminal_id,
      t.current_staff_id,
      createdAt,
      hlc,
    );
    insertOutbox.get(
      uuidv7(),
      'sale.recorded',
      JSON.stringify({
        saleId: input.saleId,
        number,
        memberId: input.memberId,
        currency: t.currency,
        totalMinor: total,
        redeemValueMinor: 0,
        paidMinor: total,
        lines,
        pointsEntries: [entry],
      }),
      t.terminal_id,
      t.current_staff_id,
      hlc,
      createdAt,
    );
  });
}

function makeInputs(seed: number, memberIds: string[], count: number): SaleInput[] {
  const rng = new Rng(seed, 1);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    saleId: seededUuidv7(rng, now + i),
    memberId: rng.pick(memberIds),
    lines: [0, 1, 2].map(() => ({
      description: rng.pick(productNames),
      quantity: rng.range(1, 3),
      unitPriceMinor: rng.range(5, 500) * 100 + rng.pick([0, 50, 90]),
    })),
  }));
}

/** Every balance equals its entries, and both ledgers took every sale: the figures are honest. */
function checkLedger(db: Database.Database, expectedSales: number, label: string): void {
  const { sales } = db.prepare("SELECT count(*) AS sales FROM sale WHERE kind = 'sale'").get() as {
    sales: number;
  };
  const { off } = db
    .prepare(
      `SELECT count(*) AS off FROM member m
       WHERE m.points_balance <> (SELECT coalesce(sum(points), 0) FROM points_entry e WHERE e.member_id = m.id)`,
    )
    .get() as { off: number };
  if (sales !== expectedSales || off !== 0) {
    throw new Error(
      `${label} ledger is wrong: ${sales}/${expectedSales} sales, ${off} balances off`,
    );
  }
}

export function benchSaleCommit(options: { seed: number; members: number }): BenchResult {
  const members = Math.min(options.members, SALE_MEMBERS);
  const dataset = memberDataset(options.seed, members);
  const work = path.join(CACHE_DIR, `run-sale-${process.pid}`);
  const coreDir = path.join(work, 'core');
  const bareDir = path.join(work, 'bare');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(coreDir, { recursive: true });
  mkdirSync(bareDir, { recursive: true });
  copyFileSync(dataset.file, path.join(coreDir, LEDGER_FILE));
  copyFileSync(dataset.file, path.join(bareDir, LEDGER_FILE));

  let core: TerminalCore | null = null;
  let bare: Database.Database | null = null;
  try {
    core = openCore({ dataDir: coreDir });
    bare = new Database(path.join(bareDir, LEDGER_FILE));
    // The pragmas openLedger sets, so the baseline pays for the same durability.
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.pragma('foreign_keys = ON');
    bare.pragma('busy_timeout = 5000');

    const memberIds = (
      bare.prepare('SELECT id FROM member ORDER BY member_no').all() as { id: string }[]
    ).map((row) => row.id);
    const inputs = makeInputs(options.seed, memberIds, inputsNeeded(plan));
    const writeBare = bareSaleWriter(bare);
    const dispatch = core.dispatch;

    const { ours, baseline } = runAlternating(
      plan,
      (i) => {
        const input = inputs[i] as SaleInput;
        const result = dispatch('sale.record', { ...input, redeemPoints: 0 });
        if (!result.ok) throw new Error(`sale.record failed: ${result.error.message}`);
      },
      (i) => writeBare(inputs[i] as SaleInput),
    );
    checkLedger(core.db, inputs.length, 'core');
    checkLedger(bare, inputs.length, 'baseline');

    const o = ours.summary();
    const b = baseline.summary();
    const ratio = o.opsPerS / b.opsPerS;
    return {
      name: 'sale_commit',
      ours: o,
      baseline: b,
      target: 'ratio >= 0.7, p99 <= 5 ms',
      met: ratio >= 0.7 && o.p99Ms <= 5,
      notes: [
        `${o.count} sales per side in ${plan.rounds} alternating rounds after ${plan.warmup} warm-up; ` +
          `${members.toLocaleString('en')} members; WAL + synchronous=FULL on ${work}`,
        `baseline p50 ${fmtMs(b.p50Ms)} ms, p99 ${fmtMs(b.p99Ms)} ms; ours max ${fmtMs(o.maxMs)} ms`,
        overallNote(o, b),
      ],
    };
  } finally {
    core?.close();
    bare?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
