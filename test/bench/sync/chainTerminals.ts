/**
 * Simulated terminals of a chain, for the head-office load benchmarks (chain_peak,
 * reconnect_storm, push_fixed_cost): each enrolled with its own code and credential, with members
 * of its own, making sales whose payloads are real ones from the outbox dataset with the ids,
 * numbers and members replaced. They speak the sync protocol over HTTP as a terminal's
 * SyncWorker does (batches of up to 200 in seq order, one push in flight), to one of head
 * office's nodes at random per request, as behind a load balancer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
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
import { openBaseline } from '../baseline';
import { Rng } from '../data';
import type { BenchHeadOffice } from './headOffice';
import { outboxDataset } from './outboxData';

/** The terminal's own batch size (electron/core/sync/syncWorker.ts PUSH_BATCH). */
export const TERMINAL_BATCH = 200;
/**
 * Enough operations in the template ledger for 2,000 distinct sales after its 2,000 members, whose
 * enrollments take 4,000 (each with its consent answers).
 */
const TEMPLATE_OPS = 8_000;

export interface Templates {
  sales: Record<string, unknown>[];
  member: Record<string, unknown>;
  /**
   * What a till sends first when it is set up: its configuration (terminal.configured) and its
   * program (program.updated, version 1). The sales name that program, so head office prices
   * them with it and finds the same points: they take the plain path, as a real chain's do.
   */
  setup: { type: string; payload: Record<string, unknown> }[];
}

/** Real payloads to dress up: sales with a member that only earn, and one enrollment. */
export function loadTemplates(seed: number): Templates {
  const db = openBaseline(outboxDataset(seed, TEMPLATE_OPS).file, { readonly: true });
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
    const setup = (
      db
        .prepare(
          `SELECT op_type, payload FROM outbox
           WHERE op_type IN ('terminal.configured', 'program.updated') ORDER BY seq`,
        )
        .all() as { op_type: string; payload: string }[]
    ).map((row) => ({
      type: row.op_type,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
    }));
    return { sales, member: JSON.parse(member.payload) as Record<string, unknown>, setup };
  } finally {
    db.close();
  }
}

export interface ChainTerminal {
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
  members: { id: string }[];
  rng: Rng;
}

function envelope(t: ChainTerminal, type: string, payload: unknown, at: number): SyncOperation {
  t.seq += 1;
  t.counter = (t.counter + 1) % 100_000;
  return {
    seq: t.seq,
    opId: uuidv7(at),
    type,
    hlc: encodeHlc({ ms: at, counter: t.counter, node: t.id }),
    createdAt: new Date(at).toISOString(),
    staffId: t.staffId,
    payload,
  };
}

export function enrollment(t: ChainTerminal, templates: Templates, at = Date.now()): SyncOperation {
  const j = t.members.length;
  const national = String(50_000_000 + t.index * 1_000 + j);
  const id = uuidv7(at);
  t.members.push({ id });
  return envelope(
    t,
    'member.enrolled',
    {
      ...templates.member,
      id,
      cardNumber: makeCardNumber(t.number, j + 1),
      name: `Bench Member ${t.index}-${j}`,
      phoneE164: `+852${national}`,
      phoneNational: national,
      consentTerminalId: null,
      enrolledAt: new Date(at).toISOString(),
      storeId: t.storeId,
      storeName: t.storeName,
      terminalId: t.id,
      staffId: t.staffId,
      hlc: encodeHlc({ ms: at, counter: 0, node: t.id }),
    },
    at,
  );
}

/**
 * A sale to one of the terminal's members (nine in ten) that earns what the template earned,
 * which is what head office finds too. No redemptions: a template's redemption is priced into its
 * figures, and one bolted on would be a sale head office prices differently (and compensates).
 */
export function sale(t: ChainTerminal, templates: Templates, at = Date.now()): SyncOperation {
  const template = t.rng.pick(templates.sales);
  const member = t.rng.chance(0.9) && t.members.length > 0 ? t.rng.pick(t.members) : null;
  const saleId = uuidv7(at);
  t.saleSeq += 1;
  const entries: Record<string, unknown>[] = [];
  if (member) {
    for (const entry of (template.pointsEntries as { kind: string; points: number }[]) ?? []) {
      if (entry.kind !== 'earn') continue;
      entries.push({
        ...entry,
        id: uuidv7(at),
        memberId: member.id,
        saleId,
      });
    }
  }
  return envelope(
    t,
    'sale.recorded',
    {
      ...template,
      saleId,
      number: `${t.number}-${String(t.saleSeq).padStart(6, '0')}`,
      memberId: member?.id ?? null,
      offline: false,
      pointsEntries: entries,
      couponUses: [],
      storedValueEntries: [],
    },
    at,
  );
}

/** One node per request, as a load balancer spreads them: its own stream, fixed by the seed. */
export class Nodes {
  private readonly transports: SyncTransport[];
  readonly perNode: number[];

  constructor(
    urls: readonly string[],
    private readonly rng: Rng,
  ) {
    this.transports = urls.map((url) => httpTransport(url));
    this.perNode = urls.map(() => 0);
  }

  pick(): SyncTransport {
    const index = this.rng.int(this.transports.length);
    this.perNode[index] = (this.perNode[index] ?? 0) + 1;
    return this.transports[index] as SyncTransport;
  }
}

/** What one push came to: taken up to the batch's last seq, or the error it counts as. */
export type PushResult =
  | { ok: true; compensated: number; deferred: number }
  | { ok: false; error: string; deferred: number };

/** As the SyncWorker: a 429, or a 503 with Retry-After (a full push queue), is waited out. */
const ASKED_TO_WAIT_RETRIES = 10;
const RETRY_AFTER_MAX_MS = 60_000;

/**
 * One push of `operations` as the terminal sends it. Anything but a 2xx whose mark is the batch's
 * last seq is an error: a refusal, a 5xx, a 429 or 503 still there after the terminal waited as
 * told, a timeout or a dropped connection. Head office asking the terminal to come back later
 * (429, or 503 with Retry-After) is waited out and the batch sent again, as the SyncWorker does;
 * each such wait counts as `deferred`, not as an error.
 */
export async function pushBatch(
  nodes: Nodes,
  t: ChainTerminal,
  operations: readonly SyncOperation[],
): Promise<PushResult> {
  const last = operations[operations.length - 1]?.seq ?? 0;
  let deferred = 0;
  try {
    for (;;) {
      const answer = await nodes
        .pick()
        .post(
          '/sync/push',
          { protocol: SYNC_PROTOCOL_VERSION, terminalId: t.id, operations },
          t.credential,
        );
      const askedToWait =
        answer.status === 429 || (answer.status === 503 && answer.retryAfterMs !== undefined);
      if (askedToWait && deferred < ASKED_TO_WAIT_RETRIES) {
        deferred += 1;
        await sleep(Math.min(RETRY_AFTER_MAX_MS, answer.retryAfterMs ?? 1_000));
        continue;
      }
      if (answer.status < 200 || answer.status >= 300)
        return { ok: false, error: `HTTP ${answer.status}`, deferred };
      const parsed = pushResponse.safeParse(answer.body);
      if (!parsed.success) return { ok: false, error: 'unreadable answer', deferred };
      if (parsed.data.highWaterMark < last)
        return { ok: false, error: 'mark short of the batch', deferred };
      return {
        ok: true,
        compensated: parsed.data.outcomes.filter((o) => o.compensation).length,
        deferred,
      };
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : 'thrown', deferred };
  }
}

/**
 * `count` terminals enrolled with head office (in this process, ten at a time: enrollment is not
 * what is measured), each set up (its configuration and program) and with `members` members,
 * pushed before the clock starts.
 */
export async function enrollChain(
  office: BenchHeadOffice,
  nodes: Nodes,
  options: { count: number; members: number; seed: number; templates: Templates },
): Promise<ChainTerminal[]> {
  const terminals: ChainTerminal[] = [];
  for (let i = 0; i < options.count; i += 10) {
    const group = Array.from({ length: Math.min(10, options.count - i) }, (_, k) => i + k);
    const codes: string[] = [];
    while (codes.length < group.length) codes.push(await office.newCode());
    const answers = await Promise.all(
      group.map((index, k) =>
        office.admin.enroll({
          code: codes[k],
          terminalName: `Bench till ${index + 1}`,
          appVersion: '0.1.0',
        }),
      ),
    );
    answers.forEach((answer, k) => {
      const index = group[k] as number;
      const parsed = answer.ok ? enrollResponse.safeParse(answer.value) : null;
      if (!parsed?.success) {
        throw new Error(
          `enroll ${index}: ${answer.ok ? 'unreadable answer' : answer.error.message}`,
        );
      }
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
        rng: new Rng(options.seed, 100 + index),
      });
    });
  }
  for (let i = 0; i < terminals.length; i += 10) {
    await Promise.all(
      terminals.slice(i, i + 10).map(async (t) => {
        const now = Date.now();
        const operations = [
          ...options.templates.setup.map(({ type, payload }) =>
            envelope(
              t,
              type,
              type === 'terminal.configured'
                ? { ...payload, storeName: t.storeName, terminalNumber: t.number }
                : payload,
              now,
            ),
          ),
          ...Array.from({ length: options.members }, () => enrollment(t, options.templates)),
        ];
        for (let attempt = 1; ; attempt++) {
          const result = await pushBatch(nodes, t, operations);
          if (result.ok) return;
          if (attempt === 3) throw new Error(`enrollments of terminal ${t.index}: ${result.error}`);
        }
      }),
    );
  }
  return terminals;
}

/** Counts errors by kind, for the notes. */
export class ErrorCounts {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  toString(): string {
    const total = this.total;
    return total === 0
      ? '0'
      : `${total} (${[...this.counts].map(([k, v]) => `${k} ×${v}`).join(', ')})`;
  }
}
