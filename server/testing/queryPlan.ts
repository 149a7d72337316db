import type { Database, Queryable } from '../db/database';

/** Thrown to roll back the transaction a plan was read in. */
class RolledBack extends Error {}

/**
 * The plan PostgreSQL would use for `sql`, with sequential scans off, the `without` indexes
 * dropped and the `seed` statements run first, all rolled back after. Test databases are nearly
 * empty: what a test can check is that a statement's shape can use its index (a bound or a
 * partial index's predicate that drifted would silently never use it), not the planner's choice
 * on ten rows. Index names and seed statements are the test's own constants, not input.
 */
export async function queryPlan(
  db: Database,
  sql: string,
  values: unknown[],
  options: { without?: readonly string[]; seed?: readonly string[] } = {},
): Promise<string> {
  let text = '';
  await db
    .transaction(async (tx: Queryable) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      for (const index of options.without ?? []) await tx.exec(`DROP INDEX ${index}`);
      for (const statement of options.seed ?? []) await tx.query(statement);
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
      text = rows.map((row) => row['QUERY PLAN']).join('\n');
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return text;
}
