/**
 * The loyalty ledger `checkout_with_rules` runs on: the cached member ledger plus a loyalty
 * program (4 tiers, a category multiplier, a percent-off campaign) and two years of points
 * history, about 20 entries per member (20,000,000 at 1,000,000 members).
 *
 * The history is simulated member by member with the ledger's own lot rules, so every replay is
 * clean: earns open lots that expire 12 months later, redemptions spend the earliest-expiring
 * lots, a few partial refunds reverse part of a recent earn, and an expire entry closes each lot
 * that ran out with points left, written either by the nightly catch-up or by the member's next
 * sale, as the terminal does. Entries are then written in time order, as a terminal appends them,
 * so one member's entries are scattered over the table the way they are in a real ledger.
 * History entries carry no sale (points_entry.sale_id is NULL): writing 12 million historical
 * sales would multiply the build for rows the measured sale never reads.
 *
 * Cached in .bench-cache/ by seed, member count, entry count, schema version and both generator
 * versions; the build runs with synchronous=OFF and journal_mode=OFF and without the ledger's
 * secondary indexes, which are recreated afterwards from their own SQL.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { openBaseline } from './baseline';
import { openCore, LEDGER_FILE } from '../../electron/core/core';
import { LATEST_VERSION } from '../../electron/core/db/migrate';
import { ledgerBalance, memberPoints } from '../../electron/core/points/pointsLedger';
import { defaultProgram, type Program } from '../../shared/program';
import { addMonths } from '../../shared/rules/pointsLots';
import { tierById } from '../../shared/rules/tiers';
import {
  CACHE_DIR,
  ENROLL_TO,
  GENERATOR_VERSION,
  memberDataset,
  removeStaleCaches,
  Rng,
  SCHEMA_KEY,
  setupInput,
} from './data';

/** Bump when the history's output changes, so old caches are not mistaken for new ones. */
export const HISTORY_GENERATOR_VERSION = 1;
export const ENTRIES_PER_MEMBER = 20;

/** Two years of history, ending where the member ledger's clock stands. */
export const HISTORY_FROM = Date.UTC(2023, 0, 1);
export const HISTORY_TO = ENROLL_TO;

/** Category whose lines earn double points. */
export const DOUBLE_POINTS_CATEGORY = 'personal-care';
export const CAMPAIGN_ID = 'new-year-10';

/**
 * The program the checkout benchmark runs under: 1 point per HK$1, the default four tiers
 * (gold earns 150%), double points on personal care, 12-month expiry, 200 points = HK$5 with
 * at most half a sale paid in points, and one percent-off campaign that does not stack.
 */
export const benchProgram: Program = {
  ...defaultProgram,
  earn: {
    ...defaultProgram.earn,
    multipliers: [{ match: DOUBLE_POINTS_CATEGORY, percent: 200 }],
  },
  expiry: { months: 12 },
  pending: { returnWindowDays: 0 },
  redemption: { points: 200, valueMinor: 500, minimumPoints: 200, maxSharePercent: 50 },
  coupons: {
    campaigns: [
      {
        id: CAMPAIGN_ID,
        name: 'New year 10% off',
        kind: 'percent',
        percentOff: 10,
        amountOffMinor: null,
        appliesTo: null,
        buyQuantity: null,
        getQuantity: null,
        minimumBasketMinor: 20_000,
        validFrom: null,
        validTo: null,
        validDays: 30,
        perMemberLimit: 5,
        totalLimit: 0,
        stackable: false,
        onlineOnly: false,
      },
    ],
    welcomeCampaignId: null,
    birthdayCampaignId: null,
    nextOrder: null,
  },
};

const KIND_NAMES = ['earn', 'redeem', 'reverse_earn', 'expire'] as const;
const EARN = 0;
const REDEEM = 1;
const REVERSE = 2;
const EXPIRE = 3;

/** How much more often a member of each tier shops than a first-tier member. */
const TIER_ACTIVITY: Record<string, number> = { silver: 1.6, gold: 2.4, platinum: 3.5 };
const DAY_MS = 86_400_000;
const REDEEM_UNIT = 200;

export interface LedgerMeta {
  seed: number;
  members: number;
  entries: number;
  schemaVersion: number;
  schemaKey: string;
  memberGeneratorVersion: number;
  historyGeneratorVersion: number;
  historyFrom: string;
  historyTo: string;
  buildMs: number;
  phasesMs: Record<string, number>;
  kinds: Record<string, number>;
  fileBytes: number;
  verifiedMembers: number;
}

export interface LedgerDataset {
  dir: string;
  file: string;
  meta: LedgerMeta;
  built: boolean;
}

export function ledgerKey(seed: number, members: number): string {
  const entries = members * ENTRIES_PER_MEMBER;
  return (
    `ledger-s${seed}-n${members}-e${entries}-v${SCHEMA_KEY}` +
    `-g${GENERATOR_VERSION}-h${HISTORY_GENERATOR_VERSION}`
  );
}

function log(message: string): void {
  process.stderr.write(`[bench:ledger] ${message}\n`);
}

/** Free bytes on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

export const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/** The cached loyalty ledger for (seed, members), building it first if it is not on disk. */
export function loyaltyLedger(seed: number, members: number): LedgerDataset {
  const dir = path.join(CACHE_DIR, ledgerKey(seed, members));
  const metaFile = path.join(dir, 'meta.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as LedgerMeta;
    return { dir, file: path.join(dir, LEDGER_FILE), meta, built: false };
  }
  removeStaleCaches(`ledger-s${seed}-n${members}-`, ledgerKey(seed, members));
  const memberLedger = memberDataset(seed, members);
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  // About 400 bytes per entry with its indexes, plus the member ledger it starts from.
  const needed = members * ENTRIES_PER_MEMBER * 450 + statSync(memberLedger.file).size;
  const free = freeBytes(building);
  if (free < needed * 1.2) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(
      `building the ${ledgerKey(seed, members)} ledger needs about ${gb(needed)}; ` +
        `${gb(free)} free in ${CACHE_DIR}`,
    );
  }
  try {
    const meta = buildLedger(building, memberLedger.file, seed, members);
    writeFileSync(path.join(building, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as LedgerMeta;
  return { dir, file: path.join(dir, LEDGER_FILE), meta, built: true };
}

// ---------------------------------------------------------------------------------------------
// Ids and dates

/** lowbias32: a bijection on 32-bit integers with good mixing. */
function hash32(input: number): number {
  let x = input >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * The UUIDv7 of history entry `index`, computable again whenever a later entry refers to it.
 * Bytes 10..13 are a bijection of the index, so two entries never share an id.
 */
export function historyEntryId(seedMix: number, index: number, ms: number): string {
  const a = hash32(index ^ seedMix);
  const b = hash32(a ^ 0x9e3779b9);
  const c = hash32(b ^ 0x85ebca6b);
  const hi = Math.floor(ms / 0x1000000);
  const lo = ms % 0x1000000;
  return (
    hex[(hi >>> 16) & 0xff]! +
    hex[(hi >>> 8) & 0xff]! +
    hex[hi & 0xff]! +
    hex[(lo >>> 16) & 0xff]! +
    '-' +
    hex[(lo >>> 8) & 0xff]! +
    hex[lo & 0xff]! +
    '-' +
    hex[0x70 | (c & 0x0f)]! +
    hex[(c >>> 8) & 0xff]! +
    '-' +
    hex[0x80 | (b & 0x3f)]! +
    hex[(b >>> 8) & 0xff]! +
    '-' +
    hex[(b >>> 16) & 0xff]! +
    hex[b >>> 24]! +
    hex[a >>> 24]! +
    hex[(a >>> 16) & 0xff]! +
    hex[(a >>> 8) & 0xff]! +
    hex[a & 0xff]!
  );
}

/** addMonths(iso, 12) in milliseconds: the same day next year, 29 February clamped to the 28th. */
export function addYearMs(ms: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear() + 1;
  const month = d.getUTCMonth();
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), last),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** addMonths(iso, 12) on an ISO instant by text: the next year, 29 February clamped to the 28th. */
export function isoPlusYear(iso: string): string {
  const next = String(Number(iso.slice(0, 4)) + 1) + iso.slice(4);
  return next.slice(5, 10) === '02-29' ? `${next.slice(0, 8)}28${next.slice(10)}` : next;
}

/**
 * addYearMs and isoPlusYear must agree with the ledger's own addMonths, or the replay would see
 * other dates than the simulation did.
 */
function checkAddYear(rng: Rng): void {
  const tricky = [Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2023, 11, 31), HISTORY_FROM];
  const random = Array.from(
    { length: 10_000 },
    () => HISTORY_FROM + rng.int(HISTORY_TO - HISTORY_FROM),
  );
  for (const ms of [...tricky, ...random]) {
    const iso = new Date(ms).toISOString();
    const expected = addMonths(iso, 12);
    if (new Date(addYearMs(ms)).toISOString() !== expected || isoPlusYear(iso) !== expected) {
      throw new Error(`addYearMs(${iso}) disagrees with addMonths`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Simulation

interface History {
  count: number;
  timeMs: Float64Array;
  member: Uint32Array;
  kind: Uint8Array;
  points: Int32Array;
  /** The earn an expire closes or a reversal takes back from, as an index into these arrays. */
  ref: Int32Array;
  balances: Float64Array;
}

interface MemberFacts {
  enrolledMs: Float64Array;
  tierPercent: Uint16Array;
  activity: Float64Array;
}

/**
 * Simulates each member's two years, giving each a share of `total` entries by how long they
 * have been a member and how often their tier shops. Expire entries are a consequence of the
 * activity, so each member's activity count is set from the expire ratio seen so far, and what
 * is over or under carries to the next member. Members who joined in the last 12 months have no
 * lot old enough to expire, so they take up the carry exactly and the total comes out exact.
 */
function simulateHistory(seed: number, facts: MemberFacts, total: number): History {
  const members = facts.enrolledMs.length;
  const h: History = {
    count: 0,
    timeMs: new Float64Array(total),
    member: new Uint32Array(total),
    kind: new Uint8Array(total),
    points: new Int32Array(total),
    ref: new Int32Array(total).fill(-1),
    balances: new Float64Array(members),
  };
  const rng = new Rng(seed, 10);
  const weights = new Float64Array(members);
  let weightSum = 0;
  for (let i = 0; i < members; i++) {
    const start = Math.max(facts.enrolledMs[i] ?? 0, HISTORY_FROM);
    weights[i] = Math.max(0, HISTORY_TO - start) * (facts.activity[i] ?? 1);
    weightSum += weights[i] ?? 0;
  }

  // One member's lots, oldest first (expiry order, since every lot lives 12 months).
  let lotIndex = new Int32Array(256);
  let lotExpires = new Float64Array(256);
  let lotRemaining = new Int32Array(256);
  let lotCreated = new Float64Array(256);
  let times = new Float64Array(256);

  let cumulative = 0;
  let assigned = 0;
  let carry = 0;
  let activities = 0;
  let expiries = 0;
  for (let m = 0; m < members; m++) {
    cumulative += weights[m] ?? 0;
    const target = Math.round((total * cumulative) / weightSum);
    const want = target - assigned + carry;
    assigned = target;
    const start = Math.max(facts.enrolledMs[m] ?? 0, HISTORY_FROM);
    const canExpire = addYearMs(start) <= HISTORY_TO;
    const ratio = activities > 0 ? expiries / activities : 0.1;
    const count = Math.max(0, canExpire ? Math.round(want / (1 + ratio)) : want);
    if (count > times.length) {
      const size = count * 2;
      times = new Float64Array(size);
      lotIndex = new Int32Array(size);
      lotExpires = new Float64Array(size);
      lotRemaining = new Int32Array(size);
      lotCreated = new Float64Array(size);
    }
    const span = HISTORY_TO - start;
    for (let a = 0; a < count; a++) times[a] = start + Math.floor(rng.float() * span);
    times.subarray(0, count).sort();

    const before = h.count;
    const tierPercent = facts.tierPercent[m] ?? 100;
    let head = 0;
    let tail = 0;
    let available = 0;
    let catchUpAt = 0;
    const emit = (kind: number, at: number, points: number, ref: number): number => {
      const j = h.count++;
      h.timeMs[j] = at;
      h.member[j] = m;
      h.kind[j] = kind;
      h.points[j] = points;
      h.ref[j] = ref;
      h.balances[m] = (h.balances[m] ?? 0) + points;
      return j;
    };
    const expireHead = (at: number) => {
      const left = lotRemaining[head] ?? 0;
      if (left > 0) {
        emit(EXPIRE, at, -left, lotIndex[head] ?? -1);
        available -= left;
        lotRemaining[head] = 0;
        expiries++;
      }
      head++;
    };
    // The nightly catch-up reaches a lot within a day of its expiry, and before the clock stops.
    const nextCatchUp = () => {
      if (head >= tail || (lotExpires[head] ?? Infinity) > HISTORY_TO) return Infinity;
      const expires = lotExpires[head] ?? 0;
      const at = expires + Math.floor(rng.float() * Math.min(DAY_MS, HISTORY_TO - expires));
      catchUpAt = Math.max(catchUpAt, at);
      return catchUpAt;
    };
    let catchUp = nextCatchUp();

    for (let a = 0; a < count; a++) {
      const t = times[a] ?? start;
      while (catchUp <= t) {
        expireHead(catchUp);
        catchUp = nextCatchUp();
      }
      // A sale first expires whatever ran out since the last catch-up, as recordSale does.
      while (head < tail && (lotExpires[head] ?? Infinity) <= t) {
        expireHead(t);
        catchUp = nextCatchUp();
      }
      activities++;
      const roll = rng.float();
      const newest = tail - 1;
      if (roll < 0.18 && available >= REDEEM_UNIT) {
        const units = rng.range(1, Math.min(8, Math.floor(available / REDEEM_UNIT)));
        let wanted = units * REDEEM_UNIT;
        emit(REDEEM, t, -wanted, -1);
        available -= wanted;
        for (let l = head; l < tail && wanted > 0; l++) {
          const taken = Math.min(lotRemaining[l] ?? 0, wanted);
          lotRemaining[l] = (lotRemaining[l] ?? 0) - taken;
          wanted -= taken;
        }
      } else if (
        roll < 0.205 &&
        newest >= head &&
        (lotRemaining[newest] ?? 0) > 0 &&
        t - (lotCreated[newest] ?? 0) < 30 * DAY_MS
      ) {
        // A partial or whole refund of the latest sale takes its points back from its own lot.
        const left = lotRemaining[newest] ?? 0;
        const back = rng.chance(0.5) ? left : Math.ceil(left / 2);
        emit(REVERSE, t, -back, lotIndex[newest] ?? -1);
        lotRemaining[newest] = left - back;
        available -= back;
      } else {
        // Spend from HK$30 to HK$1,500, log-uniform; the tier multiplies the points.
        const spendMinor = Math.round(Math.exp(8.0064 + rng.float() * 3.912));
        const points = Math.max(1, Math.floor((spendMinor * tierPercent) / 10_000));
        const j = emit(EARN, t, points, -1);
        lotIndex[tail] = j;
        lotCreated[tail] = t;
        lotExpires[tail] = addYearMs(t);
        lotRemaining[tail] = points;
        tail++;
        available += points;
        if (catchUp === Infinity) catchUp = nextCatchUp();
      }
    }
    while (catchUp <= HISTORY_TO) {
      expireHead(catchUp);
      catchUp = nextCatchUp();
    }
    if (head < tail && (lotExpires[head] ?? Infinity) <= HISTORY_TO) {
      throw new Error(`member ${m + 1} keeps a lot past expiry at the end of the history`);
    }
    carry = want - (h.count - before);
    if (h.count > total) throw new Error('history overshot its entry count');
  }
  if (h.count !== total) {
    throw new Error(`history has ${h.count} entries, not ${total} (carry ${carry})`);
  }
  return h;
}

/** Entry indexes in time order (by minute; within a minute, member order, which keeps each
 * member's own entries in order because the sort is stable). */
function timeOrder(h: History): Uint32Array {
  const buckets = Math.floor((HISTORY_TO - HISTORY_FROM) / 60_000) + 2;
  const starts = new Uint32Array(buckets + 1);
  for (let j = 0; j < h.count; j++) {
    const bucket = Math.floor(((h.timeMs[j] ?? 0) - HISTORY_FROM) / 60_000);
    starts[bucket + 1] = (starts[bucket + 1] ?? 0) + 1;
  }
  for (let b = 1; b <= buckets; b++) starts[b] = (starts[b] ?? 0) + (starts[b - 1] ?? 0);
  const order = new Uint32Array(h.count);
  for (let j = 0; j < h.count; j++) {
    const bucket = Math.floor(((h.timeMs[j] ?? 0) - HISTORY_FROM) / 60_000);
    order[starts[bucket] ?? 0] = j;
    starts[bucket] = (starts[bucket] ?? 0) + 1;
  }
  return order;
}

// ---------------------------------------------------------------------------------------------
// Build

interface MemberRow {
  id: string;
  tier_id: string | null;
  enrolled_at: string;
  enrolled_terminal_id: string;
}

function buildLedger(dir: string, memberFile: string, seed: number, members: number) {
  const started = process.hrtime.bigint();
  const phasesMs: Record<string, number> = {};
  let phaseStart = process.hrtime.bigint();
  const phase = (name: string) => {
    const now = process.hrtime.bigint();
    phasesMs[name] = Math.round(Number(now - phaseStart) / 1e6);
    log(`  ${name}: ${(Number(now - phaseStart) / 1e9).toFixed(1)} s`);
    phaseStart = now;
  };
  const total = members * ENTRIES_PER_MEMBER;
  log(
    `building ${total.toLocaleString('en')} points entries over ${members.toLocaleString('en')} ` +
      `members (seed ${seed}) in ${dir}`,
  );
  const file = path.join(dir, LEDGER_FILE);
  copyFileSync(memberFile, file);
  phase('copy member ledger');

  // The program goes in through the operation a manager uses, so it is stored and audited as in
  // production.
  let staffId: string;
  let rows: MemberRow[];
  {
    const core = openCore({ dataDir: dir, now: () => HISTORY_TO });
    try {
      const updated = core.dispatch('program.update', {
        program: benchProgram,
        managerPin: setupInput.managerPin,
      });
      if (!updated.ok) throw new Error(`program.update failed: ${updated.error.message}`);
      staffId = (
        core.db.prepare('SELECT current_staff_id FROM terminal').get() as {
          current_staff_id: string;
        }
      ).current_staff_id;
      rows = core.db
        .prepare(
          `SELECT id, tier_id, enrolled_at, enrolled_terminal_id FROM member ORDER BY member_no`,
        )
        .all() as MemberRow[];
    } finally {
      core.close();
    }
  }
  if (rows.length !== members) throw new Error(`member ledger has ${rows.length} members`);
  const levels = benchProgram.tiers.levels;
  const activityRng = new Rng(seed, 11);
  const facts: MemberFacts = {
    enrolledMs: Float64Array.from(rows, (r) => Date.parse(r.enrolled_at)),
    tierPercent: Uint16Array.from(rows, (r) => tierById(r.tier_id, levels).earnPercent),
    activity: Float64Array.from(
      rows,
      (r) => (TIER_ACTIVITY[r.tier_id ?? ''] ?? 1) * (0.4 + 1.2 * activityRng.float()),
    ),
  };
  phase('program and members');

  checkAddYear(new Rng(seed, 13));
  const history = simulateHistory(seed, facts, total);
  const order = timeOrder(history);
  phase('simulate history');

  const db = openBaseline(file);
  try {
    // Bulk build only: a file we can rebuild needs neither durability nor a rollback journal.
    // Production settings are restored before it is cached.
    db.pragma('journal_mode = DELETE');
    // better-sqlite3 opens in defensive mode, which refuses journal_mode=OFF.
    db.unsafeMode(true);
    const mode = db.pragma('journal_mode = OFF', { simple: true });
    if (mode !== 'off') throw new Error(`journal_mode stayed ${String(mode)}`);
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -1048576');
    db.pragma('threads = 2');
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master
         WHERE type = 'index' AND tbl_name = 'points_entry' AND sql IS NOT NULL`,
      )
      .all() as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);

    const insert = db.prepare(
      `INSERT INTO points_entry (id, member_id, kind, points, sale_id, reverses_id, lot_id,
         available_at, expires_at, reason, terminal_id, staff_id, created_at, hlc)
       VALUES (?, ?, ?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
    );
    const seedMix = hash32(seed ^ 0x5bd1e995);
    const idOf = (j: number) => historyEntryId(seedMix, j, history.timeMs[j] ?? 0);
    const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const writeBatch = db.transaction((from: number, to: number) => {
      for (let k = from; k < to; k++) {
        const j = order[k] ?? 0;
        const ms = history.timeMs[j] ?? 0;
        const kind = history.kind[j] ?? EARN;
        const member = rows[history.member[j] ?? 0] as MemberRow;
        const ref = history.ref[j] ?? -1;
        const createdAt = new Date(ms).toISOString();
        insert.run(
          idOf(j),
          member.id,
          KIND_NAMES[kind],
          history.points[j],
          kind === REVERSE ? idOf(ref) : null,
          kind === EXPIRE ? idOf(ref) : null,
          kind === EARN ? isoPlusYear(createdAt) : null,
          kind === EXPIRE ? `expired ${isoDay(addYearMs(history.timeMs[ref] ?? 0))}` : null,
          member.enrolled_terminal_id,
          staffId,
          createdAt,
          `00${ms}-00000-${member.enrolled_terminal_id}`,
        );
      }
    });
    const batch = 250_000;
    for (let from = 0; from < total; from += batch) {
      writeBatch(from, Math.min(total, from + batch));
      if ((from / batch) % 8 === 7) log(`  ${(from + batch).toLocaleString('en')} entries`);
    }
    phase('insert entries');
    for (const index of indexes) db.exec(index.sql);
    phase('recreate indexes');

    const setBalance = db.prepare('UPDATE member SET points_balance = ? WHERE member_no = ?');
    db.transaction(() => {
      history.balances.forEach((balance, m) => {
        if (balance !== 0) setBalance.run(balance, m + 1);
      });
    })();
    db.unsafeMode(false);
    db.pragma('journal_mode = WAL');
    phase('member balances');
  } finally {
    db.close();
  }

  const kinds: Record<string, number> = {};
  for (let j = 0; j < total; j++) {
    const name = KIND_NAMES[history.kind[j] ?? EARN] ?? 'earn';
    kinds[name] = (kinds[name] ?? 0) + 1;
  }
  const verifiedMembers = verifyLedger(dir, seed, members, total);
  phase('verify sample');
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const fileBytes = statSync(file).size;
  log(`built in ${(buildMs / 1000).toFixed(1)} s, ${gb(fileBytes)}`);
  return {
    seed,
    members,
    entries: total,
    schemaVersion: LATEST_VERSION,
    schemaKey: SCHEMA_KEY,
    memberGeneratorVersion: GENERATOR_VERSION,
    historyGeneratorVersion: HISTORY_GENERATOR_VERSION,
    historyFrom: new Date(HISTORY_FROM).toISOString(),
    historyTo: new Date(HISTORY_TO).toISOString(),
    buildMs,
    phasesMs,
    kinds,
    fileBytes,
    verifiedMembers,
  } satisfies LedgerMeta;
}

/**
 * Reopens the ledger as the terminal does (WAL, synchronous=FULL, foreign keys on) and checks a
 * sample of members with the core's own ledger code: the cached balance equals the sum of the
 * entries, and the lot replay ends with no debt and nothing left to expire. A wrong lot or
 * reversal reference would show up as debt. Returns how many members were checked.
 */
function verifyLedger(dir: string, seed: number, members: number, total: number): number {
  const core = openCore({ dataDir: dir, now: () => HISTORY_TO });
  try {
    const { db } = core;
    const { n } = db.prepare('SELECT count(*) AS n FROM points_entry').get() as { n: number };
    if (n !== total) throw new Error(`ledger holds ${n} points entries, not ${total}`);
    const rng = new Rng(seed, 12);
    const byNo = db.prepare('SELECT id, points_balance FROM member WHERE member_no = ?');
    const nowIso = new Date(HISTORY_TO).toISOString();
    const sample = Math.min(members, 2_000);
    let entries = 0;
    for (let s = 0; s < sample; s++) {
      const row = byNo.get(rng.range(1, members)) as { id: string; points_balance: number };
      const sum = ledgerBalance(db, row.id);
      const { summary, state } = memberPoints(db, row.id, nowIso);
      entries += state.lots.length;
      if (
        sum !== row.points_balance ||
        summary.total !== sum ||
        state.debt !== 0 ||
        summary.dueToExpire.length > 0 ||
        summary.available !== sum
      ) {
        throw new Error(
          `member ${row.id}: balance ${row.points_balance}, entries ${sum}, ` +
            `replay total ${summary.total}, debt ${state.debt}, ` +
            `${summary.dueToExpire.length} lots due, available ${summary.available}`,
        );
      }
    }
    if (entries === 0) throw new Error('the sampled members have no points history');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return sample;
  } finally {
    core.close();
  }
}
