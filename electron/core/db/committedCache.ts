import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * One value per connection, read from rows that only this process writes (the terminal row, the
 * program, the open shift), so the hot path need not read them on every sale. Every function that
 * writes those rows calls `forget` in the same process.
 *
 * Only committed state is ever kept. A value read after `forget` inside the same transaction may
 * be rolled back, so until that transaction has ended it is returned but not kept. Transactions
 * here are synchronous (better-sqlite3), so by the time a queued microtask runs the writer's
 * transaction has committed or rolled back, and the next read keeps what the ledger then holds.
 * Null (no such row yet) is never kept: the row may be written by setup outside these stores.
 */
export interface CommittedCache<T> {
  get(db: Database.Database, load: () => T): T;
  forget(db: Database.Database): void;
}

export function committedCache<T>(): CommittedCache<T> {
  const values = new WeakMap<Database.Database, { value: T }>();
  const unsettled = new WeakSet<Database.Database>();
  return {
    get(db, load) {
      const hit = values.get(db);
      if (hit) return hit.value;
      const value = load();
      if (value !== null && !unsettled.has(db)) values.set(db, { value });
      return value;
    },
    forget(db) {
      values.delete(db);
      if (db.inTransaction && !unsettled.has(db)) {
        unsettled.add(db);
        queueMicrotask(() => unsettled.delete(db));
      }
    },
  };
}
