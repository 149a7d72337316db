import type Database from 'better-sqlite3';
import type { PointsSummary } from '../../../shared/rules/pointsLots';
import { prepared } from '../db/statements';
import { memberPoints } from './pointsLedger';

interface RemoteRow {
  points: number;
  as_of_seq: number;
  local_included: number;
}

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
 * What a member can spend here: this terminal's lots (with their pending and expiry rules), and,
 * once head office has reported on the member, the chain's balance instead of the local one,
 * with this terminal's not-yet-counted entries on top. Pending points are never spendable.
 */
export function spendablePoints(
  db: Database.Database,
  memberId: string,
  nowIso: string,
): PointsSummary {
  const local = memberPoints(db, memberId, nowIso);
  const remote = prepared(
    db,
    'SELECT points, as_of_seq, local_included FROM member_remote WHERE member_id = ?',
  ).get(memberId) as RemoteRow | undefined;
  if (!remote) return local.summary;
  const localTotal = local.summary.total;
  const chainTotal = remote.points + (localTotal - remote.local_included);
  const dueToExpire = local.summary.dueToExpire.reduce((s, d) => s + d.points, 0);
  const available = Math.max(0, chainTotal - local.summary.pending - dueToExpire);
  return {
    ...local.summary,
    total: chainTotal,
    available,
    debt: chainTotal < 0 ? -chainTotal : 0,
  };
}
