import type { RetentionReport } from '../../shared/office/dataRequests';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import { iso, isoAt, type ServiceClock } from '../platform/clock';
import { createLogger } from '../platform/logger';
import { guard, succeed, type Outcome } from '../platform/errors';
import { compactAfterErasure, eraseMembers } from './erasure';
import { addDays, dayOf } from './dataRequestLog';
import { readPrivacyPolicy } from './privacyPolicy';

const log = createLogger('retention');

/** Who the retention job records as asking and approving: the policy, not a person. */
export const RETENTION_ACTOR = 'retention policy';

/** Members anonymised per transaction: each holds their rows locked while it runs. */
const BATCH = 200;

interface InactiveRow {
  id: string;
  card_number: string;
  last_at: Date | string;
}

/**
 * Members still holding personal data whose last activity (enrollment reaching head office, a
 * sale, a points entry, a consent answer) is before `before`, oldest first.
 */
async function inactiveBefore(
  tx: Queryable,
  before: string,
  limit: number,
): Promise<InactiveRow[]> {
  const { rows } = await tx.query<InactiveRow>(
    `SELECT id, card_number, last_at FROM (
       SELECT m.id, m.card_number, greatest(m.arrived_at, a.last_purchase_at,
         (SELECT max(p.recorded_at) FROM points_entry p WHERE p.member_id = m.id),
         (SELECT max(c.recorded_at) FROM consent_event c WHERE c.member_id = m.id)) AS last_at
       FROM member m LEFT JOIN member_activity a ON a.member_id = m.id
       WHERE m.merged_into IS NULL AND m.erased_at IS NULL
     ) AS activity
     WHERE last_at < $1::timestamptz
     ORDER BY last_at, id LIMIT $2`,
    [before, limit],
  );
  return rows;
}

/** The instant `years` before `ms` (calendar years, UTC). */
function yearsBefore(ms: number, years: number): string {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString();
}

export function retentionService(db: Database, clock: ServiceClock) {
  return {
    /** Who the job will anonymise within the notice period, with the day it will. */
    retentionReport(): Promise<Outcome<RetentionReport>> {
      return guard(async (): Promise<Outcome<RetentionReport>> => {
        const policy = await readPrivacyPolicy(db);
        if (policy.retentionYears === null) return succeed({ retentionYears: null, members: [] });
        const years = policy.retentionYears;
        const horizon = clock.now() + policy.retentionNoticeDays * 86_400_000;
        const rows = await inactiveBefore(db, yearsBefore(horizon, years), 1000);
        const today = dayOf(clock.now());
        return succeed({
          retentionYears: years,
          members: rows.map((row) => {
            const last = iso(row.last_at) ?? '';
            const due = dayOf(Date.parse(yearsBefore(Date.parse(last), -years)));
            return {
              memberId: row.id,
              cardNumber: row.card_number,
              lastActivityAt: last,
              anonymisedOn: due < today ? today : addDays(due, 0),
            };
          }),
        });
      });
    },

    /**
     * The scheduled job: anonymises every member inactive for the policy's years, in batches.
     * The job queue runs it once per day across nodes; a run again after a crash skips members
     * already erased, so it is safe to repeat.
     */
    async anonymiseInactive(): Promise<number> {
      const policy = await readPrivacyPolicy(db);
      if (policy.retentionYears === null) return 0;
      const before = yearsBefore(clock.now(), policy.retentionYears);
      let total = 0;
      for (;;) {
        const at = isoAt(clock);
        const erased = await db.transaction(async (tx) => {
          const due = await inactiveBefore(tx, before, BATCH);
          const ids = await eraseMembers(
            tx,
            due.map((r) => r.id),
            {
              reason: 'retention',
              requestId: null,
              requestedBy: RETENTION_ACTOR,
              approvedBy: RETENTION_ACTOR,
            },
            at,
          );
          if (ids.length > 0) {
            await recordAudit(tx, {
              at,
              actor: RETENTION_ACTOR,
              action: 'members.anonymised',
              subject: null,
              details: { members: ids.length, inactiveSince: before },
            });
          }
          for (const id of ids) log.info('member erased', { memberId: id, reason: 'retention' });
          return { found: due.length, ids: ids.length };
        });
        total += erased.ids;
        if (erased.found < BATCH) break;
      }
      if (total > 0) {
        log.info(`retention anonymised ${total} inactive members`);
        await compactAfterErasure(db);
      }
      return total;
    },
  };
}
