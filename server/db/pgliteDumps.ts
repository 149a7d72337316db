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
import { z } from 'zod';
import { backupsToKeep, DEFAULT_ROTATION, type RotationPolicy } from '../../shared/backupRotation';
import { createLogger } from '../platform/logger';
import { schemaVersion } from './migrate';
import { openPglite, type PgliteDatabase } from './pglite';

const log = createLogger('dumps');

const DUMP_NAME = /^head-office-[0-9TZ]+\.tar$/;

/** Written beside each dump once a fresh PGlite has loaded it and read it back. */
const dumpManifest = z.strictObject({
  format: z.literal(1),
  file: z.string().regex(DUMP_NAME),
  createdAt: z.iso.datetime(),
  bytes: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  schemaVersion: z.number().int().min(0),
  /** Terminal operations the copy holds. */
  syncOps: z.number().int().min(0),
});
export type DumpManifest = z.infer<typeof dumpManifest>;

const countSyncOps = async (db: Pick<PgliteDatabase, 'query'>): Promise<number> => {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM sync_op');
  return rows[0]?.n ?? 0;
};

/**
 * Head office on PGlite copies its whole data directory (PGlite's dumpDataDir) into `folder`,
 * keeps the copy only once a fresh in-memory PGlite has loaded it and answered with the same
 * schema and the terminal operations the database held, writes a manifest beside it and rotates
 * old copies (7 daily, 4 weekly). PostgreSQL servers use pg_dump and PITR instead (README).
 */
export async function writeVerifiedDump(
  db: PgliteDatabase,
  folder: string,
  now: () => number = Date.now,
  rotation: RotationPolicy = DEFAULT_ROTATION,
): Promise<DumpManifest> {
  mkdirSync(folder, { recursive: true });
  const createdAt = new Date(now()).toISOString();
  const file = `head-office-${createdAt.replace(/[-:.]/g, '')}.tar`;
  const target = path.join(folder, file);
  const partial = `${target}.partial`;
  try {
    const before = await countSyncOps(db);
    const dump = await db.dump();
    const after = await countSyncOps(db);
    const bytes = Buffer.from(await dump.arrayBuffer());
    writeFileSync(partial, bytes, { mode: 0o600 });
    const copy = await openPglite(undefined, { template: new Blob([readFileSync(partial)]) });
    let version: number;
    let syncOps: number;
    try {
      version = await schemaVersion(copy);
      syncOps = await countSyncOps(copy);
    } finally {
      await copy.close();
    }
    if (version !== (await schemaVersion(db)))
      throw new Error(`the copy is at schema ${version}, the database at another`);
    if (syncOps < before || syncOps > after)
      throw new Error(
        `the copy holds ${syncOps} operations, the database held ${before}..${after}`,
      );
    renameSync(partial, target);
    const manifest: DumpManifest = {
      format: 1,
      file,
      createdAt,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      schemaVersion: version,
      syncOps,
    };
    writeFileSync(`${target}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
    });
    rotateDumps(folder, rotation);
    return manifest;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** The verified dumps in a folder, newest first. */
export function listDumps(folder: string): { path: string; manifest: DumpManifest }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => DUMP_NAME.test(name))
    .flatMap((name) => {
      const file = path.join(folder, name);
      try {
        const parsed = dumpManifest.safeParse(
          JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')),
        );
        return parsed.success && parsed.data.file === name
          ? [{ path: file, manifest: parsed.data }]
          : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt));
}

function rotateDumps(folder: string, rotation: RotationPolicy): void {
  const dumps = listDumps(folder);
  const keep = backupsToKeep(
    dumps.map((d) => ({ file: d.path, createdAt: d.manifest.createdAt })),
    rotation,
  );
  for (const dump of dumps) {
    if (keep.has(dump.path)) continue;
    rmSync(`${dump.path}.manifest.json`, { force: true });
    rmSync(dump.path, { force: true });
  }
  const verified = new Set(dumps.map((d) => path.basename(d.path)));
  for (const name of readdirSync(folder)) {
    if (name.endsWith('.partial') || (DUMP_NAME.test(name) && !verified.has(name)))
      rmSync(path.join(folder, name), { force: true });
  }
}

/**
 * Every `everyHours` a verified dump. A plain interval in this process: PGlite is one process's
 * database, so there is no second node to share the job with (the PostgreSQL job queue is for
 * head office on a server). Returns the function that stops it.
 */
export function startPgliteDumps(
  db: PgliteDatabase,
  options: { folder: string; everyHours: number; now?: () => number },
): () => void {
  if (options.everyHours <= 0) return () => undefined;
  let running = false;
  const tick = () => {
    if (running) return;
    const newest = listDumps(options.folder)[0];
    const due = newest ? Date.parse(newest.manifest.createdAt) + options.everyHours * 3_600_000 : 0;
    if ((options.now ?? Date.now)() < due) return;
    running = true;
    writeVerifiedDump(db, options.folder, options.now)
      .then((manifest) => log.info(`dump verified: ${manifest.file}`, { bytes: manifest.bytes }))
      .catch((error: unknown) => log.error('dump failed', { error: String(error) }))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, 10 * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
