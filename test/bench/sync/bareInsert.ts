/**
 * The raw limit for a push: the rows head office ended up writing for one terminal's drain,
 * written again with bare node-postgres into an empty, freshly migrated schema (same tables,
 * same indexes and constraints): one transaction per push batch, one multi-row INSERT per table
 * (json_populate_recordset), the balances upserted, the stream counters and the terminal's mark
 * updated. No HTTP, no parsing of operations, no per-operation round trips.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../../server/db/migrate';
import { openPostgres } from '../../../server/db/postgres';
import { elapsedMs, Sample } from '../stats';

/** Tables a push writes, each with the column holding the push's time (its batch). */
const pushTables = [
  { table: 'sync_op', at: 'received_at' },
  { table: 'member', at: 'arrived_at' },
  { table: 'points_entry', at: 'recorded_at' },
  { table: 'sale', at: 'recorded_at' },
  { table: 'change_log', at: 'recorded_at' },
] as const;

interface Batch {
  rows: Map<string, string[]>;
  balances: Map<string, { member_id: string; points: number; updated_at: string }>;
  counters: Map<string, number>;
  highWaterMark: number;
}

export interface BareResult {
  batches: Sample;
  totalMs: number;
  rows: number;
}

/**
 * Reads what head office wrote in `sourceSchema` for `terminalId`, then times writing it again
 * into a new schema. The new schema is dropped afterwards.
 */
export async function bareBatchInsert(
  url: string,
  sourceSchema: string,
  terminalId: string,
): Promise<BareResult> {
  const target = `bench_bare_${process.pid}_${randomBytes(3).toString('hex')}`;
  const setup = await openPostgres(url, { schema: target, maxConnections: 1 });
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${target}` });
  await client.connect();
  try {
    await migrate(setup);
    // Foreign keys point at the store and the terminal: copied first, untimed.
    for (const table of ['store', 'terminal']) {
      await client.query(
        `INSERT INTO ${table} SELECT * FROM ${sourceSchema}.${table}
         ON CONFLICT DO NOTHING`,
      );
    }
    await client.query('UPDATE terminal SET high_water_mark = 0');

    const batches = new Map<number, Batch>();
    const batchAt = (key: number): Batch => {
      let batch = batches.get(key);
      if (!batch) {
        batch = { rows: new Map(), balances: new Map(), counters: new Map(), highWaterMark: 0 };
        batches.set(key, batch);
      }
      return batch;
    };
    let rowCount = 0;
    for (const { table, at } of pushTables) {
      // Names are this module's constants, never input.
      const { rows } = await client.query<{
        k: string;
        j: string;
        seq: string | null;
        stream: string | null;
        data: { memberId?: string; points?: number } | null;
        at: Date;
      }>(
        `SELECT (extract(epoch FROM ${at}) * 1000)::int8 AS k, row_to_json(t)::text AS j,
           ${table === 'sync_op' || table === 'change_log' ? 'seq' : 'NULL'} AS seq,
           ${table === 'change_log' ? 'stream' : 'NULL'} AS stream,
           ${table === 'change_log' ? 'data' : 'NULL::jsonb'} AS data, ${at} AS at
         FROM ${sourceSchema}.${table} t
         ${table === 'change_log' ? '' : `WHERE ${table === 'member' ? 'enrolled_terminal_id' : 'terminal_id'} = $1`}
         ORDER BY ${at}`,
        table === 'change_log' ? [] : [terminalId],
      );
      for (const row of rows) {
        const batch = batchAt(Number(row.k));
        const list = batch.rows.get(table) ?? [];
        list.push(row.j);
        batch.rows.set(table, list);
        rowCount += 1;
        if (table === 'sync_op')
          batch.highWaterMark = Math.max(batch.highWaterMark, Number(row.seq));
        if (table === 'change_log' && row.stream) {
          batch.counters.set(
            row.stream,
            Math.max(batch.counters.get(row.stream) ?? 0, Number(row.seq)),
          );
          if (row.stream === 'balances' && row.data?.memberId !== undefined) {
            batch.balances.set(row.data.memberId, {
              member_id: row.data.memberId,
              points: row.data.points ?? 0,
              updated_at: row.at.toISOString(),
            });
          }
        }
      }
    }

    const sample = new Sample(batches.size);
    const started = process.hrtime.bigint();
    for (const key of [...batches.keys()].sort((a, b) => a - b)) {
      const batch = batches.get(key) as Batch;
      const batchStart = process.hrtime.bigint();
      await client.query('BEGIN');
      for (const { table } of pushTables) {
        const rows = batch.rows.get(table);
        if (!rows?.length) continue;
        await client.query(
          `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`,
          [`[${rows.join(',')}]`],
        );
      }
      if (batch.balances.size > 0) {
        await client.query(
          `INSERT INTO member_balance
           SELECT * FROM json_populate_recordset(NULL::member_balance, $1::json)
           ON CONFLICT (member_id) DO UPDATE
             SET points = EXCLUDED.points, updated_at = EXCLUDED.updated_at`,
          [JSON.stringify([...batch.balances.values()])],
        );
      }
      for (const [stream, seq] of batch.counters) {
        await client.query('UPDATE stream_counter SET seq = $2 WHERE stream = $1', [stream, seq]);
      }
      await client.query('UPDATE terminal SET high_water_mark = $1, last_seen_at = now()', [
        batch.highWaterMark,
      ]);
      await client.query('COMMIT');
      sample.add(elapsedMs(batchStart));
    }
    const totalMs = elapsedMs(started);
    sample.addRound(1, totalMs);
    return { batches: sample, totalMs, rows: rowCount };
  } finally {
    await client.end();
    await setup.query(`DROP SCHEMA IF EXISTS ${target} CASCADE`);
    await setup.close();
  }
}
