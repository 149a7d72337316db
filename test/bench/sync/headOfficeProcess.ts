/**
 * Head office for the sync benchmarks, in a process of its own (as in production, its CPU is not
 * the terminal's): the real createHeadOffice + buildServer on the PostgreSQL server, in the schema
 * BENCH_PG_SCHEMA of BENCH_PG_URL. Prints `listening <url>` when ready; SIGTERM stops it.
 *
 * The production limits stay, except enrollment: one load driver enrolls thousands of terminals
 * from one address, which the 10-a-minute guess limit would refuse. BENCH_RATE_LIMIT (requests
 * per credential per minute) lifts the general limit for a benchmark that pushes one terminal
 * far harder than a till does (push_fixed_cost).
 */
import { openPostgres } from '../../../server/db/postgres';
import { createHeadOffice } from '../../../server/headOffice';
import { buildServer } from '../../../server/http/server';

async function main(): Promise<void> {
  const url = process.env.BENCH_PG_URL;
  const schema = process.env.BENCH_PG_SCHEMA;
  if (!url || !schema) throw new Error('BENCH_PG_URL and BENCH_PG_SCHEMA are required');
  const pool = process.env.BENCH_PG_POOL ? Number(process.env.BENCH_PG_POOL) : undefined;
  const db = await openPostgres(url, { schema, ...(pool ? { maxConnections: pool } : {}) });
  const headOffice = await createHeadOffice(db);
  const rateLimit = process.env.BENCH_RATE_LIMIT ? Number(process.env.BENCH_RATE_LIMIT) : null;
  const app = await buildServer(headOffice, {
    enrollRateLimit: { max: 100_000, timeWindowMs: 60_000 },
    ...(rateLimit ? { rateLimit: { max: rateLimit, timeWindowMs: 60_000 } } : {}),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`listening ${address}\n`);
  const stop = () => {
    void app
      .close()
      .then(() => headOffice.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`[head-office] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
