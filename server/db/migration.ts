/** One numbered schema change (migrate.ts runs them in order, each in its own transaction). */
export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
}
