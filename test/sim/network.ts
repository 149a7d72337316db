import type { SyncTransport } from '../../electron/core/sync/transport';
import type { Outcome } from '../../server/platform/errors';
import type { HeadOffice } from '../../server/headOffice';
import { statusOf } from '../../shared/contract/errors';
import { successStatus } from '../../shared/contract/route';
import { syncRoutes } from '../../shared/sync/routes';
import type { Rng } from './rng';

/**
 * The network between the terminals and head office: each terminal's SyncTransport calls the
 * real head-office functions in process, through a seeded fault injector. Bodies and answers
 * go through JSON both ways, as they would over HTTP, so nothing is shared by reference.
 */

/**
 * Network faults, and `poison`: operations no till should write (text head office cannot store,
 * a type it does not know, points beyond any bound) slipped into a till's outbox, which head office
 * must reject without holding up what follows them.
 */
export const faultKinds = [
  'drop',
  'lost_ack',
  'dup',
  'delay',
  'partition',
  '5xx',
  'poison',
] as const;
export type FaultKind = (typeof faultKinds)[number];

const faultNames: Record<string, FaultKind> = {
  drop: 'drop',
  lost_ack: 'lost_ack',
  'lost-ack': 'lost_ack',
  lostack: 'lost_ack',
  ack: 'lost_ack',
  dup: 'dup',
  duplicate: 'dup',
  delay: 'delay',
  reorder: 'delay',
  partition: 'partition',
  '5xx': '5xx',
  '503': '5xx',
  error: '5xx',
  poison: 'poison',
  poisoned: 'poison',
};

/** `none`, `all`, or a comma list such as `drop,dup,partition`. */
export function parseFaults(text: string): Set<FaultKind> {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'none' || trimmed === '') return new Set();
  if (trimmed === 'all') return new Set(faultKinds);
  const kinds = new Set<FaultKind>();
  for (const name of trimmed.split(',')) {
    const kind = faultNames[name.trim()];
    if (!kind) {
      throw new Error(
        `unknown fault ${JSON.stringify(name)}; use none, all, or a list of ${faultKinds.join(', ')}`,
      );
    }
    kinds.add(kind);
  }
  return kinds;
}

/** Per request, how likely each fault is while faults are on. */
const REQUEST_FAULT_RATES = { drop: 0.03, delay: 0.03, '5xx': 0.03, dup: 0.05, lost_ack: 0.04 };
/** Per step: a new partition starts, and a stale request already delivered is replayed. */
const PARTITION_START_RATE = 0.008;
const STALE_REPLAY_RATE = 0.04;
const LONG_OUTAGE_SHARE = 0.15;
/** Requests kept for stale replays. */
const HISTORY = 64;

interface WireRequest {
  terminal: number;
  path: string;
  body: unknown;
  credential: string | null;
}

interface DelayedRequest extends WireRequest {
  dueStep: number;
}

export interface AppliedOp {
  terminalId: string;
  seq: number;
  opId: string;
}

/** Called before a terminal's request goes out: the cashier may ring up a sale meanwhile. */
export type RequestHook = (terminal: number, path: string) => void;

function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function answer<T>(outcome: Outcome<T>, successStatus = 200): { status: number; body: unknown } {
  if (outcome.ok) return { status: successStatus, body: outcome.value };
  return { status: statusOf(outcome.error.code), body: { error: outcome.error } };
}

export class SimNetwork {
  private faultsOn = false;
  private readonly partitionedUntil = new Map<number, number>();
  private delayed: DelayedRequest[] = [];
  private readonly history: WireRequest[] = [];
  private step = 0;
  /** Every operation head office applied (not a repeat), in the order it applied them. */
  readonly appliedOrder: AppliedOp[] = [];
  /** Faults injected and deliveries made, by kind. */
  readonly counts: Record<string, number> = {};
  /** Head-office calls that threw instead of answering (a 5xx that is a bug, not a fault). */
  readonly serverFailures: string[] = [];
  onRequest: RequestHook | null = null;

  /**
   * `nodes`: head-office processes on one database, as behind a load balancer; each request goes
   * to one of them at random (drawn from its own stream, so one node leaves every run as it was).
   */
  constructor(
    private readonly nodes: readonly HeadOffice[],
    private readonly rng: Rng,
    private readonly faults: ReadonlySet<FaultKind>,
    private readonly terminalCount: number,
    private readonly balancer: Rng,
  ) {}

  /** Requests each node answered, by node: a run with two nodes must use both. */
  readonly perNode: number[] = [];

  private node(): HeadOffice {
    const index = this.nodes.length === 1 ? 0 : this.balancer.int(0, this.nodes.length - 1);
    this.perNode[index] = (this.perNode[index] ?? 0) + 1;
    const node = this.nodes[index];
    if (!node) throw new Error('no head-office node');
    return node;
  }

  private count(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }

  private fault(kind: Exclude<FaultKind, 'partition' | 'poison'>): boolean {
    if (!this.faultsOn || !this.faults.has(kind)) return false;
    if (!this.rng.chance(REQUEST_FAULT_RATES[kind])) return false;
    this.count(kind);
    return true;
  }

  startFaults(): void {
    this.faultsOn = true;
  }

  /** Faults stop: partitions heal and nothing new is dropped (what is in flight still lands). */
  stopFaults(): void {
    this.faultsOn = false;
    this.partitionedUntil.clear();
  }

  isPartitioned(terminal: number): boolean {
    return (this.partitionedUntil.get(terminal) ?? 0) > this.step;
  }

  partitionedNow(): number {
    let n = 0;
    for (const until of this.partitionedUntil.values()) if (until > this.step) n += 1;
    return n;
  }

  /**
   * One step of the world: partitions start and heal, delayed requests that are due land in a
   * shuffled order, and now and then an old request is delivered again.
   */
  async tick(step: number, opsTotal: number): Promise<void> {
    this.step = step;
    if (!this.faultsOn) return;
    if (this.faults.has('partition') && this.rng.chance(PARTITION_START_RATE)) {
      const terminal = this.rng.int(0, this.terminalCount - 1);
      // Mostly a short cut; now and then a long outage that leaves a backlog of several batches.
      const long = this.rng.chance(LONG_OUTAGE_SHARE);
      const steps = long
        ? this.rng.int(Math.floor(opsTotal / 10), Math.floor(opsTotal / 4))
        : this.rng.int(10, Math.max(20, Math.floor(opsTotal / 15)));
      this.partitionedUntil.set(terminal, step + Math.max(10, steps));
      this.count(long ? 'partition_long' : 'partition');
    }
    if (this.faults.has('delay')) {
      const due = this.delayed.filter((d) => d.dueStep <= step);
      this.delayed = this.delayed.filter((d) => d.dueStep > step);
      await this.deliverShuffled(due, 'delayed_delivered');
      if (this.history.length > 0 && this.rng.chance(STALE_REPLAY_RATE)) {
        await this.deliver(this.rng.pick(this.history));
        this.count('stale_replayed');
      }
    }
  }

  /** Everything still in flight lands, in a shuffled order, with a few stale replays after. */
  async flush(): Promise<void> {
    const pending = this.delayed;
    this.delayed = [];
    await this.deliverShuffled(pending, 'delayed_delivered');
    for (let i = 0; i < Math.min(5, this.history.length); i++) {
      await this.deliver(this.rng.pick(this.history));
      this.count('stale_replayed');
    }
  }

  private async deliverShuffled(requests: DelayedRequest[], counter: string): Promise<void> {
    const queue = [...requests];
    while (queue.length > 0) {
      const index = this.rng.int(0, queue.length - 1);
      const [request] = queue.splice(index, 1);
      if (!request) break;
      await this.deliver(request);
      this.count(counter);
    }
  }

  transport(terminal: number): SyncTransport {
    return {
      post: async (path, body, credential) => {
        this.onRequest?.(terminal, path);
        const request: WireRequest = { terminal, path, body: wire(body), credential };
        if (this.faultsOn && this.isPartitioned(terminal)) {
          this.count('partition_refused');
          throw new Error('connect ECONNREFUSED: head office unreachable (partition)');
        }
        if (this.fault('drop')) throw new Error('request timed out: lost before head office');
        if (this.fault('delay')) {
          this.delayed.push({ ...request, dueStep: this.step + this.rng.int(1, 40) });
          throw new Error('request timed out: still in flight');
        }
        if (this.fault('5xx')) {
          return {
            status: 503,
            body: { error: { code: 'unavailable', message: 'Head office is busy; retry.' } },
          };
        }
        let reply = await this.deliver(request);
        this.remember(request);
        if (this.fault('dup')) reply = await this.deliver(request);
        if (this.fault('lost_ack')) {
          throw new Error('connection reset: head office answered, the answer was lost');
        }
        return wire(reply);
      },
    };
  }

  private remember(request: WireRequest): void {
    if (request.path === syncRoutes.enroll.path) return;
    this.history.push(request);
    if (this.history.length > HISTORY) this.history.shift();
  }

  /** One request reaching head office, as the HTTP layer would hand it over. */
  private async deliver(request: WireRequest): Promise<{ status: number; body: unknown }> {
    this.count('delivered');
    const body = wire(request.body);
    const headOffice = this.node();
    try {
      if (request.path === syncRoutes.enroll.path) {
        return answer(await headOffice.enroll(body), successStatus(syncRoutes.enroll));
      }
      const auth = await headOffice.authenticateTerminal(request.credential ?? undefined);
      if (!auth.ok) return answer(auth);
      if (request.path === syncRoutes['sync.push'].path) {
        const pushed = await headOffice.push(auth.value, body);
        if (pushed.ok) {
          for (const outcome of pushed.value.outcomes) {
            if (!outcome.duplicate) {
              this.appliedOrder.push({
                terminalId: auth.value.terminalId,
                seq: outcome.seq,
                opId: outcome.opId,
              });
            }
          }
        }
        return answer(pushed);
      }
      if (request.path === syncRoutes['sync.pull'].path)
        return answer(await headOffice.pull(auth.value, body));
      return { status: 404, body: { error: { code: 'route_not_found', message: request.path } } };
    } catch (error) {
      this.serverFailures.push(`${request.path}: ${String(error)}`);
      return { status: 500, body: { error: { code: 'internal', message: String(error) } } };
    }
  }
}
