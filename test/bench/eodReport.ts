/**
 * eod_report: the Z report of one business day of 20,000 sales, in a ledger of 5,000,000 sales
 * (250 days), through `dispatch('report.z')`: every section, totals, by cashier and by hour, the
 * points liability, offline periods and exceptions.
 *
 * Baseline: the same grouped aggregate queries and liability sums run raw on bare better-sqlite3
 * on the same file in the same run, without folding the rows into a report.
 *
 * The ledger is built once per (seed, size, schema) into .bench-cache/ with the real schema (a
 * terminal set up through the core), then filled by bulk INSERT in bare better-sqlite3 in time
 * order: sales with two lines each, 2 % refunds, 40 % of sales to members who earn points (and
 * one in ten of those redeem), 3 % with a coupon, 1 % partly paid by gift card, 30 new members a
 * day. The report only reads, so runs use the cached file in place.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openBaseline } from './baseline';
import { openCore, LEDGER_FILE } from '../../electron/core/core';
import { goodsMinorSql } from '../../shared/figures/figures';
import type { Report } from '../../shared/reports/report';
import { businessDayRange, addCalendarDays } from '../../shared/rules/businessDay';
import {
  couponIssuedSql,
  couponUseSql,
  heldPointsSql,
  newMembersSql,
  pointsSql,
  salesSql,
  storedValueSql,
} from '../../electron/core/reports/reportQueries';
import { CACHE_DIR, removeStaleCaches, Rng, SCHEMA_KEY, setupInput } from './data';
import {
  fmtMs,
  overallNote,
  runAlternating,
  type AlternatingPlan,
  type BenchResult,
} from './stats';

export const EOD_GENERATOR_VERSION = 1;
const TIME_ZONE = 'Asia/Hong_Kong';
const BOUNDARY_MINUTES = 240;
const FIRST_DAY = '2025-01-01';
const CASHIERS = 8;

export interface EodOptions {
  seed: number;
  sales: number;
  salesPerDay: number;
  /** Where cached ledgers live (tests pass a temp dir). */
  cacheDir?: string;
  plan?: AlternatingPlan;
}

export interface EodDataset {
  dir: string;
  file: string;
  day: string;
  members: number;
  buildMs: number;
  built: boolean;
}

function progress(message: string): void {
  process.stderr.write(`[bench:eod] ${message}\n`);
}

/** A fixed-shape id, unique per (table tag, counter) and rising with the counter like UUIDv7. */
const idOf = (tag: number, n: number) =>
  `0190${tag.toString(16).padStart(4, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export function eodDataset(options: EodOptions): EodDataset {
  const cacheDir = options.cacheDir ?? CACHE_DIR;
  const days = Math.ceil(options.sales / options.salesPerDay);
  const key =
    `eod-s${options.seed}-n${options.sales}-d${options.salesPerDay}-v${SCHEMA_KEY}` +
    `-g${EOD_GENERATOR_VERSION}`;
  const dir = path.join(cacheDir, key);
  const day = addCalendarDays(FIRST_DAY, days - 1);
  const metaFile = path.join(dir, 'meta.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { members: number; buildMs: number };
    return { dir, file: path.join(dir, LEDGER_FILE), day, ...meta, built: false };
  }
  // Ledgers of this size under another schema are never read again, and take gigabytes.
  if (!options.cacheDir) {
    removeStaleCaches(`eod-s${options.seed}-n${options.sales}-d${options.salesPerDay}-`, key);
  }
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const started = Date.now();
  try {
    const setupAt = Date.parse(`${FIRST_DAY}T00:00:00+08:00`) - 86_400_000;
    const core = openCore({ dataDir: building, now: () => setupAt });
    const setup = core.dispatch('terminal.setup', { ...setupInput, timeZone: TIME_ZONE });
    if (!setup.ok) throw new Error(`terminal.setup failed: ${setup.error.message}`);
    const boundary = core.dispatch('report.setDayBoundary', {
      boundaryMinutes: BOUNDARY_MINUTES,
      managerPin: setupInput.managerPin,
    });
    if (!boundary.ok) throw new Error(`setDayBoundary failed: ${boundary.error.message}`);
    core.close();
    const members = fill(path.join(building, LEDGER_FILE), options, days);
    const meta = { members, buildMs: Date.now() - started };
    writeFileSync(path.join(building, 'meta.json'), `${JSON.stringify(meta)}\n`);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { members: number; buildMs: number };
  return { dir, file: path.join(dir, LEDGER_FILE), day, ...meta, built: true };
}

/** Bulk-fills the set-up ledger in time order; returns how many members it holds. */
function fill(file: string, options: EodOptions, days: number): number {
  const db = openBaseline(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -400000');
  const rng = new Rng(options.seed, 31);
  const terminal = db
    .prepare('SELECT store_id, terminal_id, terminal_number FROM terminal WHERE id = 1')
    .get() as { store_id: string; terminal_id: string; terminal_number: number };
  const staff = Array.from({ length: CASHIERS }, (_, i) => idOf(1, i + 1));
  const insertStaff = db.prepare(
    "INSERT INTO staff (id, name, role, created_at) VALUES (?, ?, 'cashier', '2024-12-01T00:00:00.000Z')",
  );
  const names = [
    '陳大文',
    'Amy Lee',
    '李小明',
    'Ben Ho',
    '王美玲',
    'Carl Ng',
    '張家輝',
    'Dora Chan',
  ];
  staff.forEach((id, i) => insertStaff.run(id, names[i] ?? `Cashier ${i}`));

  const insertMember = db.prepare(
    `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
       enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id, enrolled_by, hlc)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, 'Bench', ?, ?, 'h')`,
  );
  const insertSale = db.prepare(
    `INSERT INTO sale (id, number, kind, refund_of, member_id, currency, subtotal_minor,
       discount_minor, total_minor, points_redeemed, redeem_value_minor, gift_card_minor,
       paid_minor, earn_base_minor, points_earned, points_pending, store_id, terminal_id,
       staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, 'HKD', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'h')`,
  );
  const insertLine = db.prepare(
    `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor, amount_minor,
       kind, discount_minor, net_minor, points_earned)
     VALUES (?, ?, 'Item', ?, ?, ?, 'goods', ?, ?, ?)`,
  );
  const insertPoints = db.prepare(
    `INSERT INTO points_entry (id, member_id, kind, points, sale_id, reverses_id, expires_at,
       terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h')`,
  );
  const insertCoupon = db.prepare(
    `INSERT INTO coupon (id, code, campaign_id, member_id, source, terminal_id, staff_id,
       created_at, hlc)
     VALUES (?, ?, 'bench', ?, 'manual', ?, ?, ?, 'h')`,
  );
  const insertCouponUse = db.prepare(
    `INSERT INTO coupon_use (id, coupon_id, kind, sale_id, discount_minor, offline, terminal_id,
       staff_id, created_at, hlc)
     VALUES (?, ?, 'redeemed', ?, ?, 0, ?, ?, ?, 'h')`,
  );
  const insertCard = db.prepare(
    `INSERT INTO gift_card (id, code, currency, balance_minor, sold_sale_id, created_at, hlc)
     VALUES (?, ?, 'HKD', 100000000, ?, ?, 'h')`,
  );
  const insertStoredValue = db.prepare(
    `INSERT INTO stored_value_entry (id, gift_card_id, kind, amount_minor, sale_id, terminal_id,
       staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'h')`,
  );

  let memberCount = 0;
  let saleNo = 0;
  let entryNo = 0;
  let couponNo = 0;
  let svNo = 0;
  const cards: string[] = [];
  const recent: { id: string; total: number; member: string | null; lines: number[] }[] = [];
  const addMember = (atIso: string, by: string) => {
    memberCount += 1;
    const id = idOf(2, memberCount);
    const phone = String(50_000_000 + memberCount);
    insertMember.run(
      id,
      `2${String(memberCount).padStart(12, '0')}`,
      `Member ${memberCount}`,
      `+852${phone}`,
      phone,
      atIso,
      terminal.store_id,
      terminal.terminal_id,
      by,
    );
    return id;
  };

  const started = Date.now();
  db.transaction(() => {
    // Members who joined before the first day.
    for (let i = 0; i < 20_000; i++) addMember('2024-12-15T02:00:00.000Z', staff[0] as string);
  })();
  for (let d = 0; d < days; d++) {
    const day = addCalendarDays(FIRST_DAY, d);
    const range = businessDayRange(day, TIME_ZONE, BOUNDARY_MINUTES);
    // Trading from 10:00 to 02:00 local: 6 h to 22 h after a 04:00 boundary.
    const open = Date.parse(range.startIso) + 6 * 3_600_000;
    const span = 16 * 3_600_000;
    const count = Math.min(options.salesPerDay, options.sales - d * options.salesPerDay);
    db.transaction(() => {
      for (let m = 0; m < 30; m++) {
        addMember(new Date(open + Math.floor((span * m) / 30)).toISOString(), rng.pick(staff));
      }
      if (d === 0) {
        for (let c = 0; c < 1000; c++) {
          const id = idOf(5, c + 1);
          insertCard.run(id, `GC-${c}`, idOf(3, 1), new Date(open).toISOString());
          insertStoredValue.run(
            idOf(6, ++svNo),
            id,
            'activate',
            100_000_000,
            null,
            terminal.terminal_id,
            staff[0],
            new Date(open).toISOString(),
          );
          cards.push(id);
        }
      }
      for (let s = 0; s < count; s++) {
        const at = new Date(open + Math.floor((span * s) / count)).toISOString();
        const cashier = staff[(s >> 6) % CASHIERS] as string;
        saleNo += 1;
        const id = idOf(3, saleNo);
        const number = `${terminal.terminal_number}-${String(saleNo).padStart(7, '0')}`;
        const previous = recent.length > 50 ? recent[rng.int(recent.length)] : undefined;
        if (previous && rng.chance(0.02)) {
          // A full refund of a recent sale.
          insertSale.run(
            id,
            number,
            'refund',
            previous.id,
            previous.member,
            -previous.total,
            0,
            -previous.total,
            0,
            0,
            0,
            -previous.total,
            -previous.total,
            0,
            terminal.store_id,
            terminal.terminal_id,
            cashier,
            at,
          );
          previous.lines.forEach((amount, i) =>
            insertLine.run(id, i + 1, -1, amount, -amount, 0, -amount, 0),
          );
          continue;
        }
        const lines = [rng.range(5, 300) * 100 + rng.pick([0, 50, 90]), rng.range(5, 80) * 100];
        const subtotal = lines[0]! + lines[1]!;
        const member = rng.chance(0.4) ? idOf(2, 1 + rng.int(memberCount)) : null;
        const couponDiscount = rng.chance(0.03) ? Math.floor(subtotal / 10) : 0;
        const total = subtotal - couponDiscount;
        const redeem = member && rng.chance(0.1) ? 100 : 0;
        const redeemValue = redeem ? 500 : 0;
        const giftCard = rng.chance(0.01) ? Math.min(5000, total - redeemValue) : 0;
        const paid = total - redeemValue - giftCard;
        const earned = member ? Math.floor(paid / 100) : 0;
        insertSale.run(
          id,
          number,
          'sale',
          null,
          member,
          subtotal,
          couponDiscount,
          total,
          redeem,
          redeemValue,
          giftCard,
          paid,
          paid,
          earned,
          terminal.store_id,
          terminal.terminal_id,
          cashier,
          at,
        );
        insertLine.run(
          id,
          1,
          1,
          lines[0],
          lines[0],
          couponDiscount,
          lines[0]! - couponDiscount,
          earned,
        );
        insertLine.run(id, 2, 1, lines[1], lines[1], 0, lines[1], 0);
        if (member && redeem) {
          insertPoints.run(
            idOf(4, ++entryNo),
            member,
            'redeem',
            -redeem,
            id,
            null,
            null,
            terminal.terminal_id,
            cashier,
            at,
          );
        }
        if (member && earned > 0) {
          insertPoints.run(
            idOf(4, ++entryNo),
            member,
            'earn',
            earned,
            id,
            null,
            `${String(Number(at.slice(0, 4)) + 1)}${at.slice(4)}`,
            terminal.terminal_id,
            cashier,
            at,
          );
        }
        if (couponDiscount > 0) {
          const coupon = idOf(7, ++couponNo);
          insertCoupon.run(coupon, `CP-${couponNo}`, member, terminal.terminal_id, cashier, at);
          insertCouponUse.run(
            idOf(8, couponNo),
            coupon,
            id,
            couponDiscount,
            terminal.terminal_id,
            cashier,
            at,
          );
        }
        if (giftCard > 0) {
          insertStoredValue.run(
            idOf(6, ++svNo),
            rng.pick(cards),
            'pay',
            -giftCard,
            id,
            terminal.terminal_id,
            cashier,
            at,
          );
        }
        recent.push({
          id,
          total,
          member,
          lines: lines.map((l, i) => (i === 0 ? l - couponDiscount : l)),
        });
        if (recent.length > 200) recent.shift();
      }
    })();
    if (d % 25 === 24 || d === days - 1) {
      progress(
        `${saleNo.toLocaleString('en')} sales written (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  }
  // Cached balances follow the entries, as the ledger keeps them.
  db.exec(`UPDATE member SET points_balance = coalesce(
    (SELECT sum(points) FROM points_entry e WHERE e.member_id = member.id), 0)`);
  db.exec('ANALYZE');
  db.close();
  return memberCount;
}

/** The same aggregates the report runs, on bare better-sqlite3, returning the raw rows. */
export function bareAggregates(db: Database.Database): (from: string, to: string) => number {
  const statements = [
    salesSql,
    pointsSql,
    couponUseSql,
    couponIssuedSql,
    storedValueSql,
    newMembersSql,
  ].map((sql) => db.prepare(sql));
  const held = db.prepare(heldPointsSql);
  return (from, to) => {
    let rows = 0;
    for (const statement of statements) rows += statement.all(from, to).length;
    held.get(to);
    return rows;
  };
}

export const eodPlan: AlternatingPlan = { warmup: 5, rounds: 10, perRound: 5 };

export function benchEodReport(options: EodOptions): BenchResult {
  const dataset = eodDataset(options);
  progress(
    dataset.built
      ? `ledger of ${options.sales.toLocaleString('en')} sales built in ${(dataset.buildMs / 1000).toFixed(0)} s`
      : `ledger of ${options.sales.toLocaleString('en')} sales reused from ${dataset.dir}`,
  );
  const range = businessDayRange(dataset.day, TIME_ZONE, BOUNDARY_MINUTES);
  const clock = Date.parse(range.endIso) + 3_600_000;
  const core = openCore({ dataDir: dataset.dir, now: () => clock });
  const bare = openBaseline(dataset.file, { readonly: true });
  try {
    const raw = bareAggregates(bare);
    let last: Report | null = null;
    const { ours, baseline } = runAlternating(
      options.plan ?? eodPlan,
      () => {
        const result = core.dispatch('report.z', { businessDay: dataset.day });
        if (!result.ok) throw new Error(`report.z failed: ${result.error.message}`);
        last = result.value as Report;
      },
      () => raw(range.startIso, range.endIso),
    );
    const report = last as Report | null;
    if (!report) throw new Error('no report was made');
    const counted = bare
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(${goodsMinorSql('sale')}), 0) AS net FROM sale
         WHERE created_at >= ? AND created_at < ?`,
      )
      .get(range.startIso, range.endIso) as { n: number; net: number };
    const t = report.totals;
    if (t.sales.count + t.refunds.count !== counted.n || t.netSalesMinor !== counted.net) {
      throw new Error('the Z report disagrees with the ledger');
    }
    const o = ours.summary();
    const b = baseline.summary();
    return {
      name: 'eod_report',
      ours: o,
      baseline: b,
      target: 'p99 <= 100 ms',
      met: o.p99Ms <= 100,
      notes: [
        `Z report of ${dataset.day}: ${counted.n.toLocaleString('en')} sales and refunds, net ` +
          `${(counted.net / 100).toFixed(2)} HKD, ${report.byCashier.length} cashiers, ` +
          `${report.byHour.length} hours`,
        `ledger: ${options.sales.toLocaleString('en')} sales over ` +
          `${Math.ceil(options.sales / options.salesPerDay)} days, ${dataset.members.toLocaleString('en')} members`,
        `baseline (same aggregates, bare better-sqlite3): p50 ${fmtMs(b.p50Ms)} ms, p99 ${fmtMs(b.p99Ms)} ms`,
        overallNote(o, b),
      ],
    };
  } finally {
    bare.close();
    core.close();
  }
}
