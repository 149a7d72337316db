import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Hot statements are prepared once per connection and reused. SQL text is always a constant in
 * the calling module; values are always bound, never spliced in.
 */
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared(db: Database.Database, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
