import { z } from 'zod';
import { id } from '../api/fields';
import { errorBody } from '../contract/errors';
import { admin, anyone, roleGroups, route } from '../contract/route';
import { locales } from '../locale';
import { consentPurposes } from '../rules/consent';
import {
  isClockTime,
  messageChannels,
  messageStatuses,
  skipReasons,
  type MessageContent,
} from '../rules/messaging';
import { isTimeZone } from '../zonedTime';

/**
 * Messages to members at head office (issue 15 §3): the settings for the SMTP server, the SMS
 * provider, quiet hours and the weekly cap; counts per campaign and status; one member's
 * messages; and the routes a member or the SMS provider calls without a session (unsubscribe,
 * STOP, delivery status), each proven by an HMAC instead.
 */

const clockTime = z.string().refine(isClockTime, { message: 'must be a time HH:MM' });
const httpUrl = z
  .string()
  .max(2000)
  .refine(
    (u) => {
      try {
        const url = new URL(u);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) address' },
  );

export const smtpSettings = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  /** TLS from the start (465); false is STARTTLS when the server offers it (587, 25). */
  secure: z.boolean(),
  user: z.string().max(254).nullable(),
  /** The sender as members see it, e.g. "Tea House <news@example.com>". */
  from: z.string().trim().min(3).max(254),
});

export const smsSettings = z.strictObject({
  /** Where head office POSTs {to, text, id}, signed (x-loyalty-signature). */
  url: httpUrl,
});

/** What an admin sets (the secrets are write-only: see messageSettingsView). */
export const messageSettings = z.strictObject({
  smtp: smtpSettings.nullable(),
  sms: smsSettings.nullable(),
  quietHours: z.strictObject({ start: clockTime, end: clockTime }),
  weeklyCap: z.number().int().min(0).max(100),
  /** The zone for a member whose home store has no terminal that has told its zone. */
  defaultTimeZone: z
    .string()
    .max(64)
    .refine((tz) => isTimeZone(tz), { message: 'must be a time zone' }),
  /** Head office's address as members reach it: the start of every unsubscribe link. */
  publicUrl: httpUrl,
});
export type MessageSettings = z.infer<typeof messageSettings>;

const secret = z.string().min(1).max(500);

/** PUT /admin/messages/settings: the settings, and a secret only when it changes (null clears). */
export const saveMessageSettingsRequest = messageSettings.extend({
  smtpPassword: secret.nullable().optional(),
  smsSecret: secret.nullable().optional(),
});

export const messageSettingsView = messageSettings.extend({
  smtpPasswordSet: z.boolean(),
  smsSecretSet: z.boolean(),
});
export type MessageSettingsView = z.infer<typeof messageSettingsView>;

const messageText = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(2000),
});

/** A message's words in all three languages: each member gets theirs. */
export const messageContent = z.strictObject({
  en: messageText,
  'zh-Hant': messageText,
  'zh-Hans': messageText,
}) satisfies z.ZodType<MessageContent>;

/** Counts per campaign (null: head office's own, e.g. birthday greetings), template and status. */
export const messageCounts = z.strictObject({
  rows: z.array(
    z.strictObject({
      campaignId: z.string().nullable(),
      template: z.string(),
      status: z.enum(messageStatuses),
      count: z.number().int(),
    }),
  ),
});
export type MessageCounts = z.infer<typeof messageCounts>;

export const messageView = z.strictObject({
  id: z.string(),
  campaignId: z.string().nullable(),
  channel: z.enum(messageChannels),
  purpose: z.enum(consentPurposes),
  template: z.string(),
  language: z.enum(locales).nullable(),
  status: z.enum(messageStatuses),
  skipReason: z.enum(skipReasons).nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sendAfter: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type MessageView = z.infer<typeof messageView>;

export const memberMessages = z.strictObject({
  memberId: z.string(),
  messages: z.array(messageView),
});
export type MemberMessages = z.infer<typeof memberMessages>;

const unsubscribeParams = z.strictObject({
  id,
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'must be a link token' }),
});

export const unsubscribed = z.strictObject({
  channel: z.enum(messageChannels),
  purpose: z.enum(consentPurposes),
  /** False when the member had already withdrawn it: nothing new was written. */
  withdrawn: z.boolean(),
});

/** The SMS provider's word on one message it was given (signed over "id\nstatus"). */
export const smsStatusReport = z.strictObject({
  id,
  status: z.enum(['delivered', 'failed', 'bounced']),
  error: z.string().max(500).optional(),
});

/** A member's reply by SMS (signed over "from\ntext"): a STOP keyword withdraws SMS consent. */
export const smsInbound = z.strictObject({
  from: z.string().regex(/^\+[1-9]\d{6,14}$/, { message: 'must be an E.164 phone number' }),
  text: z.string().max(1000),
});

export const smsInboundAnswer = z.strictObject({
  /** Purposes withdrawn on SMS by this reply (empty: not a STOP, or nothing left to withdraw). */
  withdrawn: z.array(z.enum(consentPurposes)),
});

const byId = z.strictObject({ id });

export const messageRoutes = {
  'messages.settings': route({
    method: 'GET',
    path: '/admin/messages/settings',
    summary: 'SMTP, SMS provider, quiet hours and weekly cap (secrets shown only as set or not)',
    auth: admin(roleGroups.adminOnly),
    request: {},
    responses: { 200: messageSettingsView },
  }),
  'messages.saveSettings': route({
    method: 'PUT',
    path: '/admin/messages/settings',
    summary: 'Change the message settings; a secret left out is kept',
    auth: admin(roleGroups.adminOnly),
    request: { body: saveMessageSettingsRequest },
    responses: { 200: messageSettingsView },
  }),
  'messages.counts': route({
    method: 'GET',
    path: '/admin/messages/counts',
    summary: 'Messages per campaign, template and status',
    auth: admin(roleGroups.chainFigures),
    request: {},
    responses: { 200: messageCounts },
  }),
  'messages.ofMember': route({
    method: 'GET',
    path: '/admin/members/:id/messages',
    summary: "One member's messages, newest first",
    auth: admin(roleGroups.personalData),
    request: { params: byId },
    responses: { 200: memberMessages, 404: errorBody },
  }),
  'messages.unsubscribe': route({
    method: 'POST',
    path: '/messages/unsubscribe/:id/:token',
    summary: "An email's unsubscribe link, posted: withdraws consent for its channel and purpose",
    auth: anyone,
    request: { params: unsubscribeParams },
    responses: { 200: unsubscribed, 403: errorBody, 404: errorBody },
  }),
  'messages.unsubscribeLink': route({
    method: 'GET',
    path: '/messages/unsubscribe/:id/:token',
    summary: "The same as a link followed in the email's text",
    auth: anyone,
    request: { params: unsubscribeParams },
    responses: { 200: unsubscribed, 403: errorBody, 404: errorBody },
  }),
  'messages.smsStatus': route({
    method: 'POST',
    path: '/messages/sms/status',
    summary: "The SMS provider's delivery report, signed with the shared secret",
    auth: anyone,
    request: { body: smsStatusReport },
    responses: {
      200: z.strictObject({ status: z.enum(messageStatuses) }),
      403: errorBody,
      404: errorBody,
    },
  }),
  'messages.smsInbound': route({
    method: 'POST',
    path: '/messages/sms/inbound',
    summary: "A member's SMS reply, signed with the shared secret: STOP withdraws SMS consent",
    auth: anyone,
    request: { body: smsInbound },
    responses: { 200: smsInboundAnswer, 403: errorBody },
  }),
};
