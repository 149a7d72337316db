import {
  MAX_PULL_PAGE,
  SYNC_PROTOCOL_VERSION,
  headOfficeErrorBody,
  pullResponse,
  pushResponse,
  streams,
  type StreamName,
} from '../../../shared/sync/protocol';
import { programState } from '../program/programOwnership';
import { syncRoutes } from '../../../shared/sync/routes';
import type { CoreContext } from '../context';
import type { SyncErrorCode } from '../../../shared/domain';
import { createLogger } from '../../../shared/logger';
import { yieldToSales } from '../yieldToSales';
import { applyPullPageInSlices } from './applyPull';
import { compactAfterErasure } from '../members/eraseMember';
import { CountedPoints } from './pulledBalances';
import type { CredentialStore } from './credentials';
import { applyPushResponse, lastOutboxSeq, nextPushBatch, pendingCount } from './pushOutbox';
import { setCatchUpTotal } from './syncStatus';
import { recordConnectivity } from './connectivityLog';
import { readCursor, readSyncState, recordAttempt, recordError, recordSuccess } from './syncStore';
import type { SyncTransport } from './transport';

const log = createLogger('sync');

export const PUSH_BATCH = 200;
/** The wait between two rounds when the last one ended well: the terminal's pull interval. */
export const SYNC_IDLE_MS = 5_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;
/** A rate-limited request is sent again this many times, waiting at most this long each time. */
const RATE_LIMITED_RETRIES = 3;
const RETRY_AFTER_MAX_MS = 60_000;

export interface SyncWorkerOptions {
  transport: SyncTransport;
  credentials: CredentialStore;
  /** Jitter source; injected so simulations are deterministic. */
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export type SyncRunResult = 'synced' | 'offline' | 'refused' | 'not_enrolled';

class SyncFailure extends Error {
  constructor(
    message: string,
    readonly code: SyncErrorCode,
  ) {
    super(message);
  }
}

function describe(status: number, body: unknown): string {
  const parsed = headOfficeErrorBody.safeParse(body);
  const detail = parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : '';
  return `head office answered ${status}${detail ? ` (${detail})` : ''}`;
}

/**
 * Pushes the outbox and pulls every stream, beside the sale path: sales commit in their own
 * synchronous transactions whatever the network does, and each page applied here is one short
 * transaction. Failures back off exponentially with jitter; a refusal (revoked, bad request)
 * is reported in words and retried slowly.
 */
export class SyncWorker {
  private timer: unknown = null;
  private running: Promise<SyncRunResult> | null = null;
  private failures = 0;
  private stopped = true;
  private readonly random: () => number;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: SyncWorkerOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) (this.options.clearTimer ?? clearTimeout)(this.timer as never);
    this.timer = null;
  }

  /** Runs now (or joins the run under way). */
  syncNow(): Promise<SyncRunResult> {
    if (!this.running) {
      this.running = this.runOnce().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    const set = this.options.setTimer ?? ((fn: () => void, delay: number) => setTimeout(fn, delay));
    this.timer = set(() => {
      void this.syncNow().then((result) => {
        if (result === 'synced' || result === 'not_enrolled') {
          this.failures = 0;
          this.schedule(SYNC_IDLE_MS);
        } else {
          this.failures += 1;
          const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.failures, 10));
          this.schedule(Math.round(cap * (0.5 + this.random())));
        }
      });
    }, ms);
  }

  async runOnce(): Promise<SyncRunResult> {
    const { db } = this.ctx;
    const state = readSyncState(db);
    const credential = this.options.credentials.read();
    if (!state.enrolled_at || !credential || !state.remote_terminal_id) return 'not_enrolled';
    const nowIso = () => new Date(this.ctx.now()).toISOString();
    recordAttempt(db, nowIso());
    try {
      let serverTime = await this.pushAll(credential, state.remote_terminal_id);
      for (const stream of streams) {
        // The till's catalogue (its own branch) keeps the products stream; until it lands, this
        // terminal has no cursor for it and leaves it unread rather than skipping its items.
        if (stream === 'products') continue;
        serverTime = (await this.pullStream(credential, stream)) ?? serverTime;
      }
      const offset = serverTime ? new Date(serverTime).getTime() - this.ctx.now() : 0;
      recordSuccess(db, nowIso(), offset);
      this.noteConnectivity(true, null);
      log.debug(`synced with head office (clock offset ${offset} ms)`);
      return 'synced';
    } catch (error) {
      const code: SyncErrorCode = error instanceof SyncFailure ? error.code : 'unreachable';
      const refused = code === 'refused' || code === 'rejected';
      const message = error instanceof Error ? error.message : String(error);
      recordError(db, nowIso(), message, code);
      this.noteConnectivity(false, message);
      log.warn('sync failed', { message });
      return refused ? 'refused' : 'offline';
    }
  }

  /** Flips the terminal's online flag, and records the change for the day's offline periods. */
  private noteConnectivity(online: boolean, detail: string | null): void {
    this.ctx.connectivity.online = online;
    try {
      recordConnectivity(this.ctx.db, online, new Date(this.ctx.now()).toISOString(), detail);
    } catch (error) {
      // The report loses a period; syncing must not stop for it.
      log.warn('could not record a connectivity change', { error: String(error) });
    }
  }

  private async pushAll(credential: string, terminalId: string): Promise<string | null> {
    const { db } = this.ctx;
    setCatchUpTotal(db, pendingCount(db));
    // A run pushes what was waiting when it started. Sales keep adding operations while it
    // runs; chasing them, a busy till would keep the worker pushing one or two at a time and
    // never reach its pulls. They go with the next run.
    const until = lastOutboxSeq(db);
    let serverTime: string | null = null;
    for (;;) {
      const operations = nextPushBatch(db, PUSH_BATCH);
      if (operations.length === 0 || (operations[0]?.seq ?? 0) > until) return serverTime;
      // Reading the batch and writing it out as JSON are a millisecond or two each: a sale that
      // arrived meanwhile goes between them.
      await yieldToSales();
      const { status, body } = await this.post(
        syncRoutes['sync.push'].path,
        {
          protocol: SYNC_PROTOCOL_VERSION,
          terminalId,
          operations,
          outboxPending: pendingCount(db),
        },
        credential,
      );
      this.check(status, body);
      const parsed = pushResponse.safeParse(body);
      if (!parsed.success)
        throw new SyncFailure(
          'head office sent a push answer this terminal cannot read',
          'unreadable',
        );
      await yieldToSales();
      applyPushResponse(db, parsed.data, new Date(this.ctx.now()).toISOString());
      // Storing the answer fsyncs; let a waiting sale in before the next batch is read and sent.
      await yieldToSales();
      serverTime = parsed.data.serverTime;
      const first = operations[0]?.seq ?? 0;
      if (parsed.data.highWaterMark < first && parsed.data.gapExpectedSeq === null) {
        throw new SyncFailure('head office did not take the next operation', 'server_trouble');
      }
    }
  }

  private async pullStream(credential: string, stream: StreamName): Promise<string | null> {
    // One member's balance comes back page after page in a catch-up; read its entries once.
    const counted = new CountedPoints(this.ctx.db);
    for (;;) {
      const after = readCursor(this.ctx.db, stream);
      const { status, body } = await this.post(
        syncRoutes['sync.pull'].path,
        {
          stream,
          after,
          limit: MAX_PULL_PAGE,
          outboxPending: pendingCount(this.ctx.db),
          ...(stream === 'config' ? { program: programState(this.ctx.db) } : {}),
        },
        credential,
      );
      this.check(status, body);
      const parsed = pullResponse.safeParse(body);
      if (!parsed.success || parsed.data.stream !== stream || parsed.data.cursor < after) {
        throw new SyncFailure(
          'head office sent a pull answer this terminal cannot read',
          'unreadable',
        );
      }
      await applyPullPageInSlices(this.ctx.db, parsed.data, yieldToSales, { counted });
      // Erased members' bytes leave the ledger file and its WAL now, not at some later vacuum.
      if (stream === 'erasures' && parsed.data.items.length > 0) compactAfterErasure(this.ctx.db);
      if (!parsed.data.hasMore) return parsed.data.serverTime;
    }
  }

  /**
   * One request. A catch-up pushes as fast as head office answers, which can run into its
   * per-terminal rate limit: a 429 is waited out (its Retry-After, at most a minute) and the
   * request sent again, a few times, rather than ending the run and starting over. So is a 503
   * that says when to come back: head office's push queue was full (server/http/pushGate.ts).
   */
  private async post(path: string, body: unknown, credential: string) {
    for (let attempt = 1; ; attempt++) {
      const answer = await this.options.transport.post(path, body, credential);
      const askedToWait =
        answer.status === 429 || (answer.status === 503 && answer.retryAfterMs !== undefined);
      if (!askedToWait || attempt > RATE_LIMITED_RETRIES) return answer;
      const waitMs = Math.min(RETRY_AFTER_MAX_MS, answer.retryAfterMs ?? BACKOFF_BASE_MS);
      log.info('head office asked to slow down', { waitMs });
      const set =
        this.options.setTimer ?? ((fn: () => void, delay: number) => setTimeout(fn, delay));
      await new Promise<void>((resolve) => set(resolve, waitMs));
    }
  }

  private check(status: number, body: unknown): void {
    if (status >= 200 && status < 300) return;
    const message = describe(status, body);
    if (status === 401 || status === 403) throw new SyncFailure(message, 'refused');
    if (status === 400 || status === 409 || status === 413)
      throw new SyncFailure(message, 'rejected');
    throw new SyncFailure(message, 'server_trouble');
  }
}
