/**
 * server_concurrency: 200 simulated terminals, each enrolled with its own code and credential,
 * push batches of 100 operations for 30 s to head office on the PostgreSQL server (its HTTP
 * server in a process of its own). Each terminal has at most one push in flight, as a real one
 * does, so the driver never has more than 200 requests out. Every terminal first enrolls its
 * 50 members (member.enrolled, pushed before the clock starts), then for 30 s sells to them
 * (sale.recorded with earn entries, one in ten also redeeming points the member holds); payloads
 * are real ones from the outbox dataset with the ids, numbers and members replaced. An error is anything but a 2xx answer whose mark is the
 * batch's last seq: a refusal, a 5xx, a 429, a timeout or a dropped connection.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openBaseline } from '../baseline';
import { makeCardNumber } from '../../../shared/card';
import { encodeHlc } from '../../../shared/hlc';
import { uuidv7 } from '../../../shared/ids';
import {
  enrollResponse,
  pushResponse,
  SYNC_PROTOCOL_VERSION,
  type SyncOperation,
} from '../../../shared/sync/protocol';
import { httpTransport, type SyncTransport } from '../../../electron/core/sync/transport';
import type { Queryable } from '../../../server/db/database';
import { Rng } from '../data';
import { elapsedMs, fmtMs, Sample, type BenchResult } from '../stats';
import { startHeadOffice } from './headOffice';
import { outboxDataset } from './outboxData';

const TERMINALS = 200;
const BATCH = 100;
const DURATION_MS = 30_000;
const MEMBERS_PER_TERMINAL = 50;
const REDEEM_POINTS = 100;

interface Templates {
  sales: Record<string, unknown>[];
  member: Record<string, unknown>;
}

/** Real payloads to dress up: sales that only earn, and one enrollment. */
function loadTemplates(file: string): Templates {
  const db = openBaseline(file, { readonly: true });
  try {
    const sales = (
      db
        .prepare(
          `SELECT payload FROM outbox WHERE op_type = 'sale.recorded'
             AND json_extract(payload, '$.memberId') IS NOT NULL
             AND payload NOT LIKE '%"kind":"redeem"%'
           ORDER BY seq LIMIT 2000`,
        )
        .all() as { payload: string }[]
    ).map((row) => JSON.parse(row.payload) as Record<string, unknown>);
    const member = db
      .prepare("SELECT payload FROM outbox WHERE op_type = 'member.enrolled' ORDER BY seq LIMIT 1")
      .get() as { payload: string };
    return { sales, member: JSON.parse(member.payload) as Record<string, unknown> };
  } finally {
    db.close();
  }
}

interface SimTerminal {
  index: number;
  id: string;
  number: number;
  storeId: string;
  storeName: string;
  credential: string;
  staffId: string;
  seq: number;
  saleSeq: number;
  counter: number;
  members: { id: string; points: number }[];
  rng: Rng;
  /** Points the unacknowledged batch adds, applied to `members` once head office takes it. */
  pending: { id: string; points: number }[];
}

function envelope(t: SimTerminal, type: string, payload: unknown): SyncOperation {
  const now = Date.now();
  t.seq += 1;
  t.counter = (t.counter + 1) % 100_000;
  return {
    seq: t.seq,
    opId: uuidv7(now),
    type,
    hlc: encodeHlc({ ms: now, counter: t.counter, node: t.id }),
    createdAt: new Date(now).toISOString(),
    staffId: t.staffId,
    payload,
  };
}

function enrollment(t: SimTerminal, templates: Templates): SyncOperation {
  const j = t.members.length;
  const national = String(50_000_000 + t.index * 1_000 + j);
  const id = uuidv7();
  t.members.push({ id, points: 0 });
  const now = new Date().toISOString();
  return envelope(t, 'member.enrolled', {
    ...templates.member,
    id,
    cardNumber: makeCardNumber(t.number, j + 1),
    name: `Bench Member ${t.index}-${j}`,
    phoneE164: `+852${national}`,
    phoneNational: national,
    consentTerminalId: null,
    enrolledAt: now,
    storeId: t.storeId,
    storeName: t.storeName,
    terminalId: t.id,
    staffId: t.staffId,
    hlc: encodeHlc({ ms: Date.now(), counter: 0, node: t.id }),
  });
}

function sale(t: SimTerminal, templates: Templates): SyncOperation {
  const template = t.rng.pick(templates.sales);
  const member = t.rng.chance(0.9) ? t.rng.pick(t.members) : null;
  const saleId = uuidv7();
  t.saleSeq += 1;
  const entries: Record<string, unknown>[] = [];
  if (member) {
    const known =
      member.points +
      t.pending.filter((p) => p.id === member.id).reduce((sum, p) => sum + p.points, 0);
    if (known >= REDEEM_POINTS && t.rng.chance(0.1)) {
      entries.push({
        id: uuidv7(),
        memberId: member.id,
        kind: 'redeem',
        points: -REDEEM_POINTS,
        saleId,
        reversesId: null,
      });
      t.pending.push({ id: member.id, points: -REDEEM_POINTS });
    }
    for (const entry of (template.pointsEntries as { kind: string; points: number }[]) ?? []) {
      if (entry.kind !== 'earn') continue;
      entries.push({
        id: uuidv7(),
        memberId: member.id,
        kind: 'earn',
        points: entry.points,
        saleId,
        reversesId: null,
      });
      t.pending.push({ id: member.id, points: entry.points });
    }
  }
  return envelope(t, 'sale.recorded', {
    ...template,
    saleId,
    number: `${t.number}-${String(t.saleSeq).padStart(6, '0')}`,
    memberId: member?.id ?? null,
    offline: false,
    pointsEntries: entries,
    couponUses: [],
    storedValueEntries: [],
  });
}

function nextBatch(t: SimTerminal, templates: Templates): SyncOperation[] {
  const ops: SyncOperation[] = [];
  while (ops.length < BATCH) {
    ops.push(
      t.members.length < MEMBERS_PER_TERMINAL ? enrollment(t, templates) : sale(t, templates),
    );
  }
  return ops;
}

/**
 * Before the clock starts, each terminal pushes its members' enrollments (one batch each, ten
 * terminals at a time): the 30 s measure the steady state, sales, which is most of what a chain's
 * terminals send. Returns how long it took.
 */
async function pushEnrollments(
  transport: SyncTransport,
  terminals: SimTerminal[],
  templates: Templates,
): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < terminals.length; i += 10) {
    await Promise.all(
      terminals.slice(i, i + 10).map(async (t) => {
        const operations = Array.from({ length: MEMBERS_PER_TERMINAL }, () =>
          enrollment(t, templates),
        );
        for (let attempt = 1; ; attempt++) {
          const answer = await transport.post(
            '/sync/push',
            { protocol: SYNC_PROTOCOL_VERSION, terminalId: t.id, operations },
            t.credential,
          );
          const parsed = pushResponse.safeParse(answer.body);
          if (parsed.success && parsed.data.highWaterMark === t.seq) return;
          if (attempt === 3)
            throw new Error(`enrollments of terminal ${t.index}: ${answer.status}`);
        }
      }),
    );
  }
  return elapsedMs(started);
}

async function enrollAll(
  transport: SyncTransport,
  codes: string[],
  seed: number,
): Promise<SimTerminal[]> {
  const terminals: SimTerminal[] = [];
  // A few at a time: enrollment is not what is measured.
  for (let i = 0; i < codes.length; i += 10) {
    const answers = await Promise.all(
      codes
        .slice(i, i + 10)
        .map((code, k) =>
          transport.post(
            '/enroll',
            { code, terminalName: `Bench till ${i + k + 1}`, appVersion: '0.1.0' },
            null,
          ),
        ),
    );
    answers.forEach((answer, k) => {
      const parsed = enrollResponse.safeParse(answer.body);
      if (answer.status !== 201 || !parsed.success) {
        throw new Error(
          `enroll ${i + k} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`,
        );
      }
      const index = i + k;
      terminals.push({
        index,
        id: parsed.data.terminalId,
        number: parsed.data.terminalNumber,
        storeId: parsed.data.storeId,
        storeName: parsed.data.storeName,
        credential: parsed.data.credential,
        staffId: uuidv7(),
        seq: 0,
        saleSeq: 0,
        counter: 0,
        members: [],
        rng: new Rng(seed, 100 + index),
        pending: [],
      });
    });
  }
  return terminals;
}

/**
 * What PostgreSQL's sessions are doing while the load runs (pg_stat_activity every 250 ms):
 * running, waiting on a lock (and which), or idle in a transaction while head office's process
 * works between statements. Other clients of the same database would show up too.
 */
function sampleWaits(db: Queryable) {
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await db.query<{ what: string; n: number }>(
        `SELECT CASE WHEN wait_event_type IS NULL THEN state
                     ELSE state || ' / ' || wait_event_type || ':' || wait_event END AS what,
                count(*)::int8 AS n
         FROM pg_stat_activity
         WHERE datname = current_database() AND backend_type = 'client backend'
           AND pid <> pg_backend_pid() AND state <> 'idle'
         GROUP BY 1`,
      );
      samples += 1;
      for (const row of rows) counts.set(row.what, (counts.get(row.what) ?? 0) + row.n);
      await sleep(250);
    }
  })();
  return {
    async stop(): Promise<string> {
      stopped = true;
      await loop;
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      return (
        [...counts]
          .sort((a, b) => b[1] - a[1])
          .map(([what, n]) => `${what} ${((100 * n) / total).toFixed(0)}%`)
          .join(', ') + ` (mean ${(total / Math.max(1, samples)).toFixed(1)} busy sessions)`
      );
    },
  };
}

export async function benchServerConcurrency(options: {
  seed: number;
  members: number;
}): Promise<BenchResult> {
  const templates = loadTemplates(outboxDataset(options.seed).file);
  const office = await startHeadOffice('conc');
  try {
    const transport = httpTransport(office.url);
    const codes: string[] = [];
    for (let i = 0; i < TERMINALS; i++) codes.push(await office.newCode());
    const terminals = await enrollAll(transport, codes, options.seed);
    const warmUpMs = await pushEnrollments(transport, terminals, templates);
    process.stderr.write(
      `[bench] server_concurrency: ${terminals.length} terminals enrolled with ${MEMBERS_PER_TERMINAL} members each; pushing for ${DURATION_MS / 1000} s\n`,
    );

    const latencies = new Sample(16_384);
    const errors = new Map<string, number>();
    const fail = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
    let accepted = 0;
    let compensated = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const waits = sampleWaits(office.db);
    const started = process.hrtime.bigint();
    const drive = async (t: SimTerminal) => {
      let batch: SyncOperation[] | null = null;
      while (elapsedMs(started) < DURATION_MS) {
        batch ??= nextBatch(t, templates);
        const last = batch[batch.length - 1]?.seq ?? 0;
        const body = { protocol: SYNC_PROTOCOL_VERSION, terminalId: t.id, operations: batch };
        const start = process.hrtime.bigint();
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          const answer = await transport.post('/sync/push', body, t.credential);
          latencies.add(elapsedMs(start));
          const parsed = pushResponse.safeParse(answer.body);
          if (answer.status < 200 || answer.status >= 300) fail(`HTTP ${answer.status}`);
          else if (!parsed.success) fail('unreadable answer');
          else if (parsed.data.highWaterMark !== last) fail('mark short of the batch');
          else {
            accepted += batch.length;
            compensated += parsed.data.outcomes.filter((o) => o.compensation).length;
            for (const p of t.pending) {
              const member = t.members.find((m) => m.id === p.id);
              if (member) member.points += p.points;
            }
            t.pending = [];
            batch = null;
          }
        } catch (error) {
          latencies.add(elapsedMs(start));
          fail(error instanceof Error ? error.name : 'thrown');
        } finally {
          inFlight -= 1;
        }
      }
    };
    await Promise.all(terminals.map(drive));
    const ms = elapsedMs(started);
    const sessions = await waits.stop();
    latencies.addRound(accepted, ms);

    const { rows } = await office.db.query<{ ops: number; marks: number; exceptions: number }>(
      `SELECT (SELECT count(*) FROM sync_op)::int8 AS ops,
         (SELECT coalesce(sum(high_water_mark), 0) FROM terminal)::int8 AS marks,
         (SELECT count(*) FROM exception_case)::int8 AS exceptions`,
    );
    const held = rows[0];
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    const s = latencies.summary();
    const ours = { ...s, opsPerS: (accepted * 1000) / ms, meanOpsPerS: (accepted * 1000) / ms };
    return {
      name: 'server_concurrency',
      ours,
      target: 'zero errors, p99 <= 500 ms',
      met: errorCount === 0 && ours.p99Ms <= 500,
      notes: [
        `before the clock: ${TERMINALS} × ${MEMBERS_PER_TERMINAL} member enrollments pushed in ${(warmUpMs / 1000).toFixed(1)} s ` +
          `(${Math.round((TERMINALS * MEMBERS_PER_TERMINAL * 1000) / warmUpMs)} ops/s, 10 terminals at a time)`,
        `${TERMINALS} terminals, batches of ${BATCH} sales, ${(ms / 1000).toFixed(1)} s: ${latencies.count} pushes, ` +
          `${accepted.toLocaleString('en')} operations accepted (${compensated} compensated), ` +
          `at most ${maxInFlight} in flight`,
        `errors: ${errorCount}${errorCount ? ` (${[...errors].map(([k, v]) => `${k} ×${v}`).join(', ')})` : ''}`,
        `batch latency p50 ${fmtMs(ours.p50Ms)} ms, p99 ${fmtMs(ours.p99Ms)} ms, max ${fmtMs(ours.maxMs)} ms`,
        // Each terminal sends its next batch as soon as the last is answered (a closed loop), so
        // the mean latency is the terminals in flight over the pushes answered per second.
        `closed loop: ${TERMINALS} pushes in flight at ${((latencies.count * 1000) / ms).toFixed(1)} pushes/s ` +
          `is ${((TERMINALS * ms) / Math.max(1, latencies.count)).toFixed(0)} ms each on average; ` +
          `a p99 of 500 ms needs at least ${TERMINALS / 0.5} pushes/s (${((TERMINALS / 0.5) * BATCH).toLocaleString('en')} operations/s)`,
        `PostgreSQL client sessions, sampled every 250 ms (share of samples): ${sessions}`,
        `head office holds ${held?.ops} operations (marks sum ${held?.marks}), ${held?.exceptions} exceptions`,
      ],
    };
  } finally {
    await office.stop();
  }
}
