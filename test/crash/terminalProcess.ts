/**
 * The terminal the crash test kills: a real core on a data directory, its real sync worker over
 * HTTP, and a till that never stops selling. Run it with `node --import tsx` (or the bundle
 * childProcess.ts builds); the parent SIGKILLs it at random points and starts it again.
 *
 * Environment:
 * - CRASH_DATA_DIR: the terminal's data directory (ledger and credential).
 * - CRASH_SEED: derives sale ids and baskets (crashPlan.ts), so a restart knows what it was doing.
 * - CRASH_HEAD_OFFICE_URL, CRASH_ENROLLMENT_CODE: head office, and the code to enroll with once.
 * - CRASH_MODE: `sell` (default) sells and syncs until killed; `drain` only syncs until head
 *   office holds the whole outbox, then stops cleanly and exits 0.
 *
 * Every start, in order: set up the terminal and its members if the ledger has none (each step
 * its own transaction, so a kill during first start is harmless), enroll once, start the sync
 * worker, print `ready`, and retry the last sale the ledger holds: it must come back as the same
 * receipt. The sale counter is the ledger's own count of sales, so a restart continues where the
 * last commit left off, and the sale that was in flight when the kill came is attempted again
 * with the same id.
 *
 * stdout carries only crashPlan.ts's lines. `committed <id>` is written after `sale.record`
 * returned, so a line the parent read is a sale that committed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openCore, type TerminalCore } from '../../electron/core/core';
import { startTerminalServices } from '../../electron/core/services';
import { lastOutboxSeq, pendingCount } from '../../electron/core/sync/pushOutbox';
import { readSyncState } from '../../electron/core/sync/syncStore';
import { httpTransport, type SyncTransport } from '../../electron/core/sync/transport';
import type { SalePreview } from '../../shared/domain';
import type { Result } from '../../shared/result';
import {
  CRASH_MEMBERS,
  crashBasket,
  crashSaleId,
  crashSetup,
  formatLine,
  memberPhone,
  type ChildLine,
} from './crashPlan';

/**
 * After head office answers a push, the child waits this long before storing the answer: the
 * kill that matters most lands between head office's commit and the terminal's acknowledgement,
 * and a window of a few milliseconds lets the parent hit it.
 */
const ACK_WINDOW_MS = 3;
const DRAIN_DEADLINE_MS = 180_000;

function emit(line: ChildLine): void {
  process.stdout.write(`${formatLine(line)}\n`);
}

function die(message: string, code: number): never {
  process.stderr.write(`[crash-child] ${message}\n`);
  process.exit(code);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) die(`${name} is not set`, 2);
  return value;
}

function unwrap<T>(what: string, result: Result<unknown>): T {
  if (!result.ok) die(`${what} failed: ${result.error.code}: ${result.error.message}`, 3);
  return result.value as T;
}

/** Reports each push and its answer on stdout, so the parent can kill in the middle of one. */
function reportingTransport(inner: SyncTransport): SyncTransport {
  return {
    async post(path, body, credential) {
      if (path !== '/sync/push') return inner.post(path, body, credential);
      const seqs = (body as { operations: { seq: number }[] }).operations.map((op) => op.seq);
      emit({ kind: 'push-sent', first: seqs[0] ?? 0, last: seqs[seqs.length - 1] ?? 0 });
      const answer = await inner.post(path, body, credential);
      emit({ kind: 'push-answered', status: answer.status });
      await sleep(ACK_WINDOW_MS);
      return answer;
    },
  };
}

function countSales(core: TerminalCore): number {
  const row = core.db.prepare("SELECT count(*) AS n FROM sale WHERE kind = 'sale'").get() as {
    n: number;
  };
  return row.n;
}

/** First start: the terminal and its members, each step committed on its own. */
function ensureSetUp(core: TerminalCore): string[] {
  if (unwrap<unknown>('terminal.info', core.dispatch('terminal.info', {})) === null) {
    unwrap('terminal.setup', core.dispatch('terminal.setup', crashSetup));
    unwrap('shift.open', core.dispatch('shift.open', { floatMinor: 0 }));
  }
  const members = () =>
    (
      core.db.prepare("SELECT id FROM member WHERE origin = 'local' ORDER BY member_no").all() as {
        id: string;
      }[]
    ).map((row) => row.id);
  for (let i = members().length; i < CRASH_MEMBERS; i++) {
    unwrap(
      'member.enroll',
      core.dispatch('member.enroll', {
        name: `Crash Member ${i + 1}`,
        phone: memberPhone(i),
        marketingConsent: i % 2 === 0,
      }),
    );
  }
  return members();
}

interface Till {
  core: TerminalCore;
  seed: number;
  members: string[];
}

/** Records sale `index` as crashPlan.ts describes it; the redemption is sized from a preview. */
function recordSale(till: Till, index: number): { id: string } {
  const { core, seed, members } = till;
  const saleId = crashSaleId(seed, index);
  const basket = crashBasket(seed, index);
  const memberId = basket.memberIndex === null ? null : (members[basket.memberIndex] ?? null);
  let redeemPoints = 0;
  if (memberId && basket.redeemPercent > 0) {
    const preview = unwrap<SalePreview>(
      'sale.preview',
      core.dispatch('sale.preview', { memberId, lines: basket.lines, redeemPoints: 0 }),
    );
    const cap = Math.min(preview.maxRedeemablePoints, preview.offlineLimit?.max ?? Infinity);
    const step = Math.max(1, preview.redeemStep);
    const wanted = Math.floor((cap * basket.redeemPercent) / 100 / step) * step;
    if (wanted >= Math.max(step, preview.minimumRedeemPoints)) redeemPoints = wanted;
  }
  const receipt = unwrap<{ sale: { id: string } }>(
    'sale.record',
    core.dispatch('sale.record', { saleId, memberId, lines: basket.lines, redeemPoints }),
  );
  if (receipt.sale.id !== saleId) die(`sale.record answered ${receipt.sale.id} for ${saleId}`, 3);
  return receipt.sale;
}

async function sell(till: Till, counter: number, syncNow: () => Promise<string>): Promise<never> {
  // Sync runs beside the till all the time, as the worker does in a shop with a backlog.
  void (async () => {
    for (;;) {
      const result = await syncNow();
      emit({ kind: 'sync', result });
      await sleep(result === 'synced' ? 10 : 50);
    }
  })();
  for (let index = counter; ; index++) {
    emit({ kind: 'sale', saleId: crashSaleId(till.seed, index), index });
    recordSale(till, index);
    emit({ kind: 'committed', saleId: crashSaleId(till.seed, index), index });
    // A busy till with a queue: a sale every 10 to 30 ms, with room for the sync worker's I/O.
    await sleep(10 + (index % 5) * 5);
  }
}

async function drain(core: TerminalCore, syncNow: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + DRAIN_DEADLINE_MS;
  for (;;) {
    const result = await syncNow();
    emit({ kind: 'sync', result });
    if (result === 'synced' && pendingCount(core.db) === 0) return;
    if (Date.now() > deadline) die(`outbox not drained: ${pendingCount(core.db)} pending`, 4);
    if (result !== 'synced') await sleep(100);
  }
}

async function main(): Promise<void> {
  const dataDir = required('CRASH_DATA_DIR');
  const seed = Number(required('CRASH_SEED'));
  const serverUrl = required('CRASH_HEAD_OFFICE_URL');
  const mode = process.env.CRASH_MODE === 'drain' ? 'drain' : 'sell';

  const core = openCore({ dataDir });
  const services = startTerminalServices(core, {
    transportFor: (url) => reportingTransport(httpTransport(url)),
  });
  const members = ensureSetUp(core);
  if (!readSyncState(core.db).enrolled_at) {
    unwrap(
      'sync.enroll',
      await core.dispatchAsync('sync.enroll', {
        serverUrl,
        code: required('CRASH_ENROLLMENT_CODE'),
      }),
    );
  }
  const sync = core.ctx.sync;
  if (!sync) die('the sync services did not start', 3);
  const syncNow = () => sync.syncNow();
  const till: Till = { core, seed, members };

  const counter = countSales(core);
  emit({ kind: 'ready', counter, pending: pendingCount(core.db), outbox: lastOutboxSeq(core.db) });
  if (counter > 0) {
    // The last sale the ledger holds, asked for again: a till retrying after a crash.
    const before = countSales(core);
    const saleId = recordSale(till, counter - 1).id;
    emit({ kind: 'retry', saleId, existing: countSales(core) === before });
  }

  if (mode === 'sell') await sell(till, counter, syncNow);
  await drain(core, syncNow);
  emit({ kind: 'drained', outbox: lastOutboxSeq(core.db) });
  services.stop();
  core.close();
  process.exit(0);
}

process.on('unhandledRejection', (error) => die(`unhandled rejection: ${String(error)}`, 5));
main().catch((error: unknown) => die(`failed: ${String(error)}`, 5));
