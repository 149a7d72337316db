import type { Database } from './database';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export type DatabaseLocation =
  { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string; schema?: string };

/** DATABASE_URL wins; otherwise PGlite in HEAD_OFFICE_DATA_DIR (default ./.head-office). */
export function locationFromEnv(env: NodeJS.ProcessEnv): DatabaseLocation {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  return { kind: 'pglite', dataDir: env.HEAD_OFFICE_DATA_DIR?.trim() || './.head-office' };
}

export function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.kind === 'postgres'
    ? openPostgres(location.url, location.schema ? { schema: location.schema } : {})
    : openPglite(location.dataDir);
}

/** For logs and the start banner: never prints a password. */
export function describeLocation(location: DatabaseLocation): string {
  if (location.kind === 'pglite') return `PGlite at ${location.dataDir ?? '(memory)'}`;
  try {
    const url = new URL(location.url);
    return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
