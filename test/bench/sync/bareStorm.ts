/**
 * The raw limit for a reconnect storm: every row head office wrote for the storm's pushes,
 * written again with bare node-postgres into an empty, freshly migrated schema (same tables,
 * indexes, constraints and triggers), on the same schedule: each terminal starts at the moment
 * it reconnected in the storm and writes its batches one after another, one transaction each
 * (one multi-row INSERT per table, the balances upserted, the stream counters and the
 * terminal's mark moved last), on as many connections as head office had. No HTTP, no parsing,
 * no per-operation round trips, no checks.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { migrate } from '../../../server/db/migrate';
import { openPostgres } from '../../../server/db/postgres';
import { elapsedMs, Sample } from '../stats';

const timedTables = [
  { table: 'sync_op', at: 'received_at', terminal: 'terminal_id' },
  { table: 'sale', at: 'recorded_at', terminal: 'terminal_id' },
  { table: 'points_entry', at: 'recorded_at', terminal: 'terminal_id' },
] as const;

interface Batch {
  terminalId: string;
  at: number;
  rows: Map<string, string[]>;
  changes: string[];
  balances: Map<string, { member_id: string; points: number; updated_at: string }>;
  counters: Map<string, number>;
  highWaterMark: number;
}

export interface BareStormResult {
  /** From the first terminal's start to the last batch's commit. */
  totalMs: number;
  ops: number;
  rows: number;
  batches: Sample;
}

/**
 * `startOffsetMs` is each terminal's reconnect moment after the storm began; rows written at or
 * after `since` are the storm's. `connections` bare clients write at once.
 */
export async function bareStormInsert(
  url: string,
  sourceSchema: string,
  options: { since: Date; startOffsetMs: ReadonlyMap<string, number>; connections: number },
): Promise<BareStormResult> {
  const target = `bench_bare_${process.pid}_${randomBytes(3).toString('hex')}`;
  const setup = await openPostgres(url, { schema: target, maxConnections: 1 });
  const pool = new pg.Pool({
    connectionString: url,
    max: options.connections,
    options: `-c search_path=${target}`,
  });
  try {
    await migrate(setup);
    // What the storm's rows point at, copied first and untimed: the chain as it was before.
    for (const table of ['store', 'terminal', 'member', 'member_balance']) {
      await setup.query(`INSERT INTO ${table} SELECT * FROM ${sourceSchema}.${table}`);
    }
    await setup.query('UPDATE terminal SET high_water_mark = 0');

    const batches = new Map<string, Batch>();
    const byAt = new Map<number, Batch>();
    const batchOf = (terminalId: string, at: Date): Batch => {
      const key = `${terminalId}:${at.getTime()}`;
      let batch = batches.get(key);
      if (!batch) {
        batch = {
          terminalId,
          at: at.getTime(),
          rows: new Map(),
          changes: [],
          balances: new Map(),
          counters: new Map(),
          highWaterMark: 0,
        };
        batches.set(key, batch);
        byAt.set(at.getTime(), batch);
      }
      return batch;
    };
    let rowCount = 0;
    let ops = 0;
    for (const { table, at, terminal } of timedTables) {
      // Names are this module's constants, never input.
      const { rows } = await setup.query<{ t: string; j: string; seq: number | null; at: Date }>(
        `SELECT ${terminal} AS t, row_to_json(x)::text AS j,
           ${table === 'sync_op' ? 'seq' : 'NULL::int8'} AS seq, ${at} AS at
         FROM ${sourceSchema}.${table} x WHERE ${at} >= $1`,
        [options.since.toISOString()],
      );
      for (const row of rows) {
        const batch = batchOf(row.t, row.at);
        const list = batch.rows.get(table) ?? [];
        list.push(row.j);
        batch.rows.set(table, list);
        rowCount += 1;
        if (row.seq !== null) {
          ops += 1;
          batch.highWaterMark = Math.max(batch.highWaterMark, row.seq);
        }
      }
    }
    // Stream changes carry no terminal: each goes with a batch committed at the same moment.
    const { rows: changes } = await setup.query<{
      j: string;
      seq: number;
      stream: string;
      data: { memberId?: string; points?: number } | null;
      at: Date;
    }>(
      `SELECT row_to_json(c)::text AS j, seq, stream, data, recorded_at AS at
       FROM ${sourceSchema}.change_log c WHERE recorded_at >= $1`,
      [options.since.toISOString()],
    );
    for (const change of changes) {
      const batch = byAt.get(change.at.getTime());
      if (!batch) continue;
      batch.changes.push(change.j);
      rowCount += 1;
      batch.counters.set(
        change.stream,
        Math.max(batch.counters.get(change.stream) ?? 0, change.seq),
      );
      if (change.stream === 'balances' && change.data?.memberId !== undefined) {
        batch.balances.set(change.data.memberId, {
          member_id: change.data.memberId,
          points: change.data.points ?? 0,
          updated_at: change.at.toISOString(),
        });
      }
    }

    const perTerminal = new Map<string, Batch[]>();
    for (const batch of batches.values()) {
      const list = perTerminal.get(batch.terminalId) ?? [];
      list.push(batch);
      perTerminal.set(batch.terminalId, list);
    }
    const sample = new Sample(batches.size);
    const write = async (batch: Batch) => {
      const client = await pool.connect();
      const begun = process.hrtime.bigint();
      try {
        await client.query('BEGIN');
        for (const { table } of timedTables) {
          const rows = batch.rows.get(table);
          if (!rows?.length) continue;
          await client.query(
            `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`,
            [`[${rows.join(',')}]`],
          );
        }
        if (batch.changes.length > 0) {
          await client.query(
            'INSERT INTO change_log SELECT * FROM json_populate_recordset(NULL::change_log, $1::json)',
            [`[${batch.changes.join(',')}]`],
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
        await client.query(
          'UPDATE terminal SET high_water_mark = $2, last_seen_at = now() WHERE id = $1',
          [batch.terminalId, batch.highWaterMark],
        );
        for (const [stream, seq] of [...batch.counters].sort()) {
          await client.query(
            'UPDATE stream_counter SET seq = greatest(seq, $2) WHERE stream = $1',
            [stream, seq],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
      sample.add(elapsedMs(begun));
    };

    const started = process.hrtime.bigint();
    await Promise.all(
      [...perTerminal].map(async ([terminalId, list]) => {
        const wait = (options.startOffsetMs.get(terminalId) ?? 0) - elapsedMs(started);
        if (wait > 0) await sleep(wait);
        for (const batch of list.sort((a, b) => a.at - b.at)) await write(batch);
      }),
    );
    const totalMs = elapsedMs(started);
    sample.addRound(ops, totalMs);
    return { totalMs, ops, rows: rowCount, batches: sample };
  } finally {
    await pool.end();
    await setup.query(`DROP SCHEMA IF EXISTS ${target} CASCADE`);
    await setup.close();
  }
}
