/**
 * A terminal that sold offline for a week and never synced: a ledger with 100,000 pending outbox
 * operations, made through the core's own dispatch (terminal.setup, member.enroll, sale.record
 * with members, tiers and some redemptions), so each operation is exactly what a till writes.
 * Built once per (seed, operations, schema, generator) into .bench-cache/ and reused; each run
 * works on a copy.
 */
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  openSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { LEDGER_FILE, openCore } from '../../../electron/core/core';
import { LATEST_VERSION, migrations } from '../../../electron/core/db/migrate';
import type { SalePreview } from '../../../shared/domain';
import { CACHE_DIR, memberName, randomMobile, Rng, seededUuidv7, setupInput } from '../data';
import { productNames } from '../names';
import { lastOutboxSeq } from '../../../electron/core/sync/pushOutbox';

/** Bump when the generator's output changes, so old caches are not mistaken for new ones. */
export const OUTBOX_GENERATOR_VERSION = 1;

export const OUTBOX_OPS = 100_000;
/** Members enrolled on this terminal before it sold: 2,000 member.enrolled operations. */
const MEMBERS = 2_000;
const SOLD_FROM = Date.UTC(2025, 2, 3, 1, 0, 0);

export interface OutboxMeta {
  seed: number;
  ops: number;
  members: number;
  sales: number;
  redemptions: number;
  buildMs: number;
  schemaVersion: number;
  generatorVersion: number;
}

export interface OutboxDataset {
  dir: string;
  file: string;
  meta: OutboxMeta;
  built: boolean;
}

function progress(message: string): void {
  process.stderr.write(`[bench:sync-data] ${message}\n`);
}

function unwrap<T>(
  what: string,
  result: { ok: boolean; value?: unknown; error?: { message: string } },
): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error?.message ?? 'unknown error'}`);
  return result.value as T;
}

function build(dir: string, seed: number, ops: number): OutboxMeta {
  const started = process.hrtime.bigint();
  let clock = SOLD_FROM;
  const core = openCore({ dataDir: dir, now: () => clock });
  try {
    const rng = new Rng(seed, 7);
    unwrap('terminal.setup', core.dispatch('terminal.setup', setupInput));
    unwrap('shift.open', core.dispatch('shift.open', { floatMinor: 0 }));
    // Bulk build only: durability is pointless for a file we can rebuild. Restored below.
    core.db.pragma('synchronous = OFF');
    const members: string[] = [];
    const phones = new Set<string>();
    while (members.length < MEMBERS) {
      const phone = randomMobile(rng);
      if (phones.has(phone)) continue;
      phones.add(phone);
      clock += rng.range(1_000, 30_000);
      const member = unwrap<{ id: string }>(
        'member.enroll',
        core.dispatch('member.enroll', {
          name: memberName(rng),
          phone,
          marketingConsent: rng.chance(0.6),
        }),
      );
      members.push(member.id);
    }
    let sales = 0;
    let redemptions = 0;
    while (lastOutboxSeq(core.db) < ops) {
      clock += rng.range(1_000, 12_000);
      const memberId = rng.chance(0.9) ? rng.pick(members) : null;
      const lines = Array.from({ length: rng.range(1, 4) }, () => ({
        description: rng.pick(productNames),
        quantity: rng.range(1, 3),
        unitPriceMinor: rng.range(5, 500) * 100 + rng.pick([0, 50, 90]),
      }));
      let redeemPoints = 0;
      if (memberId && rng.chance(0.1)) {
        const preview = unwrap<SalePreview>(
          'sale.preview',
          core.dispatch('sale.preview', { memberId, lines, redeemPoints: 0 }),
        );
        const step = Math.max(1, preview.redeemStep);
        const wanted = Math.floor(preview.maxRedeemablePoints / 2 / step) * step;
        if (wanted >= Math.max(step, preview.minimumRedeemPoints)) redeemPoints = wanted;
      }
      unwrap(
        'sale.record',
        core.dispatch('sale.record', {
          saleId: seededUuidv7(rng, clock),
          memberId,
          lines,
          redeemPoints,
        }),
      );
      sales += 1;
      if (redeemPoints > 0) redemptions += 1;
      if (sales % 20_000 === 0)
        progress(`  ${sales.toLocaleString('en')} sales, ${lastOutboxSeq(core.db)} ops`);
    }
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    core.db.pragma('synchronous = FULL');
    return {
      seed,
      ops: lastOutboxSeq(core.db),
      members: MEMBERS,
      sales,
      redemptions,
      buildMs: Number(process.hrtime.bigint() - started) / 1e6,
      schemaVersion: LATEST_VERSION,
      generatorVersion: OUTBOX_GENERATOR_VERSION,
    };
  } finally {
    core.close();
  }
}

/** The cached ledger with `ops` pending operations, building it first if it is not on disk. */
export function outboxDataset(seed: number, ops = OUTBOX_OPS): OutboxDataset {
  // The schema's text, not only its version: a migration edited in place changes the ledger too.
  const schema = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 8);
  const key = `outbox-s${seed}-n${ops}-v${LATEST_VERSION}-${schema}-g${OUTBOX_GENERATOR_VERSION}`;
  const dir = path.join(CACHE_DIR, key);
  const metaFile = path.join(dir, 'meta.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as OutboxMeta;
    return { dir, file: path.join(dir, LEDGER_FILE), meta, built: false };
  }
  progress(`building a ledger with ${ops.toLocaleString('en')} pending operations in ${dir}`);
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const meta = build(building, seed, ops);
  writeFileSync(path.join(building, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  progress(`built in ${(meta.buildMs / 1000).toFixed(1)} s: ${meta.sales} sales, ${meta.ops} ops`);
  return { dir, file: path.join(dir, LEDGER_FILE), meta, built: true };
}

/** A working copy of the dataset's ledger in `dir` (created), for one run to enroll and sync. */
export function copyDataset(dataset: OutboxDataset, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LEDGER_FILE);
  copyFileSync(dataset.file, file);
  // Flushed now, so the copy's dirty pages do not stall the first fsyncs that are timed.
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
