/**
 * server_concurrency: 200 simulated terminals, each enrolled with its own code and credential,
 * push batches of 100 operations for 30 s to head office on the PostgreSQL server (its HTTP
 * server in a process of its own). Each terminal has at most one push in flight, as a real one
 * does, so the driver never has more than 200 requests out. Every terminal first enrolls its
 * members (member.enrolled), then sells to them (sale.recorded with earn entries, one in ten also
 * redeeming points the member holds); payloads are real ones from the outbox dataset with the
 * ids, numbers and members replaced. An error is anything but a 2xx answer whose mark is the
 * batch's last seq: a refusal, a 5xx, a 429, a timeout or a dropped connection.
 */
import Database from 'better-sqlite3';
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
  const db = new Database(file, { readonly: true });
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
    process.stderr.write(
      `[bench] server_concurrency: ${terminals.length} terminals enrolled; pushing for ${DURATION_MS / 1000} s\n`,
    );

    const latencies = new Sample(16_384);
    const errors = new Map<string, number>();
    const fail = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
    let accepted = 0;
    let compensated = 0;
    let inFlight = 0;
    let maxInFlight = 0;
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
        `${TERMINALS} terminals, batches of ${BATCH}, ${(ms / 1000).toFixed(1)} s: ${latencies.count} pushes, ` +
          `${accepted.toLocaleString('en')} operations accepted (${compensated} compensated), ` +
          `at most ${maxInFlight} in flight`,
        `errors: ${errorCount}${errorCount ? ` (${[...errors].map(([k, v]) => `${k} ×${v}`).join(', ')})` : ''}`,
        `batch latency p50 ${fmtMs(ours.p50Ms)} ms, p99 ${fmtMs(ours.p99Ms)} ms, max ${fmtMs(ours.maxMs)} ms`,
        `head office holds ${held?.ops} operations (marks sum ${held?.marks}), ${held?.exceptions} exceptions`,
      ],
    };
  } finally {
    await office.stop();
  }
}
