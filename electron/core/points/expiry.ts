import type Database from 'better-sqlite3-multiple-ciphers';
import type { Stamp } from '../context';
import { prepared } from '../db/statements';
import { appendPointsEntry, type WrittenEntry } from './pointsLedger';
import {
  applyWritten,
  chainPoints,
  localPoints,
  readMemberLots,
  type MemberLots,
} from './memberLots';

/**
 * Writes an expire entry for every lot of this member that is past its expiry date with points
 * left. Idempotent: each lot gets at most one expire entry (a unique index backs this).
 *
 * This terminal only knows the lots earned here, but points are spent chain-wide: when head office
 * has reported on the member, expiry never takes the chain balance below what is still pending,
 * so points already spent at another store are not expired a second time. Call inside the
 * caller's transaction.
 */
export function expireMemberPoints(
  db: Database.Database,
  stamp: Stamp,
  memberId: string,
): WrittenEntry[] {
  return expireDueLots(db, stamp, readMemberLots(db, memberId));
}

/** expireMemberPoints on lots already read; the entries written are applied to them. */
export function expireDueLots(
  db: Database.Database,
  stamp: Stamp,
  lots: MemberLots,
): WrittenEntry[] {
  const { dueToExpire } = localPoints(lots, stamp.createdAt);
  if (dueToExpire.length === 0) return [];
  const chain = chainPoints(lots, stamp.createdAt);
  let room = lots.remote ? Math.max(0, chain.total - chain.pending) : Number.MAX_SAFE_INTEGER;
  const written: WrittenEntry[] = [];
  for (const due of dueToExpire) {
    const already = prepared(
      db,
      "SELECT 1 FROM points_entry WHERE kind = 'expire' AND lot_id = ?",
    ).get(due.lotId);
    const points = Math.min(due.points, room);
    if (already || points <= 0) continue;
    room -= points;
    const { entry } = appendPointsEntry(db, stamp, {
      memberId: lots.memberId,
      kind: 'expire',
      points: -points,
      saleId: null,
      reversesId: null,
      lotId: due.lotId,
      reason: `expired ${due.expiresAt.slice(0, 10)}`,
    });
    applyWritten(lots, entry, stamp.createdAt);
    written.push(entry);
  }
  return written;
}

/**
 * Members with at least one lot past expiry that has no expire entry yet, in member-id order
 * after `afterMemberId`, so a long catch-up can go page by page.
 */
export function membersWithDueExpiry(
  db: Database.Database,
  nowIso: string,
  afterMemberId: string,
  limit: number,
): string[] {
  const rows = prepared(
    db,
    `SELECT DISTINCT lot.member_id AS member_id
     FROM points_entry lot
     WHERE lot.expires_at IS NOT NULL AND lot.expires_at <= ? AND lot.points > 0
       AND lot.member_id > ?
       AND NOT EXISTS (SELECT 1 FROM points_entry x WHERE x.kind = 'expire' AND x.lot_id = lot.id)
     ORDER BY lot.member_id
     LIMIT ?`,
  ).all(nowIso, afterMemberId, limit) as { member_id: string }[];
  return rows.map((row) => row.member_id);
}
