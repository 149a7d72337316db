/**
 * Head office's PGlite for the crash run, in the run's temp directory. A fresh initdb plus the
 * migrations costs seconds, so the first run dumps a migrated data directory into the OS temp
 * directory (keyed by the PGlite version and the migrations) and later runs start from it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrate, migrations } from '../../server/db/migrate';
import { openPglite, type PgliteDatabase } from '../../server/db/pglite';

function templateFile(): string {
  const pglite = JSON.parse(
    readFileSync(
      path.join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'),
      'utf8',
    ),
  ) as { version: string };
  const key = createHash('sha256')
    .update(pglite.version)
    .update(JSON.stringify(migrations))
    .digest('hex')
    .slice(0, 16);
  return path.join(os.tmpdir(), `crash-head-office-${key}.tar`);
}

async function template(): Promise<Blob> {
  const file = templateFile();
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const db = await openPglite();
    await migrate(db);
    const dump = await db.dump();
    await db.close();
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

/** A migrated PGlite in `dataDir`. */
export async function openHeadOfficeDb(dataDir: string): Promise<PgliteDatabase> {
  return openPglite(dataDir, { template: await template() });
}
