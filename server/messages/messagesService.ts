import type { z } from 'zod';
import {
  smsInbound,
  smsStatusReport,
  type MemberMessages,
  type MessageCounts,
} from '../../shared/office/messages';
import { consentPurposes, type ConsentPurpose } from '../../shared/rules/consent';
import {
  isStopKeyword,
  type MessageChannel,
  type MessageStatus,
} from '../../shared/rules/messaging';
import { locales, type Locale } from '../../shared/locale';
import type { Database } from '../db/database';
import type { Job, JobQueue } from '../jobs/jobQueue';
import type { ServiceClock } from '../platform/clock';
import { guard, HeadOfficeFailure, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import { birthdaySchedule, BIRTHDAY_JOB, queueBirthdayGreetings } from './birthdayGreetings';
import { enqueueMessage, SEND_MESSAGE_JOB, type MessageRequest } from './enqueueMessage';
import { messageCounts, messagesOfMember } from './messageRows';
import { messageSettingsStore, type MessageSecrets } from './messageSettings';

export type { MessageSecrets } from './messageSettings';
import { messageSender } from './sendMessage';
import { signatureValid, unsubscribeTokenValid } from './signatures';
import { withdrawConsent, type SmsInboundAnswer, type Unsubscribed } from './withdrawals';

/**
 * Head office's messages to members (issue 15 §3): what campaigns and greetings call to queue a
 * message, the send job, the office's reads and settings, and the routes members and the SMS
 * provider call without a session. See sendMessage.ts for how a message goes exactly once.
 */
export function messagesService(
  db: Database,
  clock: ServiceClock,
  random: ServiceRandom,
  jobs: JobQueue,
  secrets?: MessageSecrets,
) {
  const settings = messageSettingsStore(db, clock, random, secrets);
  const sender = messageSender(db, clock, settings);
  const deps = () => ({ jobs, random, nowMs: clock.now() });

  return {
    ensureSettings: settings.ensureSettings,
    getSettings: settings.getSettings,
    saveSettings: settings.saveSettings,

    /** Queues one message (campaigns call this); in `tx` when given, with the caller's rows. */
    enqueue(request: MessageRequest) {
      return db.transaction((tx) => enqueueMessage(tx, deps(), request));
    },
    enqueueIn: (tx: Parameters<typeof enqueueMessage>[0], request: MessageRequest) =>
      enqueueMessage(tx, deps(), request),

    /** The jobs and schedule this service adds to head office's worker. */
    jobHandlers: {
      [SEND_MESSAGE_JOB]: (job: Job) => sender.sendJob(job),
      [BIRTHDAY_JOB]: async () => {
        await queueBirthdayGreetings({ db, clock, random, jobs, settings });
      },
    },
    schedules: [birthdaySchedule],
    /** Step 1 of a send on its own: what a node does before it dies, in the crash test. */
    reserveForTest: sender.reserve,
    /** The stored settings with the signing key: tests make the links a member would get. */
    settingsForTest: () => settings.read(),
    queueBirthdayGreetings: () => queueBirthdayGreetings({ db, clock, random, jobs, settings }),

    counts(): Promise<Outcome<MessageCounts>> {
      return guard(async () => succeed(await messageCounts(db)));
    },

    ofMember(id: unknown): Promise<Outcome<MemberMessages>> {
      return guard(async () => {
        const memberId = parseInput(uuidSchema, id, 'member id');
        const { rows } = await db.query('SELECT 1 FROM member WHERE id = $1', [memberId]);
        if (rows.length === 0) throw new HeadOfficeFailure('not_found', 'No member has that id.');
        return succeed(await messagesOfMember(db, memberId));
      });
    },

    /** An unsubscribe link: the token proves the link came in that message. */
    unsubscribe(messageId: string, token: string): Promise<Outcome<Unsubscribed>> {
      return guard(async () => {
        const { signingKey } = await settings.read();
        if (!unsubscribeTokenValid(signingKey, messageId, token)) {
          throw new HeadOfficeFailure('forbidden', 'This unsubscribe link is not valid.');
        }
        return db.transaction(async (tx) => {
          const { rows } = await tx.query<{
            member_id: string;
            channel: MessageChannel;
            purpose: ConsentPurpose;
            language: Locale | null;
          }>('SELECT member_id, channel, purpose, language FROM message WHERE id = $1', [
            messageId,
          ]);
          const message = rows[0];
          if (!message) throw new HeadOfficeFailure('not_found', 'No such message.');
          const withdrawn = await withdrawConsent(
            tx,
            { random, nowMs: clock.now() },
            message.member_id,
            message.channel,
            [message.purpose],
            message.language ?? 'en',
          );
          return succeed({
            channel: message.channel,
            purpose: message.purpose,
            withdrawn: withdrawn.length > 0,
          });
        });
      });
    },

    /** The SMS provider's delivery report, signed over "id\nstatus". */
    smsStatus(body: unknown, signature: string | string[] | undefined) {
      return guard(async (): Promise<Outcome<{ status: MessageStatus }>> => {
        const report: z.output<typeof smsStatusReport> = parseInput(
          smsStatusReport,
          body,
          'delivery report',
        );
        const { settings: stored } = await settings.read();
        if (!signatureValid(stored.smsSecret, `${report.id}\n${report.status}`, signature)) {
          throw new HeadOfficeFailure('forbidden', 'The signature does not match.');
        }
        const nowIso = new Date(clock.now()).toISOString();
        const { rows } =
          report.status === 'delivered'
            ? await db.query<{ status: MessageStatus }>(
                `UPDATE message SET delivered_at = $2, updated_at = $2
                 WHERE id = $1 AND channel = 'sms' RETURNING status`,
                [report.id, nowIso],
              )
            : await db.query<{ status: MessageStatus }>(
                `UPDATE message SET status = $2, last_error = $3, updated_at = $4
                 WHERE id = $1 AND channel = 'sms' AND status IN ('sending', 'sent')
                 RETURNING status`,
                [report.id, report.status, `SMS provider reported ${report.status}`, nowIso],
              );
        if (rows[0]) return succeed({ status: rows[0].status });
        const { rows: now } = await db.query<{ status: MessageStatus }>(
          `SELECT status FROM message WHERE id = $1 AND channel = 'sms'`,
          [report.id],
        );
        if (!now[0]) throw new HeadOfficeFailure('not_found', 'No such message.');
        return succeed({ status: now[0].status });
      });
    },

    /**
     * A member's SMS reply, signed over "from\ntext". STOP withdraws every purpose granted on
     * SMS for the member with that phone. The answer never says whether the phone is a member's.
     */
    smsInbound(body: unknown, signature: string | string[] | undefined) {
      return guard(async (): Promise<Outcome<SmsInboundAnswer>> => {
        const reply = parseInput(smsInbound, body, 'SMS reply');
        const { settings: stored } = await settings.read();
        if (!signatureValid(stored.smsSecret, `${reply.from}\n${reply.text}`, signature)) {
          throw new HeadOfficeFailure('forbidden', 'The signature does not match.');
        }
        if (!isStopKeyword(reply.text)) return succeed({ withdrawn: [] });
        return db.transaction(async (tx) => {
          const { rows } = await tx.query<{ id: string; language: string | null }>(
            `SELECT mb.id, (SELECT ms.language FROM message ms WHERE ms.member_id = mb.id
               AND ms.channel = 'sms' AND ms.language IS NOT NULL
               ORDER BY ms.created_at DESC LIMIT 1) AS language
             FROM member mb WHERE mb.phone_e164 = $1 AND mb.merged_into IS NULL`,
            [reply.from],
          );
          const member = rows[0];
          if (!member) return succeed({ withdrawn: [] });
          const language = locales.find((l) => l === member.language) ?? 'en';
          const withdrawn = await withdrawConsent(
            tx,
            { random, nowMs: clock.now() },
            member.id,
            'sms',
            consentPurposes,
            language,
          );
          return succeed({ withdrawn });
        });
      });
    },
  };
}

export type MessagesService = ReturnType<typeof messagesService>;
