import type { ConsentPurpose } from '../../shared/rules/consent';
import {
  consentAllows,
  type MessageChannel,
  type MessageContent,
  type MessageStatus,
} from '../../shared/rules/messaging';
import type { Queryable } from '../db/database';
import type { JobQueue } from '../jobs/jobQueue';
import { HeadOfficeFailure } from '../platform/errors';
import type { ServiceRandom } from '../platform/randomness';

/** The job that sends one message; its key names the message, so it exists once. */
export const SEND_MESSAGE_JOB = 'message.send';
/** Tries before a message that keeps failing for a passing reason is marked failed. */
export const MESSAGE_MAX_ATTEMPTS = 6;

/** What a campaign or a greeting asks for: one message to one member. */
export interface MessageRequest {
  memberId: string;
  campaignId?: string | null;
  channel: MessageChannel;
  purpose: ConsentPurpose;
  /** Which kind of message, for the counts: 'birthday', or the campaign's variant. */
  template: string;
  content: MessageContent;
  /** A message that must exist once (e.g. `birthday:2026:<member>`): asking again changes nothing. */
  dedupeKey?: string | null;
  /** Not before (ms); quiet hours may move it later still. */
  notBeforeMs?: number;
}

export interface QueuedMessage {
  id: string;
  status: MessageStatus;
  created: boolean;
}

/**
 * Records a message and its send job in the caller's transaction. Consent is checked now (no
 * consent: the message is kept as skipped, and no job is made) and again when it is sent.
 */
export async function enqueueMessage(
  tx: Queryable,
  deps: { jobs: JobQueue; random: ServiceRandom; nowMs: number },
  request: MessageRequest,
): Promise<QueuedMessage> {
  const { rows: members } = await tx.query<{ merged: boolean }>(
    'SELECT merged_into IS NOT NULL AS merged FROM member WHERE id = $1',
    [request.memberId],
  );
  const member = members[0];
  if (!member) throw new HeadOfficeFailure('not_found', 'No member has that id.');
  const { rows: standing } = await tx.query<{ channel: string; purpose: string; answer: string }>(
    'SELECT channel, purpose, answer FROM consent_current WHERE member_id = $1',
    [request.memberId],
  );
  const allowed = !member.merged && consentAllows(standing, request.channel, request.purpose);
  const id = deps.random.uuidv7(deps.nowMs);
  const at = new Date(deps.nowMs).toISOString();
  const { rows } = await tx.query<{ id: string; status: MessageStatus }>(
    `INSERT INTO message (id, member_id, campaign_id, channel, purpose, template, content, status,
       skip_reason, dedupe_key, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $11)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id, status`,
    [
      id,
      request.memberId,
      request.campaignId ?? null,
      request.channel,
      request.purpose,
      request.template,
      JSON.stringify(request.content),
      allowed ? 'queued' : 'skipped',
      allowed ? null : member.merged ? 'member_gone' : 'no_consent',
      request.dedupeKey ?? null,
      at,
    ],
  );
  const made = rows[0];
  if (!made) {
    const { rows: found } = await tx.query<{ id: string; status: MessageStatus }>(
      'SELECT id, status FROM message WHERE dedupe_key = $1',
      [request.dedupeKey],
    );
    if (!found[0]) throw new Error('message neither made nor found');
    return { ...found[0], created: false };
  }
  if (allowed) {
    await deps.jobs.enqueue(
      SEND_MESSAGE_JOB,
      {
        key: `${SEND_MESSAGE_JOB}:${id}`,
        payload: { messageId: id },
        runAt: Math.max(deps.nowMs, request.notBeforeMs ?? deps.nowMs),
        maxAttempts: MESSAGE_MAX_ATTEMPTS,
      },
      tx,
    );
  }
  return { ...made, created: true };
}
