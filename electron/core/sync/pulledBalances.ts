import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/statements';

/**
 * localPointsIncluded (points/chainBalance.ts) for many members in one statement: per member,
 * the sum of this terminal's entries that head office had counted when it reported balances that
 * include this terminal's operations up to `asOfSeq`, among entries up to `upToEntry`.
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
  upToEntry = Number.MAX_SAFE_INTEGER,
): Map<string, number> {
  if (memberIds.length === 0) return new Map();
  const rows = prepared(
    db,
    `SELECT e.member_id AS memberId, sum(e.points) AS total FROM points_entry e
     WHERE e.member_id IN (SELECT value FROM json_each(?)) AND e.entry_no <= ?
       AND e.hlc NOT IN (SELECT o.hlc FROM outbox o WHERE o.seq > ?)
     GROUP BY e.member_id`,
  ).all(JSON.stringify([...new Set(memberIds)]), upToEntry, asOfSeq) as {
    memberId: string;
    total: number;
  }[];
  return new Map(rows.map((row) => [row.memberId, row.total]));
}

/**
 * The same figures across the slices and pages of one pull of the balances stream. A catch-up
 * pulls one balance item per sale, so each member comes back page after page; reading all of a
 * member's entries each time is what made pulling slow. The ledger is append-only and whether an
 * entry is counted never changes for a given mark, so a member's figure is read once and then
 * only moved by the entries written since.
 */
export class CountedPoints {
  private asOfSeq = -1;
  private upToEntry = 0;
  private readonly totals = new Map<string, number>();

  constructor(private readonly db: Database.Database) {}

  of(memberIds: readonly string[], asOfSeq: number): Map<string, number> {
    if (asOfSeq !== this.asOfSeq) {
      this.asOfSeq = asOfSeq;
      this.upToEntry = 0;
      this.totals.clear();
    }
    const latest = (
      prepared(this.db, 'SELECT coalesce(max(entry_no), 0) AS n FROM points_entry').get() as {
        n: number;
      }
    ).n;
    if (latest > this.upToEntry && this.totals.size > 0) {
      const since = prepared(
        this.db,
        `SELECT member_id AS memberId, sum(points) AS total FROM points_entry
         WHERE entry_no > ? AND entry_no <= ?
           AND hlc NOT IN (SELECT o.hlc FROM outbox o WHERE o.seq > ?)
         GROUP BY member_id`,
      ).all(this.upToEntry, latest, asOfSeq) as { memberId: string; total: number }[];
      for (const row of since) {
        const known = this.totals.get(row.memberId);
        if (known !== undefined) this.totals.set(row.memberId, known + row.total);
      }
    }
    const missing = [...new Set(memberIds)].filter((id) => !this.totals.has(id));
    const read = localPointsIncludedFor(this.db, missing, asOfSeq, latest);
    for (const id of missing) this.totals.set(id, read.get(id) ?? 0);
    this.upToEntry = latest;
    return new Map(memberIds.map((id) => [id, this.totals.get(id) ?? 0]));
  }
}
