import type Database from 'better-sqlite3';
import { prepared } from '../db/statements';

/**
 * localPointsIncluded (points/chainBalance.ts) for many members in one statement: per member,
 * the sum of this terminal's entries that head office had counted when it reported balances that
 * include this terminal's operations up to `asOfSeq`.
 *
 * An entry is counted once the last outbox operation written with its clock stamp is at or below
 * `asOfSeq`; put the other way, it is not counted while some operation with its stamp is above.
 * The operations above the mark are the few still pending, so they are read once, not looked up
 * again for every entry of every member as the one-member form does.
 */
export function localPointsIncludedFor(
  db: Database.Database,
  memberIds: readonly string[],
  asOfSeq: number,
): Map<string, number> {
  if (memberIds.length === 0) return new Map();
  const rows = prepared(
    db,
    `SELECT e.member_id AS memberId, sum(e.points) AS total FROM points_entry e
     WHERE e.member_id IN (SELECT value FROM json_each(?))
       AND e.hlc NOT IN (SELECT o.hlc FROM outbox o WHERE o.seq > ?)
     GROUP BY e.member_id`,
  ).all(JSON.stringify([...new Set(memberIds)]), asOfSeq) as { memberId: string; total: number }[];
  return new Map(rows.map((row) => [row.memberId, row.total]));
}
