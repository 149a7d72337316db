/**
 * checkout_with_rules: a full loyalty checkout through `dispatch('sale.record')` on a ledger of
 * 1,000,000 members and 20,000,000 points entries, WAL + synchronous=FULL as in production. Each
 * sale has 10 lines over several categories (one earns double), a member above the first tier
 * (the tier multiplies the points), one coupon of a 10%-off campaign issued to that member
 * beforehand, and a points redemption in valid steps.
 *
 * Baseline: a bare connection (same driver, cipher and key) writing the same rows for a basket priced beforehand (sale row,
 * 10 lines, a redeem and an earn entry, a coupon use, the member's balance, the sale counter and
 * one outbox row) in one transaction with the same pragmas, on the same file, in alternating
 * rounds. Each side has its own members, so neither warms the other's pages.
 *
 * The cached ledger is never written: the run copies it to .bench-cache/run-checkout-<pid>/
 * first and removes the copy afterwards.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { CIPHER_NOTE, openBaseline } from './baseline';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../electron/core/db/connection';
import { openCore, LEDGER_FILE, type TerminalCore } from '../../electron/core/core';
import { ledgerBalance, memberPoints } from '../../electron/core/points/pointsLedger';
import { shopDay } from '../../electron/core/shopTime';
import type { CouponView, MemberLoyalty, Receipt } from '../../shared/domain';
import type { Campaign, Program } from '../../shared/program';
import { priceCheckout, type CheckoutLine, type PricedCheckout } from '../../shared/rules/checkout';
import { tierById } from '../../shared/rules/tiers';
import { bareSaleWriter, type BareSale } from './bareSale';
import { CACHE_DIR, removeDeadRuns, Rng, seededUuidv7, setupInput } from './data';
import { productNames } from './names';
import {
  CAMPAIGN_ID,
  DOUBLE_POINTS_CATEGORY,
  freeBytes,
  gb,
  HISTORY_TO,
  loyaltyLedger,
  type LedgerDataset,
} from './pointsData';
import {
  elapsedMs,
  fmtMs,
  inputsNeeded,
  overallNote,
  runAlternating,
  type AlternatingPlan,
  type BenchResult,
} from './stats';

export const plan: AlternatingPlan = { warmup: 200, rounds: 60, perRound: 50 };
const LINES = 10;
/** Members picked have at least this cached balance; each is then checked for spendable points. */
const MIN_BALANCE = 1_000;
const REDEEM_UNIT = 200;

/** Where each product sits; the category decides its multiplier. */
const categoryOf: Record<string, string> = {
  'Milk tea': 'drinks',
  'Egg tart': 'bakery',
  'Pineapple bun': 'bakery',
  'Lemon tea': 'drinks',
  'Shampoo 400ml': DOUBLE_POINTS_CATEGORY,
  Toothpaste: DOUBLE_POINTS_CATEGORY,
  'Rice 5kg': 'grocery',
  'Soy sauce': 'grocery',
  'Instant noodles x5': 'grocery',
  'Bottled water 1.5L': 'drinks',
  'Paper towels': 'household',
  'Vitamin C 60s': 'health',
  'Face mask 10s': DOUBLE_POINTS_CATEGORY,
  'Hand cream': DOUBLE_POINTS_CATEGORY,
  'Green tea': 'drinks',
  'Chocolate bar': 'snacks',
  'Potato chips': 'snacks',
  'Orange juice 1L': 'drinks',
  'Dish soap': 'household',
  'Batteries AA x4': 'household',
};

interface Product {
  description: string;
  sku: string;
  category: string;
  unitPriceMinor: number;
}

function catalogue(rng: Rng): Product[] {
  return productNames.map((description, i) => ({
    description,
    sku: `SKU${String(10_001 + i)}`,
    category: categoryOf[description] ?? 'grocery',
    unitPriceMinor: rng.range(8, 180) * 100 + rng.pick([0, 50, 90]),
  }));
}

interface SaleInput {
  saleId: string;
  memberId: string;
  lines: {
    description: string;
    quantity: number;
    unitPriceMinor: number;
    sku: string;
    category: string;
  }[];
  redeemPoints: number;
  couponCodes: string[];
}

export interface PlannedSale {
  input: SaleInput;
  bare: BareSale;
}

interface Candidate {
  id: string;
  tier_id: string;
}

/** Picks `count` distinct members above the first tier with points to spend, deterministically. */
function pickMembers(db: Database.Database, rng: Rng, count: number): Candidate[] {
  const all = db
    .prepare(
      `SELECT id, tier_id FROM member
       WHERE tier_id IS NOT NULL AND points_balance >= ? ORDER BY member_no`,
    )
    .all(MIN_BALANCE) as Candidate[];
  if (all.length < count) {
    throw new Error(`only ${all.length} members can redeem; ${count} needed (use more --members)`);
  }
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(all.length - i);
    const picked = all[j] as Candidate;
    all[j] = all[i] as Candidate;
    all[i] = picked;
  }
  return all.slice(0, count);
}

function price(
  program: Program,
  day: { date: string; weekday: number },
  lines: CheckoutLine[],
  member: { availablePoints: number; tierPercent: number },
  coupon: { code: string; campaign: Campaign },
  redeemPoints: number,
): PricedCheckout {
  return priceCheckout({
    program,
    date: day.date,
    weekday: day.weekday,
    lines,
    member,
    coupons: [coupon],
    redeemPoints,
    giftCardPayments: [],
  });
}

/**
 * A 10-line basket for this member with the redemption the member and the sale allow, the
 * coupon issued through `coupon.issue`, and the same basket priced for the baseline. Null when
 * the member cannot redeem on it (points are spendable only in whole 200-point units here).
 */
function planSale(
  core: TerminalCore,
  program: Program,
  day: { date: string; weekday: number },
  rng: Rng,
  products: Product[],
  member: Candidate,
  saleId: string,
): PlannedSale | null {
  const loyalty = core.dispatch('member.loyalty', { memberId: member.id });
  if (!loyalty.ok) throw new Error(`member.loyalty failed: ${loyalty.error.message}`);
  const available = (loyalty.value as MemberLoyalty).available;
  const tierPercent = tierById(member.tier_id, program.tiers.levels).earnPercent;
  const campaign = program.coupons.campaigns.find((c) => c.id === CAMPAIGN_ID);
  if (!campaign) throw new Error(`the program has no campaign ${CAMPAIGN_ID}`);

  const lines = Array.from({ length: LINES }, () => {
    const product = rng.pick(products);
    return {
      description: product.description,
      quantity: rng.range(1, 3),
      unitPriceMinor: product.unitPriceMinor,
      sku: product.sku,
      category: product.category,
    };
  });
  const checkoutLines: CheckoutLine[] = lines.map((line) => ({ ...line, kind: 'goods' }));
  const facts = { availablePoints: available, tierPercent };
  const probe = price(program, day, checkoutLines, facts, { code: 'probe', campaign }, 0);
  const most = Math.floor(probe.maxRedeemablePoints / REDEEM_UNIT) * REDEEM_UNIT;
  const redeemPoints = Math.min(most, rng.range(1, 5) * REDEEM_UNIT);
  if (redeemPoints < Math.max(REDEEM_UNIT, program.redemption.minimumPoints)) return null;

  const issued = core.dispatch('coupon.issue', { campaignId: CAMPAIGN_ID, memberId: member.id });
  if (!issued.ok) throw new Error(`coupon.issue failed: ${issued.error.message}`);
  const coupon = issued.value as CouponView;
  const priced = price(
    program,
    day,
    checkoutLines,
    facts,
    { code: coupon.code, campaign },
    redeemPoints,
  );
  return {
    input: { saleId, memberId: member.id, lines, redeemPoints, couponCodes: [coupon.code] },
    bare: {
      saleId,
      memberId: member.id,
      tierId: member.tier_id,
      priced,
      coupon: { id: coupon.id, code: coupon.code },
    },
  };
}

/** Plans `count` sales on each side, each side with its own members. */
function planSales(
  core: TerminalCore,
  bare: Database.Database,
  program: Program,
  seed: number,
  count: number,
): { ours: PlannedSale[]; baseline: PlannedSale[] } {
  const rng = new Rng(seed, 20);
  const products = catalogue(rng);
  const day = shopDay(core.ctx.now(), setupInput.timeZone);
  // Some members have their points tied up in lots too small to cover a unit; keep spares.
  const members = pickMembers(bare, rng, Math.ceil(count * 2 * 1.25));
  const ours: PlannedSale[] = [];
  const baseline: PlannedSale[] = [];
  let next = 0;
  for (const side of [ours, baseline]) {
    while (side.length < count) {
      const member = members[next++];
      if (!member) throw new Error('ran out of members who can redeem');
      const saleId = seededUuidv7(rng, HISTORY_TO + next);
      const planned = planSale(core, program, day, rng, products, member, saleId);
      if (planned) side.push(planned);
    }
  }
  return { ours, baseline };
}

/**
 * Every touched member's cached balance equals their entries and their lots replay without
 * debt; every sale, line and coupon use is there; and our receipts carry the discount, the
 * redemption and the tier-multiplied points the rules priced. The figures are honest.
 */
export function checkRun(
  db: Database.Database,
  ours: PlannedSale[],
  baseline: PlannedSale[],
  receipts: (Receipt | undefined)[],
  salesBefore: number,
): void {
  const sales = [...ours, ...baseline];
  const { n: salesNow } = db
    .prepare("SELECT count(*) AS n FROM sale WHERE kind = 'sale'")
    .get() as {
    n: number;
  };
  if (salesNow - salesBefore !== sales.length) {
    throw new Error(`${salesNow - salesBefore} sales written, ${sales.length} expected`);
  }
  const nowIso = new Date(HISTORY_TO).toISOString();
  const balanceOf = db.prepare('SELECT points_balance FROM member WHERE id = ?');
  const usesOf = db.prepare('SELECT count(*) AS n FROM coupon_use WHERE sale_id = ?');
  const linesOf = db.prepare('SELECT count(*) AS n FROM sale_line WHERE sale_id = ?');
  sales.forEach((sale) => {
    const { memberId, saleId } = sale.bare;
    const { points_balance: cached } = balanceOf.get(memberId) as { points_balance: number };
    const sum = ledgerBalance(db, memberId);
    const { state } = memberPoints(db, memberId, nowIso);
    const uses = (usesOf.get(saleId) as { n: number }).n;
    const lines = (linesOf.get(saleId) as { n: number }).n;
    if (cached !== sum || state.debt !== 0 || uses !== 1 || lines !== LINES) {
      throw new Error(
        `sale ${saleId}: balance ${cached} vs entries ${sum}, debt ${state.debt}, ` +
          `${uses} coupon uses, ${lines} lines`,
      );
    }
  });
  receipts.forEach((receipt, i) => {
    const { priced } = (ours[i] as PlannedSale).bare;
    if (!receipt) throw new Error(`sale ${i} has no receipt`);
    const s = receipt.sale;
    if (
      s.discountMinor !== priced.discountMinor ||
      s.pointsRedeemed !== priced.pointsRedeemed ||
      s.pointsEarned !== priced.pointsEarned ||
      priced.discountMinor <= 0 ||
      priced.pointsRedeemed <= 0 ||
      receipt.couponsRedeemed.length !== 1
    ) {
      throw new Error(
        `receipt ${s.number} differs from the priced basket: discount ${s.discountMinor}/` +
          `${priced.discountMinor}, redeemed ${s.pointsRedeemed}/${priced.pointsRedeemed}, ` +
          `earned ${s.pointsEarned}/${priced.pointsEarned}`,
      );
    }
  });
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function describeLedger(ledger: LedgerDataset): string {
  const m = ledger.meta;
  const built = `${(m.buildMs / 1000).toFixed(0)} s`;
  return (
    `${m.members.toLocaleString('en')} members, ${m.entries.toLocaleString('en')} points entries ` +
    `(${Object.entries(m.kinds)
      .map(([kind, n]) => `${kind} ${n.toLocaleString('en')}`)
      .join(', ')}), ${gb(m.fileBytes)}; ` +
    (ledger.built ? `built this run in ${built}` : `cached (built in ${built})`)
  );
}

/** A copy of the cached ledger, opened by the core and bare, with both sides' sales planned. */
export interface CheckoutRun {
  ledger: LedgerDataset;
  work: string;
  copyMs: number;
  core: TerminalCore;
  bare: Database.Database;
  program: Program;
  now: () => number;
  ours: PlannedSale[];
  baseline: PlannedSale[];
  salesBefore: number;
  /** Closes both connections and removes the copy. */
  close(): void;
}

/**
 * Copies the cached ledger (building it first if need be), opens the copy with the core and
 * with bare better-sqlite3, and plans `count` sales per side. `beforePlan` sees both
 * connections before any statement runs (the profiler wraps statements there).
 */
export function openCheckoutRun(options: {
  seed: number;
  members: number;
  count: number;
  beforePlan?: (core: TerminalCore, bare: Database.Database) => void;
}): CheckoutRun {
  const ledger = loyaltyLedger(options.seed, options.members);
  progress(`checkout_with_rules: ${describeLedger(ledger)}`);
  removeDeadRuns('run-checkout-');
  const work = path.join(CACHE_DIR, `run-checkout-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const free = freeBytes(work);
  if (free < ledger.meta.fileBytes * 1.1 + 1e9) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`copying the ledger needs ${gb(ledger.meta.fileBytes)}; ${gb(free)} free`);
  }
  const file = path.join(work, LEDGER_FILE);
  const copyStart = process.hrtime.bigint();
  copyFileSync(ledger.file, file);
  const copyMs = elapsedMs(copyStart);
  progress(
    `checkout_with_rules: copied ${gb(ledger.meta.fileBytes)} in ${(copyMs / 1000).toFixed(1)} s`,
  );

  let core: TerminalCore | null = null;
  let bare: Database.Database | null = null;
  // A copy this size must not outlive an interrupted run either.
  const onSignal = (signal: NodeJS.Signals) => {
    close();
    process.kill(process.pid, signal);
  };
  const close = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    core?.close();
    bare?.close();
    rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // The history ends at HISTORY_TO; the terminal's clock runs on from there, so the same
    // lots are live whatever the calendar says when the benchmark runs.
    const clockStart = Date.now();
    const now = () => HISTORY_TO + (Date.now() - clockStart);
    core = openCore({ dataDir: work, now });
    bare = openBaseline(file);
    // The pragmas openLedger sets, so the baseline pays for the same durability.
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.pragma('foreign_keys = ON');
    bare.pragma('busy_timeout = 5000');
    bare.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    options.beforePlan?.(core, bare);

    const got = core.dispatch('program.get', {});
    if (!got.ok) throw new Error(`program.get failed: ${got.error.message}`);
    const program = got.value as Program;
    const planStart = process.hrtime.bigint();
    const { ours, baseline } = planSales(core, bare, program, options.seed, options.count);
    progress(
      `checkout_with_rules: ${options.count * 2} baskets priced and coupons issued in ` +
        `${(elapsedMs(planStart) / 1000).toFixed(1)} s`,
    );
    const { n: salesBefore } = bare
      .prepare("SELECT count(*) AS n FROM sale WHERE kind = 'sale'")
      .get() as { n: number };
    return { ledger, work, copyMs, core, bare, program, now, ours, baseline, salesBefore, close };
  } catch (error) {
    close();
    throw error;
  }
}

export function benchCheckoutWithRules(options: { seed: number; members: number }): BenchResult {
  const count = inputsNeeded(plan);
  const run = openCheckoutRun({ ...options, count });
  try {
    const { core, ours, baseline } = run;
    const writeBare = bareSaleWriter(run.bare, run.program, run.now);
    const dispatch = core.dispatch;
    const receipts: (Receipt | undefined)[] = new Array<Receipt | undefined>(count);
    const { n: tierChanges } = run.bare.prepare('SELECT count(*) AS n FROM tier_change').get() as {
      n: number;
    };
    progress('checkout_with_rules: running');
    const { ours: o1, baseline: b1 } = runAlternating(
      plan,
      (i) => {
        const result = dispatch('sale.record', (ours[i] as PlannedSale).input);
        if (!result.ok) throw new Error(`sale.record failed: ${result.error.message}`);
        receipts[i] = result.value as Receipt;
      },
      (i) => writeBare((baseline[i] as PlannedSale).bare),
    );
    checkRun(core.db, ours, baseline, receipts, run.salesBefore);

    const o = o1.summary();
    const b = b1.summary();
    const mean = (values: number[]) => values.reduce((a, v) => a + v, 0) / values.length;
    const pricedOurs = ours.map((sale) => sale.bare.priced);
    return {
      name: 'checkout_with_rules',
      ours: o,
      baseline: b,
      target: 'p99 <= 5 ms',
      met: o.p99Ms <= 5,
      notes: [
        CIPHER_NOTE,
        `${o.count} sales per side in ${plan.rounds} alternating rounds after ${plan.warmup} ` +
          `warm-up; WAL + synchronous=FULL on one copy in ${run.work}, each side with its own members`,
        `ledger: ${describeLedger(run.ledger)}, ${tierChanges.toLocaleString('en')} tier ` +
          `changes; copied in ${(run.copyMs / 1000).toFixed(1)} s`,
        `each sale: ${LINES} lines, coupon ${CAMPAIGN_ID} (mean discount ` +
          `${(mean(pricedOurs.map((p) => p.discountMinor)) / 100).toFixed(2)}), mean ` +
          `${mean(pricedOurs.map((p) => p.pointsRedeemed)).toFixed(0)} points redeemed, mean ` +
          `${mean(pricedOurs.map((p) => p.pointsEarned)).toFixed(0)} earned at the member's tier`,
        `baseline p50 ${fmtMs(b.p50Ms)} ms, p99 ${fmtMs(b.p99Ms)} ms; ours max ${fmtMs(o.maxMs)} ms`,
        overallNote(o, b),
      ],
    };
  } finally {
    run.close();
  }
}
