import { z } from 'zod';
import {
  messageLanguage,
  nextSendTime,
  renderMessage,
  WEEK_MS,
  withinWeeklyCap,
  type MessageText,
  type SkipReason,
} from '../../shared/rules/messaging';
import type { Locale } from '../../shared/locale';
import { isTimeZone } from '../../shared/zonedTime';
import type { Database } from '../db/database';
import { JobDeferred, type Job } from '../jobs/jobQueue';
import type { ServiceClock } from '../platform/clock';
import { createLogger } from '../platform/logger';
import { sendEmail, sendSms, SendFailure, type Outgoing } from './channels';
import { MESSAGE_MAX_ATTEMPTS } from './enqueueMessage';
import type { MessageSettingsStore, StoredMessageSettings } from './messageSettings';
import { messageToSend, sentSince, type MessageToSend } from './messageRows';
import { unsubscribeToken } from './signatures';

const log = createLogger('messages');

/**
 * Sends one message, as the job `message.send` (one per message, so once across nodes):
 *
 * 1. Reserve, in one transaction holding the message row and a lock on its member: read the
 *    standing consent now (a withdrawal since it was queued skips it), its address, quiet hours
 *    in the home store's zone (inside them: the job is deferred to their end, the message waits),
 *    and the weekly cap (messages sent or being sent to this member in the last 7 days; the lock
 *    keeps two nodes from both taking the last place). Then the message is `sending`.
 * 2. Hand it to the provider, keyed by the message id (see channels.ts).
 * 3. Record the outcome in one transaction: `sent`, `bounced`, `failed`; a passing failure
 *    leaves it `sending` and the job is tried again with backoff, until its attempts run out.
 *
 * A node that dies between 1 and 3 leaves the message `sending` and its job leased; once the
 * lease is over another node runs the job, re-checks consent and quiet hours and sends it, with
 * the same id, so a provider that keeps ids sends it once.
 */

const sendPayload = z.object({ messageId: z.string() });

/** An arbitrary constant of ours: the first key of a member's send lock. */
const MEMBER_SEND_LOCK = 7_240_121;

type Reserved =
  | { kind: 'done' }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'defer'; untilMs: number }
  | { kind: 'send'; outgoing: Outgoing; channel: MessageToSend['channel'] };

export function messageSender(db: Database, clock: ServiceClock, settings: MessageSettingsStore) {
  function zoneOf(message: MessageToSend, stored: StoredMessageSettings): string {
    const zone = message.timeZone;
    return zone && zone.length <= 64 && isTimeZone(zone) ? zone : stored.defaultTimeZone;
  }

  /** Step 1. Exported for the crash test: a node that reserved and then died. */
  async function reserve(messageId: string): Promise<Reserved> {
    const { settings: stored, signingKey } = await settings.read();
    return db.transaction(async (tx) => {
      const { rows: owner } = await tx.query<{ member_id: string }>(
        'SELECT member_id FROM message WHERE id = $1',
        [messageId],
      );
      if (!owner[0]) return { kind: 'done' } as const;
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        MEMBER_SEND_LOCK,
        owner[0].member_id,
      ]);
      const message = await messageToSend(tx, messageId);
      if (!message || (message.status !== 'queued' && message.status !== 'sending')) {
        return { kind: 'done' } as const;
      }
      const nowMs = clock.now();
      const nowIso = new Date(nowMs).toISOString();
      const skipAs = async (reason: SkipReason): Promise<Reserved> => {
        await tx.query(
          `UPDATE message SET status = 'skipped', skip_reason = $2, updated_at = $3
           WHERE id = $1`,
          [messageId, reason, nowIso],
        );
        return { kind: 'skipped', reason };
      };
      if (message.merged) return skipAs('member_gone');
      if (message.consent?.answer !== 'granted') return skipAs('no_consent');
      if (!message.address) return skipAs('no_address');
      const untilMs = nextSendTime(nowMs, stored.quietHours, zoneOf(message, stored));
      if (untilMs > nowMs) {
        await tx.query('UPDATE message SET send_after = $2, updated_at = $3 WHERE id = $1', [
          messageId,
          new Date(untilMs).toISOString(),
          nowIso,
        ]);
        return { kind: 'defer', untilMs };
      }
      if (message.status === 'queued') {
        const recent = await sentSince(
          tx,
          message.memberId,
          messageId,
          new Date(nowMs - WEEK_MS).toISOString(),
        );
        if (!withinWeeklyCap(recent, stored.weeklyCap)) return skipAs('weekly_cap');
      }
      const language: Locale = messageLanguage(message.consent.language);
      await tx.query(
        `UPDATE message SET status = 'sending', language = $2, attempts = attempts + 1,
           sending_at = coalesce(sending_at, $3), updated_at = $3
         WHERE id = $1`,
        [messageId, language, nowIso],
      );
      const words: MessageText = renderMessage(message.content, language, { name: message.name });
      const token = unsubscribeToken(signingKey, messageId);
      const base = stored.publicUrl.replace(/\/+$/, '');
      return {
        kind: 'send',
        channel: message.channel,
        outgoing: {
          id: messageId,
          to: message.address,
          words,
          language,
          unsubscribeUrl: `${base}/messages/unsubscribe/${messageId}/${token}`,
        },
      } as const;
    });
  }

  async function record(
    messageId: string,
    outcome:
      | { status: 'sent'; providerId: string }
      | { status: 'failed' | 'bounced' | 'sending'; error: string },
  ): Promise<void> {
    const nowIso = new Date(clock.now()).toISOString();
    if (outcome.status === 'sent') {
      await db.query(
        `UPDATE message SET status = 'sent', provider_id = $2, sent_at = $3, last_error = NULL,
           send_after = NULL, updated_at = $3
         WHERE id = $1 AND status = 'sending'`,
        [messageId, outcome.providerId, nowIso],
      );
      return;
    }
    await db.query(
      `UPDATE message SET status = $2, last_error = $3, updated_at = $4
       WHERE id = $1 AND status = 'sending'`,
      [messageId, outcome.status, outcome.error.slice(0, 500), nowIso],
    );
  }

  /** The job's work: reserve, send, record; a passing failure throws so the queue retries. */
  async function sendJob(job: Job): Promise<void> {
    const { messageId } = sendPayload.parse(job.payload);
    const reserved = await reserve(messageId);
    if (reserved.kind === 'done' || reserved.kind === 'skipped') return;
    if (reserved.kind === 'defer') throw new JobDeferred(reserved.untilMs);
    const { settings: stored } = await settings.read();
    try {
      const sent =
        reserved.channel === 'email'
          ? await sendEmail(stored, reserved.outgoing)
          : await sendSms(stored, reserved.outgoing);
      await record(messageId, { status: 'sent', providerId: sent.providerId });
    } catch (error) {
      const failure =
        error instanceof SendFailure ? error : new SendFailure('transient', 'send failed');
      const lastTry = job.attempts >= MESSAGE_MAX_ATTEMPTS;
      // Ids and codes only: never the address.
      log.warn(`message ${messageId} not sent (${failure.kind}, attempt ${job.attempts})`);
      if (failure.kind === 'transient' && !lastTry) {
        await record(messageId, { status: 'sending', error: failure.message });
        throw failure;
      }
      await record(messageId, {
        status: failure.kind === 'bounced' ? 'bounced' : 'failed',
        error: failure.message,
      });
    }
  }

  return { reserve, sendJob };
}

export type MessageSender = ReturnType<typeof messageSender>;
