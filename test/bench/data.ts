/**
 * Seeded test data and the on-disk member ledgers the benchmarks read.
 *
 * Everything here is deterministic for a seed: a mulberry32 stream drives names, phones, ids and
 * times, so the same seed gives the same members. Ledgers are built once per
 * (seed, member count, schema version, generator version) into .bench-cache/ and reused.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { openCore, LEDGER_FILE } from '../../electron/core/core';
import { LATEST_VERSION, migrations } from '../../electron/core/db/migrate';
import { memberSearchTokens } from '../../electron/core/members/searchTokens';
import { makeCardNumber } from '../../shared/card';
import { encodeHlc } from '../../shared/hlc';
import type { TerminalInfo } from '../../shared/domain';
import { defaultProgram } from '../../shared/program';
import { makeCode } from '../../shared/rules/codes';
import {
  chineseSurnames,
  givenChars,
  latinFirstNames,
  latinLastNames,
  toSimplified,
} from './names';

/** Bump when the generator's output changes, so old caches are not mistaken for new ones. */
export const GENERATOR_VERSION = 3;

export const CACHE_DIR = fileURLToPath(new URL('../../.bench-cache/', import.meta.url));

/**
 * The schema a cached ledger was built with: the latest version and a hash of every migration's
 * SQL, because a migration that has not shipped yet is still edited in place under its number.
 */
export const SCHEMA_KEY = `${LATEST_VERSION}-${createHash('sha256')
  .update(migrations.map((m) => m.up).join('\n'))
  .digest('hex')
  .slice(0, 8)}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes `<prefix><pid>` work folders whose run died before it could remove them. */
export function removeDeadRuns(prefix: string): void {
  if (!existsSync(CACHE_DIR)) return;
  for (const name of readdirSync(CACHE_DIR)) {
    const run = new RegExp(`^${prefix}(\\d+)$`).exec(name);
    if (!run || alive(Number(run[1]))) continue;
    process.stderr.write(`[bench:data] removing ${name}, left by a run that died\n`);
    rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
}

/**
 * Removes cached ledgers for the same data under another schema or generator (`prefix` names
 * the data, `keep` the one wanted), and builds left behind by runs that died: they are never
 * read again, and the larger ones take gigabytes.
 */
export function removeStaleCaches(prefix: string, keep: string): void {
  if (!existsSync(CACHE_DIR)) return;
  for (const name of readdirSync(CACHE_DIR)) {
    if (!name.startsWith(prefix) || name === keep) continue;
    const building = /\.building-(\d+)$/.exec(name);
    if (building && alive(Number(building[1]))) continue;
    process.stderr.write(`[bench:data] removing stale cache ${name}\n`);
    rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for test data, and fully reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export class Rng {
  private readonly next32: () => number;

  /** `stream` separates independent uses of one seed (data build, each benchmark's inputs). */
  constructor(seed: number, stream = 0) {
    this.next32 = mulberry32((seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0);
  }

  uint32(): number {
    return this.next32();
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.next32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** Picks by weight with a prebuilt cumulative table. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, weight] of items) {
      sum += weight;
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    const entry = this.items[lo];
    if (!entry) throw new Error('weighted pick out of range');
    return entry[0];
  }
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A UUIDv7 (time-ordered, like the app's ids) whose random bits come from the seeded stream. */
export function seededUuidv7(rng: Rng, ms: number): string {
  const bytes = new Uint8Array(16);
  let t = Math.floor(ms);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  for (let i = 6; i < 16; i += 4) {
    const r = rng.uint32();
    bytes[i] = r & 0xff;
    bytes[i + 1] = (r >>> 8) & 0xff;
    if (i + 2 < 16) bytes[i + 2] = (r >>> 16) & 0xff;
    if (i + 3 < 16) bytes[i + 3] = (r >>> 24) & 0xff;
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += hex[bytes[i] ?? 0];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names

const surnames = new Weighted(chineseSurnames.map(([trad, simp, w]) => [[trad, simp], w] as const));
const latinLast = new Weighted(latinLastNames);

/** 王小明 / 陈伟: weighted surname plus one or two given characters; some in simplified form. */
export function chineseName(rng: Rng): string {
  const [trad, simp] = surnames.pick(rng);
  const given = rng.chance(0.3)
    ? rng.pick(givenChars)
    : rng.pick(givenChars) + rng.pick(givenChars);
  return rng.chance(0.25) ? simp + toSimplified(given) : trad + given;
}

/** "Peter Chan": an English first name and a last name, mostly Hong Kong romanisations. */
export function latinName(rng: Rng): string {
  return `${rng.pick(latinFirstNames)} ${latinLast.pick(rng)}`;
}

export function memberName(rng: Rng): string {
  return rng.chance(0.65) ? chineseName(rng) : latinName(rng);
}

// ---------------------------------------------------------------------------------------------
// Phones

let mobilePrefixCache: string[] | null = null;

/**
 * Four-digit prefixes of Hong Kong mobile numbers (5, 6, 9 blocks) that the full
 * libphonenumber metadata calls MOBILE. HK mobile ranges are decided by the first four digits at
 * most, so any four digits after a listed prefix make a valid mobile number.
 */
export function hkMobilePrefixes(): string[] {
  if (mobilePrefixCache) return mobilePrefixCache;
  const prefixes: string[] = [];
  for (const first of ['5', '6', '9']) {
    for (let i = 0; i < 1000; i++) {
      const prefix = first + String(i).padStart(3, '0');
      const allMobile = ['0000', '5555', '9999'].every(
        (tail) => parsePhoneNumberFromString(prefix + tail, 'HK')?.getType() === 'MOBILE',
      );
      if (allMobile) prefixes.push(prefix);
    }
  }
  mobilePrefixCache = prefixes;
  return prefixes;
}

/** A random valid HK mobile number, national form (8 digits). */
export function randomMobile(rng: Rng): string {
  return rng.pick(hkMobilePrefixes()) + String(rng.int(10000)).padStart(4, '0');
}

/** The way a cashier might type a national number: bare, spaced, dashed or international. */
export function typedPhone(national: string, rng: Rng): string {
  switch (rng.int(4)) {
    case 0:
      return national;
    case 1:
      return `${national.slice(0, 4)} ${national.slice(4)}`;
    case 2:
      return `${national.slice(0, 4)}-${national.slice(4)}`;
    default:
      return `+852 ${national.slice(0, 4)} ${national.slice(4)}`;
  }
}

/** Tracks used 8-digit numbers in a 12.5 MB bitmap: far smaller than a Set of a million strings. */
class PhoneSet {
  private readonly bits = new Uint8Array(100_000_000 / 8);

  /** Adds the number; false when it was already there. */
  add(national: string): boolean {
    const n = Number(national);
    const byte = n >>> 3;
    const mask = 1 << (n & 7);
    if ((this.bits[byte] ?? 0) & mask) return false;
    this.bits[byte] = (this.bits[byte] ?? 0) | mask;
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Cached member ledgers

export interface DatasetMeta {
  seed: number;
  members: number;
  schemaVersion: number;
  schemaKey: string;
  generatorVersion: number;
  buildMs: number;
  terminalNumber: number;
  memberTerminalNumbers: number[];
}

export interface MemberDataset {
  /** A core data directory: pass it to openCore. */
  dir: string;
  file: string;
  meta: DatasetMeta;
  /** True when this run built it; false when it came from the cache. */
  built: boolean;
}

export const setupInput = {
  storeName: 'Bench Store Mong Kok',
  terminalName: 'Till 1',
  currency: 'HKD',
  timeZone: 'Asia/Hong_Kong',
  locale: 'zh-Hant',
  phoneCountry: 'HK',
  managerName: 'Bench Manager',
  managerPin: '2468',
} as const;

/** Members were enrolled evenly over these six years; the build's own clock stands at the end. */
const ENROLL_FROM = Date.UTC(2019, 0, 1);
export const ENROLL_TO = Date.UTC(2025, 0, 1);

/**
 * Tiers members hold, as the default program names them: most never leave the first tier (no
 * tier row), a few reach the top. Weights in percent.
 */
const tierLevels = defaultProgram.tiers.levels;
const memberTiers = new Weighted<string | null>([
  [null, 55],
  [tierLevels[1]?.id ?? 'silver', 25],
  [tierLevels[2]?.id ?? 'gold', 15],
  [tierLevels[3]?.id ?? 'platinum', 5],
]);
/** Share of members who joined with someone's referral code. */
const REFERRED_SHARE = 0.04;
const BATCH = 50_000;
/** Card sequences are at most 999,999 per terminal; spread members so each stays well under. */
const PER_TERMINAL = 900_000;

export function datasetKey(seed: number, members: number): string {
  return `members-s${seed}-n${members}-v${SCHEMA_KEY}-g${GENERATOR_VERSION}`;
}

function log(message: string): void {
  process.stderr.write(`[bench:data] ${message}\n`);
}

/** The cached ledger for (seed, members), building it first if it is not on disk. */
export function memberDataset(seed: number, members: number): MemberDataset {
  const dir = path.join(CACHE_DIR, datasetKey(seed, members));
  const metaFile = path.join(dir, 'meta.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as DatasetMeta;
    return { dir, file: path.join(dir, LEDGER_FILE), meta, built: false };
  }
  removeStaleCaches(`members-s${seed}-n${members}-`, datasetKey(seed, members));
  // Build beside the final place and rename at the end: an interrupted build is never reused.
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const meta = buildLedger(building, seed, members);
  writeFileSync(path.join(building, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { dir, file: path.join(dir, LEDGER_FILE), meta, built: true };
}

function buildLedger(dir: string, seed: number, members: number): DatasetMeta {
  const started = process.hrtime.bigint();
  log(`building ${members.toLocaleString('en')} members (seed ${seed}) in ${dir}`);
  const core = openCore({ dataDir: dir, now: () => ENROLL_TO });
  try {
    const setup = core.dispatch('terminal.setup', setupInput);
    if (!setup.ok) throw new Error(`terminal.setup failed: ${setup.error.message}`);
    const terminal = setup.value as TerminalInfo;
    const shift = core.dispatch('shift.open', { floatMinor: 0 });
    if (!shift.ok) throw new Error(`shift.open failed: ${shift.error.message}`);
    const { db } = core;

    const rng = new Rng(seed, 0);
    // Members come from other terminals of the chain (they reach this one through sync), each
    // with its own terminal number so card sequences stay under 999,999 per terminal.
    const terminalCount = Math.max(3, Math.ceil(members / PER_TERMINAL));
    const numbers: number[] = [];
    let candidate = 10000 + rng.int(80000 - terminalCount - 1);
    while (numbers.length < terminalCount) {
      if (candidate !== terminal.terminalNumber) numbers.push(candidate);
      candidate++;
    }
    const enrollers = numbers.map((number, i) => ({
      number,
      terminalId: seededUuidv7(rng, ENROLL_FROM),
      storeId: seededUuidv7(rng, ENROLL_FROM),
      storeName: `Store ${i + 1}`,
      nextSeq: 1,
    }));

    // Bulk build only: durability is pointless for a file we can rebuild, and it is the bulk
    // of the cost. Production settings are restored before the file is closed.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -524288');
    const insertMember = db.prepare(
      `INSERT INTO member (member_no, id, card_number, name, phone_e164, phone_national, email,
         birthday, marketing_consent, consent_at, consent_terminal_id, enrolled_at,
         enrolled_store_id, enrolled_store_name, enrolled_terminal_id, enrolled_by,
         referral_code, referred_by, tier_id, tier_since, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertSearch = db.prepare('INSERT INTO member_search (rowid, tokens) VALUES (?, ?)');
    // A member holds a tier above the first only after an upgrade, which the core records in
    // tier_change beside member.tier_id; a ledger without those rows would be one no terminal has.
    const insertTierChange = db.prepare(
      `INSERT INTO tier_change (id, member_id, from_tier, to_tier, reason, sale_id, terminal_id,
         created_at, hlc) VALUES (?, ?, NULL, ?, 'upgrade', NULL, ?, ?, ?)`,
    );
    const phones = new PhoneSet();
    const referralCodes = new Set<string>();
    const seededBytes = (n: number) => Uint8Array.from({ length: n }, () => rng.int(256));
    // Earlier members' ids, so a referral points at someone who had enrolled before.
    const ids: string[] = [];
    const span = ENROLL_TO - ENROLL_FROM;

    const insertBatch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const enroller = enrollers[i % enrollers.length];
        if (!enroller) throw new Error('no enrolling terminal');
        const ms = ENROLL_FROM + Math.floor((i * span) / members);
        const enrolledAt = new Date(ms).toISOString();
        const name = memberName(rng);
        let national = randomMobile(rng);
        while (!phones.add(national)) national = randomMobile(rng);
        const consent = rng.chance(0.6);
        const email = rng.chance(0.35) ? `member${i + 1}@example.com` : null;
        const birthday = rng.chance(0.5)
          ? `${rng.range(1950, 2007)}-${String(rng.range(1, 12)).padStart(2, '0')}-${String(rng.range(1, 28)).padStart(2, '0')}`
          : null;
        const memberNo = i + 1;
        const id = seededUuidv7(rng, ms);
        let referralCode = makeCode('referral', seededBytes);
        while (referralCodes.has(referralCode)) referralCode = makeCode('referral', seededBytes);
        referralCodes.add(referralCode);
        const referredBy = ids.length > 0 && rng.chance(REFERRED_SHARE) ? rng.pick(ids) : null;
        const tierId = memberTiers.pick(rng);
        // Reached the tier some time between enrolling and the build's clock.
        const tierSince = tierId
          ? new Date(ms + Math.floor(rng.float() * (ENROLL_TO - ms))).toISOString()
          : null;
        ids.push(id);
        insertMember.run(
          memberNo,
          id,
          makeCardNumber(enroller.number, enroller.nextSeq++),
          name,
          `+852${national}`,
          national,
          email,
          birthday,
          consent ? 1 : 0,
          enrolledAt,
          enroller.terminalId,
          enrolledAt,
          enroller.storeId,
          enroller.storeName,
          enroller.terminalId,
          terminal.cashier.id,
          referralCode,
          referredBy,
          tierId,
          tierSince,
          encodeHlc({ ms, counter: 0, node: enroller.terminalId }),
        );
        insertSearch.run(memberNo, memberSearchTokens(name, national));
        if (tierId && tierSince) {
          const sinceMs = Date.parse(tierSince);
          insertTierChange.run(
            seededUuidv7(rng, sinceMs),
            id,
            tierId,
            enroller.terminalId,
            tierSince,
            encodeHlc({ ms: sinceMs, counter: 0, node: enroller.terminalId }),
          );
        }
      }
    });
    for (let from = 0; from < members; from += BATCH) {
      const to = Math.min(members, from + BATCH);
      insertBatch(from, to);
      if (members >= 200_000) log(`  ${to.toLocaleString('en')} members`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('synchronous = FULL');
    const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
    log(`built ${members.toLocaleString('en')} members in ${(buildMs / 1000).toFixed(1)} s`);
    return {
      seed,
      members,
      schemaVersion: LATEST_VERSION,
      schemaKey: SCHEMA_KEY,
      generatorVersion: GENERATOR_VERSION,
      buildMs,
      terminalNumber: terminal.terminalNumber,
      memberTerminalNumbers: numbers,
    };
  } finally {
    core.close();
  }
}
