import type { MemberViewReason } from '../../shared/office/members';
import type { OfficeRole } from '../../shared/contract/route';
import type { Queryable } from '../db/database';
import type { ServiceRandom } from '../platform/randomness';

/** Who is looking at a member's personal data at head office, and why. */
export interface Viewer {
  actor: string;
  userId: string | null;
  role: OfficeRole;
  reason: MemberViewReason;
}

/**
 * The one writer of member_views: one row per member whose personal data an answer shows, in
 * the transaction that reads it, so nothing is shown that is not logged.
 */
export async function recordMemberViews(
  tx: Queryable,
  random: ServiceRandom,
  nowMs: number,
  viewer: Viewer,
  view: 'search' | 'page',
  memberIds: readonly string[],
): Promise<void> {
  const at = new Date(nowMs).toISOString();
  for (const memberId of memberIds) {
    await tx.query(
      `INSERT INTO member_views (id, member_id, viewed_at, admin_user_id, viewer, role, reason, view)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        random.uuidv7(nowMs),
        memberId,
        at,
        viewer.userId,
        viewer.actor,
        viewer.role,
        viewer.reason,
        view,
      ],
    );
  }
}
