/**
 * sale_commit: one durable sale with a member (sale row, 3 lines, one earn entry, the member's
 * cached balance, the sale counter and one outbox row) through `dispatch('sale.record')`,
 * against a bare connection (same driver, cipher and key) doing the same writes in one transaction
 * with the same pragmas.
 * Both ledgers are copies of the same seeded file in .bench-cache/ (the real disk, not tmpfs).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { CIPHER_NOTE, openBaseline } from './baseline';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../electron/core/db/connection';
import { openCore, LEDGER_FILE, type TerminalCore } from '../../electron/core/core';
import type { Program } from '../../shared/program';
import { priceCheckout } from '../../shared/rules/checkout';
import { tierById } from '../../shared/rules/tiers';
import { bareSaleWriter, type BareSale } from './bareSale';
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
  tierId: string | null;
  lines: { description: string; quantity: number; unitPriceMinor: number }[];
}

function makeInputs(
  seed: number,
  members: { id: string; tier_id: string | null }[],
  count: number,
): SaleInput[] {
  const rng = new Rng(seed, 1);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const member = rng.pick(members);
    return {
      saleId: seededUuidv7(rng, now + i),
      memberId: member.id,
      tierId: member.tier_id,
      lines: [0, 1, 2].map(() => ({
        description: rng.pick(productNames),
        quantity: rng.range(1, 3),
        unitPriceMinor: rng.range(5, 500) * 100 + rng.pick([0, 50, 90]),
      })),
    };
  });
}

/** The same basket priced by the shared rules, for the baseline to write as it is. */
function pricedForBaseline(program: Program, input: SaleInput): BareSale {
  const priced = priceCheckout({
    program,
    // The program has no promotions; the date only matters to them.
    date: '2025-01-01',
    weekday: 3,
    lines: input.lines.map((line) => ({
      ...line,
      sku: null,
      category: null,
      kind: 'goods' as const,
    })),
    member: {
      availablePoints: 0,
      tierPercent: tierById(input.tierId, program.tiers.levels).earnPercent,
    },
    coupons: [],
    redeemPoints: 0,
    giftCardPayments: [],
  });
  return {
    saleId: input.saleId,
    memberId: input.memberId,
    tierId: input.tierId,
    priced,
    coupon: null,
  };
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
  const memberCount = Math.min(options.members, SALE_MEMBERS);
  const dataset = memberDataset(options.seed, memberCount);
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
    bare = openBaseline(path.join(bareDir, LEDGER_FILE));
    // The pragmas openLedger sets, so the baseline pays for the same durability.
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.pragma('foreign_keys = ON');
    bare.pragma('busy_timeout = 5000');
    bare.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);

    const members = bare.prepare('SELECT id, tier_id FROM member ORDER BY member_no').all() as {
      id: string;
      tier_id: string | null;
    }[];
    const inputs = makeInputs(options.seed, members, inputsNeeded(plan));
    const dispatch = core.dispatch;
    const program = dispatch('program.get', {});
    if (!program.ok) throw new Error(`program.get failed: ${program.error.message}`);
    const bareInputs = inputs.map((input) => pricedForBaseline(program.value as Program, input));
    const writeBare = bareSaleWriter(bare, program.value as Program);

    const { ours, baseline } = runAlternating(
      plan,
      (i) => {
        const { saleId, memberId, lines } = inputs[i] as SaleInput;
        const result = dispatch('sale.record', { saleId, memberId, lines, redeemPoints: 0 });
        if (!result.ok) throw new Error(`sale.record failed: ${result.error.message}`);
      },
      (i) => writeBare(bareInputs[i] as BareSale),
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
        CIPHER_NOTE,
        `${o.count} sales per side in ${plan.rounds} alternating rounds after ${plan.warmup} warm-up; ` +
          `${memberCount.toLocaleString('en')} members; WAL + synchronous=FULL on ${work}`,
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
