import type Database from 'better-sqlite3';
import type { Stamp } from '../context';
import { prepared } from '../db/statements';
import { appendPointsEntry, memberPoints, type WrittenEntry } from './pointsLedger';

/**
 * Writes an expire entry for every lot of this member that is past its expiry date with points
 * left. Idempotent: a lot that already has its expire entry has nothing left, and a unique index
 * refuses a second one. Call inside the caller's transaction.
 */
export function expireMemberPoints(
  db: Database.Database,
  stamp: Stamp,
  memberId: string,
): WrittenEntry[] {
  const { summary } = memberPoints(db, memberId, stamp.createdAt);
  return summary.dueToExpire.map(
    (due) =>
      appendPointsEntry(db, stamp, {
        memberId,
        kind: 'expire',
        points: -due.points,
        saleId: null,
        reversesId: null,
        lotId: due.lotId,
        reason: `expired ${due.expiresAt.slice(0, 10)}`,
      }).entry,
  );
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
