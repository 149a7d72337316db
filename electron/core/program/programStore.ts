import type Database from 'better-sqlite3-multiple-ciphers';
import { defaultProgram, programSchema, type Program } from '../../../shared/program';
import type { ProgramRef } from '../../../shared/sync/operations';
import { committedCache } from '../db/committedCache';
import { prepared } from '../db/statements';

/** The program is read on every sale, so it is cached until it changes (writeProgram). */
const cache = committedCache<{ program: Program; version: number; ref: ProgramRef }>();

export function readProgram(db: Database.Database): Program {
  return readProgramWithVersion(db).program;
}

export function readProgramWithVersion(db: Database.Database): {
  program: Program;
  version: number;
  /** How head office finds this version: its own configuration, or this terminal's. */
  ref: ProgramRef;
} {
  return cache.get(db, () => loadProgram(db));
}

/** The version of the program a sale is priced with, as head office knows it. */
export function programRefOf(db: Database.Database): ProgramRef {
  return readProgramWithVersion(db).ref;
}

function loadProgram(db: Database.Database): {
  program: Program;
  version: number;
  ref: ProgramRef;
} {
  const row = prepared(
    db,
    `SELECT p.config, p.version, p.updated_by, s.config_version
     FROM program p LEFT JOIN sync_state s ON s.id = 1 WHERE p.id = 1`,
  ).get() as
    | { config: string; version: number; updated_by: string; config_version: number | null }
    | undefined;
  // A file read back from disk is unknown until parsed, like any other boundary.
  const parsed = row ? programSchema.safeParse(JSON.parse(row.config)) : null;
  const version = row?.version ?? 0;
  return {
    program: parsed?.success ? parsed.data : defaultProgram,
    version,
    ref:
      row?.updated_by === HEAD_OFFICE && row.config_version !== null
        ? { source: 'head_office', version: row.config_version }
        : { source: 'terminal', version },
  };
}

/** Who wrote a program pulled from head office (program.updated_by). */
export const HEAD_OFFICE = 'head-office';

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
