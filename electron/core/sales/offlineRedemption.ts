import type Database from 'better-sqlite3-multiple-ciphers';
import { offlineRedemptionPolicy } from '../../../shared/sync/protocol';
import { prepared } from '../db/statements';
import type { CoreContext } from '../context';
import { readSyncState } from '../sync/syncStore';
import { MAX_CLOCK_OFFSET_MS } from '../sync/syncStatus';

export type OfflineLimitReason = 'per_sale' | 'per_member' | 'offline_too_long' | 'clock';

export interface OfflineLimit {
  /** Most points this member may redeem on this sale while offline. */
  max: number;
  reason: OfflineLimitReason;
}

function redeemedOfflineSince(db: Database.Database, memberId: string, sinceIso: string): number {
  const row = prepared(
    db,
    `SELECT coalesce(sum(points_redeemed), 0) AS n FROM sale
     WHERE member_id = ? AND offline = 1 AND created_at > ?`,
  ).get(memberId, sinceIso) as { n: number };
  return Math.max(0, row.n);
}

/**
 * The risk policy head office sets for spending points while a terminal cannot reach it:
 * a cap per sale, a cap per member across everything redeemed since the last successful sync,
 * and a longest time offline. A clock too far from head office's also stops offline redemption
 * until the next sync. Null when no limit applies (online, or not enrolled with a head office:
 * a standalone terminal is its own truth).
 */
export function offlineRedemptionLimit(ctx: CoreContext, memberId: string): OfflineLimit | null {
  if (ctx.connectivity.online) return null;
  const state = readSyncState(ctx.db);
  if (!state.enrolled_at) return null;
  const policy = offlineRedemptionPolicy.safeParse(
    state.offline_policy ? JSON.parse(state.offline_policy) : null,
  );
  if (Math.abs(state.server_offset_ms) > MAX_CLOCK_OFFSET_MS) return { max: 0, reason: 'clock' };
  if (!policy.success) return null;
  const since = state.last_success_at ?? state.enrolled_at;
  const offlineMs = ctx.now() - new Date(since).getTime();
  if (offlineMs > policy.data.maxOfflineHours * 3_600_000)
    return { max: 0, reason: 'offline_too_long' };
  const memberLeft = Math.max(
    0,
    policy.data.maxPointsPerMemberOffline - redeemedOfflineSince(ctx.db, memberId, since),
  );
  return memberLeft < policy.data.maxPointsPerSaleOffline
    ? { max: memberLeft, reason: 'per_member' }
    : { max: policy.data.maxPointsPerSaleOffline, reason: 'per_sale' };
}
