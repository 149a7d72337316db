import type { Queryable } from './database';

/** Who did what to what, and when: every admin change writes one row in its own transaction. */
export async function recordAudit(
  tx: Queryable,
  entry: { at: string; actor: string; action: string; subject: string | null; details: unknown },
): Promise<void> {
  await tx.query(
    'INSERT INTO audit_log (at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [entry.at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.details ?? {})],
  );
}
