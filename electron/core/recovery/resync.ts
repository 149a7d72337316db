import type { HeadOfficeView } from '../../../shared/backup';
import { DomainError } from '../../../shared/result';
import {
  ownOperationsResponse,
  MAX_OWN_OPERATIONS_PAGE,
  type SyncOperation,
} from '../../../shared/sync/protocol';
import { syncRoutes } from '../../../shared/sync/routes';
import type { TerminalCore } from '../core';
import type { CredentialStore } from '../sync/credentials';
import { SyncWorker } from '../sync/syncWorker';
import { compactAfterErasure, reapplyKnownErasures } from '../members/eraseMember';
import type { SyncTransport } from '../sync/transport';
import { readSyncState } from '../sync/syncStore';
import { prepared } from '../db/statements';
import { reapplyOwnOperations, type Reapplied } from './reapplyOperations';

export interface ResyncDeps {
  /** By default the credential inside the restored ledger. */
  credentials?: CredentialStore;
  transportFor(serverUrl: string): SyncTransport;
}

export interface Resynced {
  headOffice: HeadOfficeView | null;
  reapplied: Reapplied;
  /** Operations in the backup head office had not acknowledged (pushed now). */
  unsentInBackup: number;
}

const needsHeadOffice = (why: string) =>
  new DomainError(
    'restore_needs_head_office',
    `Head office could not give back this terminal's operations: ${why}`.slice(0, 500),
  );

/**
 * After a restore, before the terminal sells again:
 * 1. asks head office for this terminal's operations after the backup's last acknowledged seq,
 *    with its high-water mark, and checks those the backup also holds are the same operations;
 * 2. runs one sync round: the backup's unacknowledged operations go out (head office answers the
 *    ones it has as repeats) and every stream is pulled on from the backup's cursors, bringing
 *    back members, balances and coupons as head office has them;
 * 3. writes the operations after the backup back into the ledger (reapplyOperations.ts), so the
 *    next seq follows head office's mark.
 * A terminal never enrolled has nothing to ask for.
 */
export async function resyncAfterRestore(core: TerminalCore, deps: ResyncDeps): Promise<Resynced> {
  const { db } = core;
  const state = readSyncState(db);
  const localLast = lastSeq(db, false);
  const acked = lastSeq(db, true);
  const unsentInBackup = Math.max(0, localLast - acked);
  if (!state.enrolled_at || !state.server_url || !state.remote_terminal_id) {
    signOutWhoeverWasSignedIn(core);
    return { headOffice: null, reapplied: { operations: 0, sales: 0, skipped: 0 }, unsentInBackup };
  }
  const credential = (deps.credentials ?? core.credentials).read();
  if (!credential) throw needsHeadOffice("this terminal's head-office credential is missing.");
  const transport = deps.transportFor(state.server_url);

  const operations: SyncOperation[] = [];
  let view: HeadOfficeView | undefined;
  let after = acked;
  for (;;) {
    let answer;
    try {
      answer = await transport.post(
        syncRoutes['sync.operations'].path,
        { after, limit: MAX_OWN_OPERATIONS_PAGE },
        credential,
      );
    } catch (error) {
      throw needsHeadOffice(error instanceof Error ? error.message : String(error));
    }
    if (answer.status !== 200) throw needsHeadOffice(`it answered ${answer.status}.`);
    const parsed = ownOperationsResponse.safeParse(answer.body);
    if (!parsed.success) throw needsHeadOffice('its answer could not be read.');
    operations.push(...parsed.data.operations);
    view = {
      highWaterMark: parsed.data.highWaterMark,
      lastSeenAt: parsed.data.lastSeenAt,
      pendingAtLastSeen: parsed.data.pendingAtLastSeen,
    };
    const last = parsed.data.operations.at(-1);
    if (!parsed.data.hasMore || !last) break;
    after = last.seq;
  }

  if (!view) throw needsHeadOffice('it gave no answer.');
  const opIdAt = prepared(db, 'SELECT op_id FROM outbox WHERE seq = ?');
  for (const op of operations) {
    if (op.seq > localLast) break;
    const local = opIdAt.get(op.seq) as { op_id: string } | undefined;
    if (local?.op_id !== op.opId)
      throw new DomainError(
        'backup_failed',
        `This backup is not this terminal's history: head office holds another operation at seq ${op.seq}.`,
      );
  }

  const worker = new SyncWorker(core.ctx, {
    transport,
    credentials: deps.credentials ?? core.credentials,
  });
  const round = await worker.runOnce();
  if (round !== 'synced') throw needsHeadOffice(readSyncState(db).last_error ?? round);

  const after_ = operations.filter((op) => op.seq > localLast);
  const reapplied = reapplyOwnOperations(
    db,
    after_,
    new Date(core.ctx.now()).toISOString(),
    view.highWaterMark,
  );
  // Operations given back may hold members erased since the backup: they stay erased.
  if (reapplyKnownErasures(db) > 0) compactAfterErasure(db);
  const newest = after_.at(-1);
  if (newest) core.ctx.clock.observe(newest.hlc);
  if (view.highWaterMark > lastSeq(db, false))
    throw needsHeadOffice(
      `it holds operations up to seq ${view.highWaterMark} but gave back only up to ${lastSeq(db, false)}.`,
    );
  signOutWhoeverWasSignedIn(core);
  return { headOffice: view, reapplied, unsentInBackup };
}

/**
 * The backup remembers who was signed in when it was taken; whoever restored it (anyone may, on a
 * broken terminal) must not carry on as them. Audited as a sign-out; nobody signed in is fine.
 */
function signOutWhoeverWasSignedIn(core: TerminalCore): void {
  core.dispatch('staff.signOut', {});
}

function lastSeq(db: TerminalCore['db'], ackedOnly: boolean): number {
  const row = prepared(
    db,
    ackedOnly
      ? 'SELECT coalesce(max(seq), 0) AS n FROM outbox WHERE acked_at IS NOT NULL'
      : 'SELECT coalesce(max(seq), 0) AS n FROM outbox',
  ).get() as { n: number };
  return row.n;
}
