import {
  complainantWindows,
  noComplaintWindow,
  recoveryGroups,
  repurchaseFigure,
  type RecoveryComplaint,
  type RepurchaseFigure,
} from '../../shared/figures/serviceRecovery';
import type { Queryable } from '../db/database';

export interface RecoveryFilters {
  /** Period start and end as instants: [from, to). */
  from: string;
  to: string;
  fromDate: string;
  storeId: string | null;
  staffId: string | null;
  category: string | null;
}

/**
 * The service recovery outcome (shared/figures/serviceRecovery.ts defines it): the groups and
 * windows come from the shared figure; PostgreSQL only says whether a member's sale falls in a
 * window. A store narrows the complaints and the members without one (who bought there); a
 * cashier and a category narrow the complaints.
 */
export async function serviceRecoveryOf(
  db: Queryable,
  f: RecoveryFilters,
): Promise<RepurchaseFigure[]> {
  const { rows: complaints } = await db.query<{
    member_id: string;
    opened_at: Date | string;
    resolved_at: Date | string | null;
    status: string;
  }>(
    `SELECT member_id, opened_at, resolved_at, status FROM complaint
     WHERE member_id IS NOT NULL AND opened_at >= $1 AND opened_at < $2
       AND ($3::uuid IS NULL OR store_id = $3)
       AND ($4::text IS NULL OR opened_by = $4)
       AND ($5::text IS NULL OR category = $5)`,
    [f.from, f.to, f.storeId, f.staffId, f.category],
  );
  const windows = complainantWindows(
    complaints.map((c): RecoveryComplaint => ({
      memberId: c.member_id,
      openedAt: new Date(c.opened_at).toISOString(),
      resolvedAt: c.resolved_at === null ? null : new Date(c.resolved_at).toISOString(),
      status: c.status,
    })),
  );
  const { rows: bought } = await db.query<{ member_id: string; group: string }>(
    `SELECT w.member_id, w.grp AS group
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS w(member_id, grp, after, until)
     WHERE EXISTS (SELECT 1 FROM sale s WHERE s.member_id = w.member_id AND s.kind = 'sale'
       AND s.created_at > w.after AND s.created_at <= w.until)`,
    [
      windows.map((w) => w.memberId),
      windows.map((w) => w.group),
      windows.map((w) => w.after),
      windows.map((w) => w.until),
    ],
  );
  const nc = noComplaintWindow(f.fromDate);
  const { rows: noComplaint } = await db.query<{ members: number; repurchased: number }>(
    `WITH active AS (
       SELECT DISTINCT s.member_id FROM sale s
       WHERE s.member_id IS NOT NULL AND s.kind = 'sale'
         AND s.created_at >= $1 AND s.created_at < $2
         AND ($4::uuid IS NULL OR s.store_id = $4)
         AND NOT EXISTS (SELECT 1 FROM complaint c
           WHERE c.member_id = s.member_id AND c.opened_at < $5::timestamptz))
     SELECT count(*)::integer AS members,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sale s WHERE s.member_id = a.member_id
         AND s.kind = 'sale' AND s.created_at > $2 AND s.created_at <= $3))::integer AS repurchased
     FROM active a`,
    [nc.lookbackFrom, nc.after, nc.until, f.storeId, f.to],
  );
  return recoveryGroups.map((group) => {
    if (group === 'noComplaint') {
      return repurchaseFigure(
        group,
        noComplaint[0]?.members ?? 0,
        noComplaint[0]?.repurchased ?? 0,
      );
    }
    return repurchaseFigure(
      group,
      windows.filter((w) => w.group === group).length,
      bought.filter((b) => b.group === group).length,
    );
  });
}
