import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * SQLite's plan for `sql`, its steps joined by " | ". Positional parameters are bound to 'x' and
 * named ones to `params`; the plan does not depend on the values.
 */
export function sqlitePlan(
  db: Database.Database,
  sql: string,
  params: Record<string, unknown> | null = null,
): string {
  const positional = (sql.match(/\?/g) ?? []).map(() => 'x');
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (params ? statement.all(params) : statement.all(...positional)) as {
    detail: string;
  }[];
  return rows.map((row) => row.detail).join(' | ');
}
