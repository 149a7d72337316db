import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The ledger's append-only tables, as a backup is checked against its source. A row once written
 * never changes, so the source's rows up to the backup's last key are exactly what the backup
 * must hold, however many sales were rung up since: the digest of that prefix is compared on
 * both sides. Table and column names are our own constants, never input.
 */
interface AppendOnlyTable {
  name: string;
  /** The rowid alias that grows with every insert. */
  key: string;
  /** The columns that never change (the outbox's acknowledgement is written later). */
  columns: string;
}

export const appendOnlyTables: readonly AppendOnlyTable[] = [
  { name: 'sale', key: 'sale_no', columns: '*' },
  { name: 'points_entry', key: 'entry_no', columns: '*' },
  {
    name: 'outbox',
    key: 'seq',
    columns: 'seq, op_id, op_type, payload, terminal_id, staff_id, hlc, created_at',
  },
  { name: 'coupon_use', key: 'use_no', columns: '*' },
  { name: 'stored_value_entry', key: 'entry_no', columns: '*' },
  { name: 'tier_change', key: 'change_no', columns: '*' },
  { name: 'audit_log', key: 'audit_no', columns: '*' },
  { name: 'z_report', key: 'report_no', columns: '*' },
  { name: 'connectivity_change', key: 'change_no', columns: '*' },
];

export interface TableDigest {
  /** Rows up to and including `lastKey`. */
  rows: number;
  lastKey: number;
  /** SHA-256 of those rows in key order. */
  sha256: string;
}

const PAGE = 2000;

/** The highest key of each append-only table: where a backup's copy of it ends. */
export function lastKeys(db: Database.Database): Record<string, number> {
  const keys: Record<string, number> = {};
  for (const table of appendOnlyTables) {
    const row = db
      .prepare(`SELECT coalesce(max(${table.key}), 0) AS last FROM ${table.name}`)
      .get() as { last: number };
    keys[table.name] = row.last;
  }
  return keys;
}

/**
 * Digests of the append-only tables up to `upTo` (each table's last key), a page at a time with
 * `pause` between pages, so a big ledger's digest never holds a sale for long.
 */
export async function digestAppendOnly(
  db: Database.Database,
  upTo: Record<string, number>,
  pause: () => Promise<void>,
): Promise<Record<string, TableDigest>> {
  const digests: Record<string, TableDigest> = {};
  for (const table of appendOnlyTables) {
    const lastKey = upTo[table.name] ?? 0;
    const page = db.prepare(
      `SELECT ${table.columns} FROM ${table.name} WHERE ${table.key} > ? AND ${table.key} <= ?
       ORDER BY ${table.key} LIMIT ${PAGE}`,
    );
    const hash = createHash('sha256');
    let rows = 0;
    let after = 0;
    for (;;) {
      const batch = page.all(after, lastKey) as Record<string, unknown>[];
      for (const row of batch) hash.update(`${canonicalRow(row)}\n`);
      rows += batch.length;
      const last = batch.at(-1);
      if (!last || batch.length < PAGE) break;
      after = last[table.key] as number;
      await pause();
    }
    digests[table.name] = { rows, lastKey, sha256: hash.digest('hex') };
  }
  return digests;
}

/** A row as text that only its values decide (blobs as hex, column order as selected). */
function canonicalRow(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.values(row).map((value) => (Buffer.isBuffer(value) ? value.toString('hex') : value)),
  );
}

/** How many rows each table of the ledger holds (the FTS index's shadow tables aside). */
export function rowCounts(db: Database.Database): Record<string, number> {
  const tables = (db.prepare('PRAGMA main.table_list').all() as { name: string; type: string }[])
    .filter((t) => t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  const counts: Record<string, number> = {};
  for (const name of tables) {
    // Names come from the database's own catalogue, never from input.
    const row = db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as {
      n: number;
    };
    counts[name] = row.n;
  }
  return counts;
}
