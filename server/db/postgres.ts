import pg from 'pg';
import { createLogger } from '../platform/logger';
import {
  transactionMode,
  type Database,
  type Queryable,
  type Transaction,
  type TransactionOptions,
} from './database';

const log = createLogger('postgres');

const INT8_OID = 20;

function int8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value out of JS safe range: ${value}`);
  return n;
}

/** int8 as a number, like PGlite; everything else as node-postgres parses it. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary'
      ? int8
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Worth re-running: the database chose this transaction as the victim, nothing was wrong with it. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export interface PostgresOptions {
  /** Use this schema (created if missing) instead of public: tests isolate runs this way. */
  schema?: string;
  maxConnections?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error(`not a plain schema name: ${options.schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types: typeParsers,
    // A query issued before the last one is answered goes out at once (transaction() sends BEGIN
    // with the first statement this way); awaited one by one, queries run exactly as without.
    pipeline: true,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on('error', (error) => log.warn('idle connection failed', error));
  if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  const outer = wrap(pool);
  return {
    kind: 'postgres',
    query: outer.query,
    exec: outer.exec,
    async transaction<T>(work: (tx: Transaction) => Promise<T>, txOptions?: TransactionOptions) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let release: boolean | Error = false;
        let committed = false;
        try {
          // Pipelined: BEGIN goes out with the work's first statement, one round trip for both
          // (a push pays for every round trip while it holds the terminal's lock). Its answer is
          // awaited before COMMIT; it can only fail with the connection, which fails the rest too.
          const begun = client.query(`BEGIN ${transactionMode(txOptions)}`);
          begun.catch(() => undefined);
          const inner = wrap(client);
          let ended = false;
          const open = () => {
            if (ended) throw new Error("queried after the transaction's last statement");
          };
          const tx: Transaction = {
            query<R>(sql: string, params?: readonly unknown[]) {
              open();
              return inner.query<R>(sql, params);
            },
            exec(sql: string) {
              open();
              return inner.exec(sql);
            },
            // The last statement and COMMIT in one round trip. If the statement fails, the
            // server answers that COMMIT with a rollback; its error is what is thrown.
            async queryAndCommit<R>(sql: string, params: readonly unknown[] = []) {
              open();
              ended = true;
              const last = client.query(sql, [...params]);
              const commit = client.query('COMMIT');
              last.catch(() => undefined);
              commit.catch(() => undefined);
              const settled = await Promise.allSettled([begun, last, commit]);
              for (const outcome of settled) {
                if (outcome.status === 'rejected') throw outcome.reason;
              }
              committed = true;
              return { rows: (await last).rows as R[] };
            },
          };
          const result = await work(tx);
          await begun;
          if (!committed) await client.query('COMMIT');
          return result;
        } catch (error) {
          if (!committed) {
            try {
              await client.query('ROLLBACK');
            } catch (rollbackError) {
              // A connection that cannot roll back is broken: drop it from the pool.
              release =
                rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
            }
          }
          const code = (error as { code?: unknown }).code;
          if (
            !committed &&
            typeof code === 'string' &&
            RETRYABLE.has(code) &&
            attempt < MAX_ATTEMPTS
          ) {
            log.warn(`transaction re-run after ${code} (attempt ${attempt})`);
            continue;
          }
          throw error;
        } finally {
          client.release(release);
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}
