import type Database from 'better-sqlite3-multiple-ciphers';
import type { PointsSummary } from '../../../shared/rules/pointsLots';
import { prepared } from '../db/statements';
import { chainPoints, readMemberLots } from './memberLots';

/**
 * Sum of this member's local entries that head office had counted when it reported a balance
 * that includes this terminal's operations up to `asOfSeq`. An entry belongs to the outbox
 * operation(s) written with the same clock stamp, all in one transaction; it is counted once the
 * last of them is.
 */
export function localPointsIncluded(
  db: Database.Database,
  memberId: string,
  asOfSeq: number,
): number {
  const row = prepared(
    db,
    `SELECT coalesce(sum(e.points), 0) AS total FROM points_entry e
     WHERE e.member_id = ?
       AND coalesce((SELECT max(o.seq) FROM outbox o WHERE o.hlc = e.hlc), 0) <= ?`,
  ).get(memberId, asOfSeq) as { total: number };
  return row.total;
}

/**
 * What a member can spend here (see chainPoints). Reads the member's ledger; an operation that
 * also writes points should read it once with readMemberLots and carry that through instead.
 */
export function spendablePoints(
  db: Database.Database,
  memberId: string,
  nowIso: string,
): PointsSummary {
  return chainPoints(readMemberLots(db, memberId), nowIso);
}
