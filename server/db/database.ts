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

/** Inside a transaction: a Queryable that can also end the transaction with its last statement. */
export interface Transaction extends Queryable {
  /**
   * The transaction's last statement, committed with it: on PostgreSQL it goes out with COMMIT
   * in one round trip (pipelined), so a short transaction pays one wait fewer. Resolves once
   * committed. If the statement fails, nothing is committed and it throws as `query` would
   * (the transaction then rolls back, or re-runs on a deadlock or serialization failure).
   * Nothing may be queried after it: the work must return.
   */
  queryAndCommit<T>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
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
  transaction<T>(work: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** The statement that opens a transaction; the values are our own constants, never input. */
export function transactionMode(options: TransactionOptions = {}): string {
  const parts = [`ISOLATION LEVEL ${(options.isolation ?? 'read committed').toUpperCase()}`];
  if (options.readOnly) parts.push('READ ONLY');
  return parts.join(' ');
}

/**
 * Awaits statements sent one after another without waiting (pipelined on PostgreSQL: they go out
 * together and run in the order sent). Throws the first failure in that order: the statements
 * after it fail only because the transaction is already aborted.
 */
export async function inSentOrder<T extends readonly unknown[]>(
  ...sent: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(sent);
  const values: unknown[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    values.push(outcome.value);
  }
  return values as unknown as T;
}
