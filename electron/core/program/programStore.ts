import type Database from 'better-sqlite3';
import { defaultProgram, programSchema, type Program } from '../../../shared/program';
import { committedCache } from '../db/committedCache';
import { prepared } from '../db/statements';

/** The program is read on every sale, so it is cached until it changes (writeProgram). */
const cache = committedCache<{ program: Program; version: number }>();

export function readProgram(db: Database.Database): Program {
  return readProgramWithVersion(db).program;
}

export function readProgramWithVersion(db: Database.Database): {
  program: Program;
  version: number;
} {
  return cache.get(db, () => loadProgram(db));
}

function loadProgram(db: Database.Database): { program: Program; version: number } {
  const row = prepared(db, 'SELECT config, version FROM program WHERE id = 1').get() as
    { config: string; version: number } | undefined;
  // A file read back from disk is unknown until parsed, like any other boundary.
  const parsed = row ? programSchema.safeParse(JSON.parse(row.config)) : null;
  return {
    program: parsed?.success ? parsed.data : defaultProgram,
    version: row?.version ?? 0,
  };
}

export function writeProgram(
  db: Database.Database,
  program: Program,
  staffId: string,
  at: string,
): number {
  const row = prepared(
    db,
    `INSERT INTO program (id, config, version, updated_at, updated_by) VALUES (1, ?, 1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET config = excluded.config, version = program.version + 1,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by
     RETURNING version`,
  ).get(JSON.stringify(program), at, staffId) as { version: number };
  cache.forget(db);
  return row.version;
}
