import type Database from 'better-sqlite3-multiple-ciphers';
import {
  applyLotEntry,
  replayLots,
  summarisePoints,
  type LotState,
  type PointsSummary,
} from '../../../shared/rules/pointsLots';
import { prepared } from '../db/statements';
import { memberLotEntries, type WrittenEntry } from './pointsLedger';

/** Head office's balance for the member, as of this terminal's operations up to asOfSeq. */
export interface RemoteBalance {
  points: number;
  asOfSeq: number;
  /** What this terminal's own entries up to asOfSeq add up to. */
  localIncluded: number;
}

/**
 * One member's points as an operation sees them: the ledger read and replayed once, then kept
 * current by applying each entry the operation writes (applyWritten). A sale asks it three
 * questions (what has expired, what may be spent, what is left for the receipt) and a member's
 * entries are scattered over a large table, so reading them once matters.
 */
export interface MemberLots {
  memberId: string;
  state: LotState;
  remote: RemoteBalance | null;
}

export function readMemberLots(db: Database.Database, memberId: string): MemberLots {
  const remote = prepared(
    db,
    'SELECT points, as_of_seq, local_included FROM member_remote WHERE member_id = ?',
  ).get(memberId) as { points: number; as_of_seq: number; local_included: number } | undefined;
  return {
    memberId,
    state: replayLots(memberLotEntries(db, memberId)),
    remote: remote
      ? { points: remote.points, asOfSeq: remote.as_of_seq, localIncluded: remote.local_included }
      : null,
  };
}

/**
 * Applies an entry just written in this transaction (it is the newest in the ledger, stamped
 * `createdAt`). Entries for another member, such as a referrer's bonus, are not this ledger's.
 */
export function applyWritten(lots: MemberLots, entry: WrittenEntry, createdAt: string): void {
  if (entry.memberId !== lots.memberId) return;
  applyLotEntry(lots.state, {
    id: entry.id,
    kind: entry.kind,
    points: entry.points,
    createdAt,
    availableAt: entry.availableAt,
    expiresAt: entry.expiresAt,
    reversesId: entry.reversesId,
    lotId: entry.lotId,
  });
}

/** This terminal's lots alone. */
export function localPoints(lots: MemberLots, nowIso: string): PointsSummary {
  return summarisePoints(lots.state, nowIso);
}

/**
 * What the member can spend here: this terminal's lots (with their pending and expiry rules),
 * and, once head office has reported on the member, the chain's balance instead of the local
 * one, with this terminal's not-yet-counted entries on top. Pending points are never spendable.
 */
export function chainPoints(lots: MemberLots, nowIso: string): PointsSummary {
  const local = localPoints(lots, nowIso);
  const { remote } = lots;
  if (!remote) return local;
  const chainTotal = remote.points + (local.total - remote.localIncluded);
  const dueToExpire = local.dueToExpire.reduce((s, d) => s + d.points, 0);
  const available = Math.max(0, chainTotal - local.pending - dueToExpire);
  return {
    ...local,
    total: chainTotal,
    available,
    debt: chainTotal < 0 ? -chainTotal : 0,
  };
}
