import type Database from 'better-sqlite3-multiple-ciphers';
import type { ProgramOwnership } from '../../../shared/domain';
import { defaultProgram, programSchema, type Program } from '../../../shared/program';
import {
  pulledConfig,
  type PulledConfig,
  type TerminalProgramState,
} from '../../../shared/sync/protocol';
import { DomainError } from '../../../shared/result';
import { auditChanges } from '../audit/auditChanges';
import { prepared } from '../db/statements';
import { HEAD_OFFICE, readProgram, readProgramWithVersion, writeProgram } from './programStore';

interface OwnershipRow {
  program_owner: 'terminal' | 'head_office';
  store_overrides: number;
  offered_config: string | null;
  offered_version: number | null;
  proposed_version: number | null;
}

function ownershipRow(db: Database.Database): OwnershipRow {
  const row = prepared(
    db,
    `SELECT program_owner, store_overrides, offered_config, offered_version, proposed_version
     FROM sync_state WHERE id = 1`,
  ).get() as OwnershipRow | undefined;
  return (
    row ?? {
      program_owner: 'terminal',
      store_overrides: 0,
      offered_config: null,
      offered_version: null,
      proposed_version: null,
    }
  );
}

const same = (a: Program, b: Program) => JSON.stringify(a) === JSON.stringify(b);

/** Head office's configuration waiting for the manager, read back like anything from disk. */
function offeredConfig(row: OwnershipRow): PulledConfig | null {
  if (row.offered_config === null) return null;
  const parsed = pulledConfig.safeParse(JSON.parse(row.offered_config));
  return parsed.success ? parsed.data : null;
}

export function programOwnership(db: Database.Database): ProgramOwnership {
  const row = ownershipRow(db);
  const offered = offeredConfig(row);
  return {
    owner: row.program_owner,
    storeOverrides: row.store_overrides === 1,
    offer: offered && {
      version: offered.version,
      updatedAt: offered.updatedAt,
      ...renamed(auditChanges(JSON.stringify(readProgram(db)), JSON.stringify(offered.program))),
    },
    proposedVersion: row.proposed_version,
  };
}

function renamed(changes: ReturnType<typeof auditChanges>) {
  return { ours: changes.before, headOffice: changes.after };
}

/**
 * A configuration pulled from head office. A terminal head office manages takes it as it comes.
 * One with a program of its own takes it only when nothing would be lost (the same program, or
 * the untouched default); otherwise head office's waits for the manager, and the terminal keeps
 * pricing with its own. Returns what the terminal should tell head office, if anything.
 */
export function receiveHeadOfficeConfig(
  db: Database.Database,
  config: PulledConfig,
): 'followed' | 'held' | 'unchanged' {
  const row = ownershipRow(db);
  prepared(db, 'UPDATE sync_state SET store_overrides = ? WHERE id = 1').run(
    config.storeOverrides ? 1 : 0,
  );
  const program = programSchema.safeParse(config.program);
  if (!program.success) return 'unchanged';
  const ours = readProgram(db);
  if (
    row.program_owner === 'terminal' &&
    !same(ours, program.data) &&
    !same(ours, defaultProgram)
  ) {
    prepared(db, 'UPDATE sync_state SET offered_config = ?, offered_version = ? WHERE id = 1').run(
      JSON.stringify(config),
      config.version,
    );
    return 'held';
  }
  prepared(
    db,
    `UPDATE sync_state SET program_owner = 'head_office', offered_config = NULL,
       offered_version = NULL, proposed_version = NULL WHERE id = 1`,
  ).run();
  if (same(ours, program.data)) return row.program_owner === 'terminal' ? 'followed' : 'unchanged';
  writeProgram(db, program.data, HEAD_OFFICE, config.updatedAt);
  return row.program_owner === 'terminal' ? 'followed' : 'unchanged';
}

/** The waiting configuration of `version`, or a clear refusal when it is not (or no longer) there. */
export function requireOffer(db: Database.Database, version: number): PulledConfig {
  const offered = offeredConfig(ownershipRow(db));
  if (!offered || offered.version !== version) {
    throw new DomainError(
      'program_offer_gone',
      "Head office's program has changed since this screen showed it. Look at it again.",
      { field: 'version' },
    );
  }
  return offered;
}

/** Head office's waiting program becomes this terminal's; head office manages it from now on. */
export function adoptOffer(db: Database.Database, offered: PulledConfig, at: string): number {
  const version = writeProgram(db, offered.program, HEAD_OFFICE, at);
  prepared(
    db,
    `UPDATE sync_state SET program_owner = 'head_office', offered_config = NULL,
       offered_version = NULL, proposed_version = NULL WHERE id = 1`,
  ).run();
  return version;
}

/** The terminal keeps its program; head office's stays waiting until its next version. */
export function markProposed(db: Database.Database, version: number): void {
  prepared(
    db,
    'UPDATE sync_state SET proposed_version = ?, offered_config = NULL, offered_version = NULL WHERE id = 1',
  ).run(version);
}

/** A manager's change to a program head office manages is refused unless it allows overrides. */
export function requireProgramEditable(db: Database.Database): void {
  const row = ownershipRow(db);
  if (row.program_owner === 'head_office' && row.store_overrides !== 1) {
    throw new DomainError(
      'program_managed_by_head_office',
      'Head office manages this loyalty program; changes are made there.',
    );
  }
}

/** What the terminal tells head office with its config pulls: whose program it prices with. */
export function programState(db: Database.Database): TerminalProgramState {
  const row = ownershipRow(db);
  const { version, ref } = readProgramWithVersion(db);
  return {
    owner: row.program_owner,
    version,
    headOfficeVersion: ref.source === 'head_office' ? ref.version : null,
    offerWaiting: row.offered_config !== null,
  };
}
