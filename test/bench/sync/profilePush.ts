/**
 * `npx tsx test/bench/sync/profilePush.ts [--ops N] [--seed N] [--batch N] [--skip N]`: where a
 * push's time goes. `--skip N` pushes the first N operations untimed first (in the worker's
 * batches), so `--skip 4000 --ops 500 --batch 1` profiles 1-operation pushes of sales. `--batch 1` shows a push's fixed cost (push_fixed_cost); up to 4,000 operations come from
 * the small dataset (2,000 enrollments, then sales).
 * Head office runs in this process on the PostgreSQL server (fresh schema, dropped after) with
 * every query timed by statement, and the first N operations of the sync dataset are pushed
 * through `headOffice.push` in the worker's batches (no HTTP). Prints, per statement, calls per
 * operation and time, then the time outside queries (parsing, JSON, JavaScript).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../../../electron/core/core';
import { applyPushResponse, nextPushBatch } from '../../../electron/core/sync/pushOutbox';
import { PUSH_BATCH } from '../../../electron/core/sync/syncWorker';
import type { Database, Queryable } from '../../../server/db/database';
import { openPostgres } from '../../../server/db/postgres';
import { createHeadOffice } from '../../../server/headOffice';
import { pushRequest, SYNC_PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { CACHE_DIR } from '../data';
import { elapsedMs } from '../stats';
import { PG_URL } from './headOffice';
import { copyDataset, outboxDataset } from './outboxData';

interface Tally {
  calls: number;
  ms: number;
}

/** A statement's first words, with whitespace folded: enough to tell the statements apart. */
function label(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().slice(0, 90);
}

function instrument(db: Database, tallies: Map<string, Tally>): Database {
  const timed = (q: Queryable): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const start = process.hrtime.bigint();
      try {
        return await q.query<T>(sql, params);
      } finally {
        const key = label(sql);
        const tally = tallies.get(key) ?? { calls: 0, ms: 0 };
        tally.calls += 1;
        tally.ms += elapsedMs(start);
        tallies.set(key, tally);
      }
    },
    exec: (sql) => q.exec(sql),
  });
  const outer = timed(db);
  return {
    kind: db.kind,
    query: outer.query,
    exec: outer.exec,
    transaction: (work, options) =>
      db.transaction(async (tx) => {
        const start = process.hrtime.bigint();
        try {
          return await work({
            ...timed(tx),
            queryAndCommit: timed({ query: tx.queryAndCommit, exec: tx.exec }).query,
          });
        } finally {
          const tally = tallies.get('(transaction body)') ?? { calls: 0, ms: 0 };
          tally.calls += 1;
          tally.ms += elapsedMs(start);
          tallies.set('(transaction body)', tally);
        }
      }, options),
    close: () => db.close(),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ops: { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      skip: { type: 'string' },
    },
    strict: true,
  });
  process.env.LOYALTY_LOG ??= 'warn';
  const limit = Number(values.ops ?? 20_000);
  const batchSize = Number(values.batch ?? PUSH_BATCH);
  const skip = Number(values.skip ?? 0);
  const dataset = outboxDataset(
    Number(values.seed ?? 42),
    limit + skip <= 8_000 ? 8_000 : undefined,
  );
  const work = path.join(CACHE_DIR, `run-profile-push-${process.pid}`);
  copyDataset(dataset, work);
  const schema = `bench_profile_${process.pid}_${randomBytes(3).toString('hex')}`;
  const raw = await openPostgres(PG_URL, { schema });
  const tallies = new Map<string, Tally>();
  const core = openCore({ dataDir: work });
  try {
    const headOffice = await createHeadOffice(instrument(raw, tallies));
    const store = await headOffice.admin.createStore('profile', { name: 'Profile' });
    if (!store.ok) throw new Error(store.error.message);
    const code = await headOffice.admin.createEnrollmentCode('profile', store.value.id, {});
    if (!code.ok) throw new Error(code.error.message);
    const enrolled = await headOffice.enroll({
      code: code.value.code,
      terminalName: 'Profile till',
      appVersion: '0.1.0',
    });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    const auth = {
      terminalId: enrolled.value.terminalId,
      storeId: enrolled.value.storeId,
      terminalNumber: enrolled.value.terminalNumber,
    };
    for (let skipped = 0; skipped < skip;) {
      const operations = nextPushBatch(core.db, Math.min(PUSH_BATCH, skip - skipped));
      if (operations.length === 0) break;
      const body = { protocol: SYNC_PROTOCOL_VERSION, terminalId: auth.terminalId, operations };
      const answer = await headOffice.push(auth, body);
      if (!answer.ok) throw new Error(answer.error.message);
      applyPushResponse(core.db, answer.value, new Date().toISOString());
      skipped += operations.length;
    }
    tallies.clear();

    let pushed = 0;
    let pushMs = 0;
    let parseMs = 0;
    let bodyBytes = 0;
    while (pushed < limit) {
      const operations = nextPushBatch(core.db, Math.min(batchSize, limit - pushed));
      if (operations.length === 0) break;
      const body = { protocol: SYNC_PROTOCOL_VERSION, terminalId: auth.terminalId, operations };
      // What the HTTP layer does before push: the body arrives as JSON text.
      const text = JSON.stringify(body);
      bodyBytes += text.length;
      const parseStart = process.hrtime.bigint();
      const parsedBody: unknown = JSON.parse(text);
      pushRequest.parse(parsedBody);
      parseMs += elapsedMs(parseStart);
      const start = process.hrtime.bigint();
      const answer = await headOffice.push(auth, parsedBody);
      pushMs += elapsedMs(start);
      if (!answer.ok) throw new Error(answer.error.message);
      applyPushResponse(core.db, answer.value, new Date().toISOString());
      pushed += operations.length;
    }

    const rows = [...tallies.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const queryMs = rows
      .filter(([key]) => key !== '(transaction body)')
      .reduce((sum, [, t]) => sum + t.ms, 0);
    const queryCalls = rows
      .filter(([key]) => key !== '(transaction body)')
      .reduce((sum, [, t]) => sum + t.calls, 0);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(
      `${pushed} operations in ${Math.ceil(pushed / batchSize)} pushes: ${(pushMs / 1000).toFixed(1)} s in push() ` +
        `= ${((pushed * 1000) / pushMs).toFixed(0)} ops/s, ${(pushMs / pushed).toFixed(3)} ms per operation`,
    );
    out(
      `queries: ${queryCalls} (${(queryCalls / pushed).toFixed(1)} per operation), ${(queryMs / 1000).toFixed(1)} s waiting ` +
        `(${((100 * queryMs) / pushMs).toFixed(0)}% of push); outside queries ${((pushMs - queryMs) / 1000).toFixed(1)} s`,
    );
    out(
      `request body: ${(bodyBytes / pushed).toFixed(0)} bytes per operation; JSON.parse + pushRequest ` +
        `${(parseMs / 1000).toFixed(2)} s (${((parseMs / pushed) * 1000).toFixed(0)} µs per operation)`,
    );
    out('');
    out('   calls  per op    total s   mean ms  statement');
    for (const [key, t] of rows) {
      out(
        `${String(t.calls).padStart(8)}  ${(t.calls / pushed).toFixed(2).padStart(6)}  ${(t.ms / 1000).toFixed(2).padStart(9)}  ${(t.ms / t.calls).toFixed(3).padStart(8)}  ${key}`,
      );
    }
  } finally {
    core.close();
    rmSync(work, { recursive: true, force: true });
    await raw.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await raw.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
