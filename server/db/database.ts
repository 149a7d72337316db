/**
 * The one database interface head office uses. Two implementations speak the same SQL:
 * PGlite (PostgreSQL compiled to WebAssembly, in-process) and node-postgres against a server.
 *
 * Values come back normalised the same way from both: int8 as a JS number (sums are cast to
 * int8 in SQL; every figure here stays far below 2^53), timestamptz as a Date, jsonb parsed.
 * Pass jsonb parameters as JSON text with an explicit `::jsonb` cast.
 */
export interface Queryable {
  query<T>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters: migrations only. */
  exec(sql: string): Promise<void>;
}

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  isolation?: Isolation;
  readOnly?: boolean;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Inside, use only `tx`: on PGlite the outer handle waits for the transaction to end.
   * On PostgreSQL a deadlock or serialization failure re-runs `work`, so it must not keep
   * state outside its own closure.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** The statement that opens a transaction; the values are our own constants, never input. */
export function transactionMode(options: TransactionOptions = {}): string {
  const parts = [`ISOLATION LEVEL ${(options.isolation ?? 'read committed').toUpperCase()}`];
  if (options.readOnly) parts.push('READ ONLY');
  return parts.join(' ');
}
