import { PGlite, types } from '@electric-sql/pglite';
import { createLogger } from '../platform/logger';
import {
  transactionMode,
  type Database,
  type Queryable,
  type Transaction,
  type TransactionOptions,
} from './database';

const log = createLogger('pglite');

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function int8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value out of JS safe range: ${value}`);
  return n;
}

function wrap(handle: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await handle.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await handle.exec(sql);
    },
  };
}

export interface PgliteDatabase extends Database {
  /** The whole data directory as a tarball, to start other instances from (tests). */
  dump(): Promise<Blob>;
}

/**
 * PGlite in `dataDir`, or in memory when `dataDir` is undefined; `template` starts it from a
 * dump instead of running initdb. It is one connection: its transactions run one at a time,
 * which is also what the push path needs.
 */
export async function openPglite(
  dataDir?: string,
  options: { template?: Blob } = {},
): Promise<PgliteDatabase> {
  const started = Date.now();
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.template ? { loadDataDir: options.template } : {}),
    parsers: { [types.INT8]: int8 },
  });
  log.debug(`opened ${dataDir ?? 'in-memory database'} in ${Date.now() - started} ms`);
  const outer = wrap(pg);
  return {
    kind: 'pglite',
    query: outer.query,
    exec: outer.exec,
    transaction<T>(work: (tx: Transaction) => Promise<T>, options?: TransactionOptions) {
      return pg.transaction(async (tx) => {
        await tx.query(`SET TRANSACTION ${transactionMode(options)}`);
        const inner = wrap(tx);
        // In-process, a round trip costs nothing: the last statement runs as any other, and
        // PGlite commits when the work returns.
        return work({ ...inner, queryAndCommit: inner.query });
      });
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
    async dump() {
      const dumped = await pg.dumpDataDir('none');
      return dumped;
    },
  };
}
