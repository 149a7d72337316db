import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openPostgres } from '../db/postgres';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { POSTGRES_TEST_URL, resetDatabase, testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { TestClock } from '../testing/terminalScript';
import { JobDeferred, jobWorker, slotKey, type Job } from './jobQueue';

/** A promise and the function that settles it: lets a test hold a job's work open. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe.each(testDatabases)('the job queue on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    ({ db, clock, headOffice } = await office.fresh());
  });

  it('runs a due job once, and a job due later only once its time comes', async () => {
    const ran: string[] = [];
    const worker = jobWorker(headOffice.jobs, {
      nodeId: 'node-a',
      handlers: { 'test.note': async (job) => void ran.push(job.key) },
    });
    await headOffice.jobs.enqueue('test.note', { key: 'now' });
    await headOffice.jobs.enqueue('test.note', { key: 'later', runAt: clock.now() + 60_000 });
    expect(await headOffice.jobs.enqueue('test.note', { key: 'now' })).toMatchObject({
      created: false,
    });
    await worker.runDue();
    await worker.runDue();
    expect(ran).toEqual(['now']);
    clock.advance(60_000);
    await worker.runDue();
    expect(ran).toEqual(['now', 'later']);
    const { rows } = await db.query<{ key: string; done: boolean; attempts: number }>(
      'SELECT key, done_at IS NOT NULL AS done, attempts FROM job ORDER BY id',
    );
    expect(rows).toEqual([
      { key: 'now', done: true, attempts: 1 },
      { key: 'later', done: true, attempts: 1 },
    ]);
  });

  it('tries a failing job again after a delay, and keeps it with its error once attempts run out', async () => {
    let calls = 0;
    const worker = jobWorker(headOffice.jobs, {
      nodeId: 'node-a',
      handlers: {
        'test.flaky': async () => {
          calls += 1;
          throw new Error('the mail server said no');
        },
      },
    });
    await headOffice.jobs.enqueue('test.flaky', { key: 'flaky', maxAttempts: 2 });
    await worker.runDue();
    expect(calls).toBe(1);
    await worker.runDue();
    expect(calls).toBe(1); // not due again yet
    clock.advance(30_000);
    await worker.runDue();
    expect(calls).toBe(2);
    clock.advance(3_600_000);
    await worker.runDue();
    expect(calls).toBe(2); // attempts used up
    const { rows } = await db.query<{ done: boolean; attempts: number; last_error: string }>(
      'SELECT done_at IS NOT NULL AS done, attempts, last_error FROM job',
    );
    expect(rows).toEqual([{ done: false, attempts: 2, last_error: 'the mail server said no' }]);
  });

  it('gives the job of a node that died holding it to another once the lease is over', async () => {
    await headOffice.jobs.enqueue('test.note', { key: 'orphan' });
    const dead = await headOffice.jobs.claim('node-dead', ['test.note'], 60_000);
    expect(dead?.key).toBe('orphan');
    const ran: string[] = [];
    const worker = jobWorker(headOffice.jobs, {
      nodeId: 'node-b',
      leaseMs: 60_000,
      handlers: { 'test.note': async (job) => void ran.push(job.key) },
    });
    await worker.runDue();
    expect(ran).toEqual([]); // the lease still runs
    clock.advance(60_001);
    await worker.runDue();
    expect(ran).toEqual(['orphan']);
    // The dead node's late "done" changes nothing: the job is another node's now.
    expect(await headOffice.jobs.complete(dead as Job, 'node-dead')).toBe(false);
  });

  it('puts a deferred job back until its time without counting the deferral as an attempt', async () => {
    let deferrals = 0;
    const ran: number[] = [];
    const worker = jobWorker(headOffice.jobs, {
      nodeId: 'node-a',
      handlers: {
        'test.later': async (job) => {
          if (deferrals < 3) {
            deferrals++;
            throw new JobDeferred(clock.now() + 60_000);
          }
          ran.push(job.attempts);
        },
      },
    });
    await headOffice.jobs.enqueue('test.later', { key: 'later', maxAttempts: 1 });
    for (let i = 0; i < 3; i++) {
      await worker.runDue();
      expect(ran).toEqual([]);
      clock.advance(60_000);
    }
    await worker.runDue();
    // One attempt allowed, and three deferrals did not use it up.
    expect(ran).toEqual([1]);
  });

  it('forgets jobs done over a week ago, and keeps failed ones', async () => {
    const worker = jobWorker(headOffice.jobs, {
      nodeId: 'node-a',
      handlers: {
        'test.note': async () => {},
        'test.broken': async () => {
          throw new Error('broken');
        },
      },
    });
    await headOffice.jobs.enqueue('test.note', { key: 'old' });
    await headOffice.jobs.enqueue('test.broken', { key: 'failed', maxAttempts: 1 });
    await worker.runDue();
    clock.advance(7 * 86_400_000 + 1);
    await headOffice.jobs.enqueue('test.note', { key: 'recent' });
    await worker.runDue();
    expect(await headOffice.jobs.purgeDone(7 * 86_400_000)).toBe(1);
    const { rows } = await db.query<{ key: string }>('SELECT key FROM job ORDER BY id');
    expect(rows.map((row) => row.key)).toEqual(['failed', 'recent']);
  });

  it('makes one run per slot of a schedule, whichever node asks and however often', async () => {
    const schedule = { kind: 'sessions.purge', everyMs: 3_600_000 };
    await headOffice.jobs.ensureScheduled(schedule);
    await headOffice.jobs.ensureScheduled(schedule);
    clock.advance(3_600_000);
    await headOffice.jobs.ensureScheduled(schedule);
    const { rows } = await db.query<{ key: string }>('SELECT key FROM job ORDER BY run_at');
    expect(rows.map((row) => row.key)).toEqual([
      slotKey(schedule, clock.now() - 3_600_000).key,
      slotKey(schedule, clock.now()).key,
    ]);
  });

  it("purges sessions over for a day on head office's own schedule", async () => {
    const { rows: users } = await db.query<{ id: string }>(
      `INSERT INTO admin_user (id, name, password_hash, language, created_at, created_by)
       VALUES ('00000000-0000-7000-8000-000000000001', 'Ada', 'x', 'en', $1, 'test') RETURNING id`,
      [new Date(clock.now()).toISOString()],
    );
    const at = (hoursAgo: number) => new Date(clock.now() - hoursAgo * 3_600_000).toISOString();
    for (const [hash, created, expires, used] of [
      ['old', at(40), at(28), at(30)],
      ['current', at(1), at(-11), at(0)],
    ] as const) {
      await db.query(
        `INSERT INTO admin_session (token_hash, admin_user_id, created_at, expires_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [hash, users[0]?.id, created, expires, used],
      );
    }
    const ran = await headOffice.jobWorker('node-a').runDue();
    expect(ran.map((job) => job.kind).sort()).toEqual([
      'jobs.purge',
      'messages.birthdays',
      'privacy.retention',
      'sessions.purge',
    ]);
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM admin_session');
    expect(rows).toEqual([{ token_hash: 'current' }]);
    expect(await headOffice.jobWorker('node-b').runDue()).toEqual([]);
  });
});

/**
 * Two head-office nodes, each with its own connections, on one PostgreSQL database (PGlite is
 * one process's, so this needs the server: HEAD_OFFICE_PG_TESTS=1).
 */
describe.skipIf(!testDatabases.some((d) => d.name === 'postgres'))(
  'two head-office nodes on one PostgreSQL database',
  () => {
    const schema = `ho_test_jobs_${process.pid}_${randomBytes(4).toString('hex')}`;
    let dbA: Database;
    let dbB: Database;
    let a: HeadOffice;
    let b: HeadOffice;
    const clock = new TestClock();

    beforeAll(async () => {
      dbA = await openPostgres(POSTGRES_TEST_URL, { schema, maxConnections: 4 });
      dbB = await openPostgres(POSTGRES_TEST_URL, { schema, maxConnections: 4 });
      a = await createHeadOffice(dbA, { now: clock.now });
      b = await createHeadOffice(dbB, { now: clock.now });
    }, 60_000);
    afterAll(async () => {
      await dbB?.close();
      await dbA?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await dbA?.close();
    });
    beforeEach(async () => {
      await resetDatabase(dbA);
    });

    it('claim a due job exactly once: the other node passes it by while the first holds it', async () => {
      await a.jobs.enqueue('test.send', { key: 'campaign-7' });
      const held = gate();
      const entered = gate();
      const runs: string[] = [];
      const workerA = jobWorker(a.jobs, {
        nodeId: 'node-a',
        handlers: {
          'test.send': async (job) => {
            runs.push(`a:${job.key}`);
            entered.open();
            await held.promise;
          },
        },
      });
      const workerB = jobWorker(b.jobs, {
        nodeId: 'node-b',
        handlers: { 'test.send': async (job) => void runs.push(`b:${job.key}`) },
      });
      const passA = workerA.runDue();
      await entered.promise;
      expect(await workerB.runDue()).toEqual([]);
      held.open();
      expect((await passA).map((job) => job.key)).toEqual(['campaign-7']);
      expect(await workerB.runDue()).toEqual([]);
      expect(await workerA.runDue()).toEqual([]);
      expect(runs).toEqual(['a:campaign-7']);
    });

    it('share many due jobs between them, each run by exactly one', async () => {
      for (let i = 0; i < 40; i++) await a.jobs.enqueue('test.send', { key: `job-${i}` });
      const runs = new Map<string, string[]>();
      const handler = (node: string) => async (job: Job) => {
        runs.set(job.key, [...(runs.get(job.key) ?? []), node]);
        // Hand the event loop to the other node between jobs, so their claims interleave.
        await new Promise((resolve) => setImmediate(resolve));
      };
      const [ranA, ranB] = await Promise.all([
        jobWorker(a.jobs, { nodeId: 'node-a', handlers: { 'test.send': handler('a') } }).runDue(),
        jobWorker(b.jobs, { nodeId: 'node-b', handlers: { 'test.send': handler('b') } }).runDue(),
      ]);
      expect(ranA.length + ranB.length).toBe(40);
      expect(runs.size).toBe(40);
      expect([...runs.values()].every((nodes) => nodes.length === 1)).toBe(true);
      const { rows } = await dbB.query<{ n: number }>(
        'SELECT count(*)::int8 AS n FROM job WHERE done_at IS NOT NULL AND attempts = 1',
      );
      expect(rows[0]?.n).toBe(40);
    });

    it('make one run of a schedule when both ask for the same slot at once', async () => {
      const schedule = { kind: 'sessions.purge', everyMs: 3_600_000 };
      await Promise.all([
        a.jobs.ensureScheduled(schedule),
        b.jobs.ensureScheduled(schedule),
        a.jobs.ensureScheduled(schedule),
        b.jobs.ensureScheduled(schedule),
      ]);
      const [ranA, ranB] = await Promise.all([
        a.jobWorker('node-a').runDue(),
        b.jobWorker('node-b').runDue(),
      ]);
      // Head office's own schedules: one run each, whichever node ran it.
      expect([...ranA, ...ranB].map((job) => job.kind).sort()).toEqual([
        'jobs.purge',
        'messages.birthdays',
        'privacy.retention',
        'sessions.purge',
      ]);
      const { rows } = await dbA.query<{ n: number }>('SELECT count(*)::int8 AS n FROM job');
      expect(rows[0]?.n).toBe(4);
    });
  },
);
