import { defaultProgram, programSchema, type Program } from '../../shared/program';
import type { ProgramRef } from '../../shared/sync/operations';
import type { Queryable } from '../db/database';

/**
 * The program a terminal priced a sale with, found in head office's history: a version of the
 * chain's configuration (program_config_version), or one a store manager set on that terminal
 * (terminal_program, from its `program.updated` operations). Versions never change once written,
 * so a parsed program is kept in memory: a cache, never shared state (every node builds its own).
 */
const cache = new Map<string, Program | null>();
const CACHE_LIMIT = 500;

function remember(key: string, program: Program | null): Program | null {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, program);
  return program;
}

function parsed(data: unknown): Program | null {
  const result = programSchema.safeParse(data);
  return result.success ? result.data : null;
}

/** The program of `ref`, or null when head office has no such version. */
export async function programOf(
  tx: Queryable,
  terminalId: string,
  ref: ProgramRef,
): Promise<Program | null> {
  const key = ref.source === 'head_office' ? `ho:${ref.version}` : `t:${terminalId}:${ref.version}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (ref.source === 'head_office') {
    const { rows } = await tx.query<{ data: { program?: unknown } }>(
      'SELECT data FROM program_config_version WHERE version = $1',
      [ref.version],
    );
    return rows[0] ? remember(key, parsed(rows[0].data.program)) : null;
  }
  const { rows } = await tx.query<{ program: unknown }>(
    'SELECT program FROM terminal_program WHERE terminal_id = $1 AND version = $2',
    [terminalId, ref.version],
  );
  return rows[0] ? remember(key, parsed(rows[0].program)) : null;
}

/**
 * The program to judge a sale by when its terminal did not name one (an older terminal) or named
 * one head office does not have: the chain's current configuration.
 */
export async function currentChainProgram(tx: Queryable): Promise<Program> {
  const { rows } = await tx.query<{ data: { program?: unknown } }>(
    'SELECT data FROM program_config WHERE id = 1',
  );
  return parsed(rows[0]?.data.program) ?? defaultProgram;
}

/** Keeps a version a terminal's manager set, for pricing that terminal's sales again. */
export async function recordTerminalProgramVersion(
  tx: Queryable,
  terminalId: string,
  version: number,
  program: unknown,
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO terminal_program (terminal_id, version, program, recorded_at)
     VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT DO NOTHING`,
    [terminalId, version, JSON.stringify(program ?? null), at],
  );
}
