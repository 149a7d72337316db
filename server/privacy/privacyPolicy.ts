import {
  DEFAULT_REQUEST_DEADLINE_DAYS,
  privacyPolicy,
  type PrivacyPolicy,
} from '../../shared/office/dataRequests';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import { isoAt, type ServiceClock } from '../platform/clock';
import { guard, succeed, type Outcome } from '../platform/errors';
import { parseInput } from '../platform/parse';

export const DEFAULT_PRIVACY_POLICY: PrivacyPolicy = {
  requestDeadlineDays: DEFAULT_REQUEST_DEADLINE_DAYS,
  retentionYears: null,
  retentionNoticeDays: 30,
};

/** The chain's policy (migration 16 writes the defaults; a missing row reads as them). */
export async function readPrivacyPolicy(tx: Queryable): Promise<PrivacyPolicy> {
  const { rows } = await tx.query<{
    request_deadline_days: number;
    retention_years: number | null;
    retention_notice_days: number;
  }>(
    'SELECT request_deadline_days, retention_years, retention_notice_days FROM privacy_policy WHERE id = 1',
  );
  const row = rows[0];
  if (!row) return DEFAULT_PRIVACY_POLICY;
  return {
    requestDeadlineDays: row.request_deadline_days,
    retentionYears: row.retention_years,
    retentionNoticeDays: row.retention_notice_days,
  };
}

export function privacyPolicyService(db: Database, clock: ServiceClock) {
  return {
    getPolicy(): Promise<Outcome<PrivacyPolicy>> {
      return guard(async () => succeed(await readPrivacyPolicy(db)));
    },
    setPolicy(actor: string, body: unknown): Promise<Outcome<PrivacyPolicy>> {
      return guard(async () => {
        const policy = parseInput(privacyPolicy, body, 'privacy policy');
        const at = isoAt(clock);
        await db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO privacy_policy (id, request_deadline_days, retention_years,
               retention_notice_days, updated_at, updated_by)
             VALUES (1, $1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET request_deadline_days = excluded.request_deadline_days,
               retention_years = excluded.retention_years,
               retention_notice_days = excluded.retention_notice_days,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
            [
              policy.requestDeadlineDays,
              policy.retentionYears,
              policy.retentionNoticeDays,
              at,
              actor,
            ],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'privacy_policy.set',
            subject: null,
            details: policy,
          });
        });
        return succeed(policy);
      });
    },
  };
}
