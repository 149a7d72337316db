import type { MemberMessages, MessageCounts, MessageView } from '../../shared/office/messages';
import type { ConsentPurpose } from '../../shared/rules/consent';
import type { Locale } from '../../shared/locale';
import type {
  MessageChannel,
  MessageContent,
  MessageStatus,
  SkipReason,
} from '../../shared/rules/messaging';
import type { Queryable } from '../db/database';
import { iso, isoRequired } from '../platform/clock';

/**
 * The message table's reads, and what the send job needs to know about a message's member:
 * their address on its channel, the language and standing answer for its (channel, purpose),
 * and the zone of their home store. Writes are in messageWrites.ts.
 */

interface MessageRow {
  id: string;
  member_id: string;
  campaign_id: string | null;
  channel: MessageChannel;
  purpose: ConsentPurpose;
  template: string;
  language: Locale | null;
  status: MessageStatus;
  skip_reason: SkipReason | null;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
  send_after: Date | string | null;
  sent_at: Date | string | null;
}

function viewOf(row: MessageRow): MessageView {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    channel: row.channel,
    purpose: row.purpose,
    template: row.template,
    language: row.language,
    status: row.status,
    skipReason: row.skip_reason,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: isoRequired(row.created_at),
    sendAfter: iso(row.send_after),
    sentAt: iso(row.sent_at),
  };
}

export async function messagesOfMember(tx: Queryable, memberId: string): Promise<MemberMessages> {
  const { rows } = await tx.query<MessageRow>(
    `SELECT id, member_id, campaign_id, channel, purpose, template, language, status,
       skip_reason, attempts, last_error, created_at, send_after, sent_at
     FROM message WHERE member_id = $1 ORDER BY created_at DESC, id DESC LIMIT 500`,
    [memberId],
  );
  return { memberId, messages: rows.map(viewOf) };
}

export async function messageCounts(tx: Queryable): Promise<MessageCounts> {
  const { rows } = await tx.query<{
    campaign_id: string | null;
    template: string;
    status: MessageStatus;
    count: number;
  }>(
    `SELECT campaign_id, template, status, count(*)::int8 AS count FROM message
     GROUP BY campaign_id, template, status ORDER BY campaign_id NULLS FIRST, template, status`,
  );
  return {
    rows: rows.map((r) => ({
      campaignId: r.campaign_id,
      template: r.template,
      status: r.status,
      count: r.count,
    })),
  };
}

/** One message as the send job reads it, with its member's particulars, the row locked. */
export interface MessageToSend {
  id: string;
  memberId: string;
  channel: MessageChannel;
  purpose: ConsentPurpose;
  content: MessageContent;
  status: MessageStatus;
  /** Personal data: used to send, never logged. */
  name: string;
  address: string | null;
  merged: boolean;
  /** The standing answer for the message's (channel, purpose), and the language it was given in. */
  consent: { answer: string; language: Locale } | null;
  timeZone: string | null;
}

/** The zone of a member's home store, as its newest configured terminal told head office. */
export const HOME_ZONE_SQL = `(SELECT t.configured->>'timeZone' FROM terminal t
  WHERE t.store_id = mb.enrolled_store_id AND t.configured IS NOT NULL
  ORDER BY t.configured_at DESC LIMIT 1)`;

export async function messageToSend(tx: Queryable, id: string): Promise<MessageToSend | null> {
  const { rows } = await tx.query<{
    id: string;
    member_id: string;
    channel: MessageChannel;
    purpose: ConsentPurpose;
    content: MessageContent;
    status: MessageStatus;
    name: string;
    email: string | null;
    phone_e164: string;
    merged: boolean;
    answer: string | null;
    consent_language: Locale | null;
    zone: string | null;
  }>(
    `SELECT ms.id, ms.member_id, ms.channel, ms.purpose, ms.content, ms.status, mb.name, mb.email,
       mb.phone_e164, mb.merged_into IS NOT NULL AS merged, cc.answer,
       ce.language AS consent_language, ${HOME_ZONE_SQL} AS zone
     FROM message ms
     JOIN member mb ON mb.id = ms.member_id
     LEFT JOIN consent_current cc
       ON cc.member_id = ms.member_id AND cc.channel = ms.channel AND cc.purpose = ms.purpose
     LEFT JOIN consent_event ce ON ce.id = cc.event_id
     WHERE ms.id = $1
     FOR UPDATE OF ms`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const address = row.channel === 'email' ? row.email : row.phone_e164;
  return {
    id: row.id,
    memberId: row.member_id,
    channel: row.channel,
    purpose: row.purpose,
    content: row.content,
    status: row.status,
    name: row.name,
    address: address && address.trim() !== '' ? address : null,
    merged: row.merged,
    consent: row.answer ? { answer: row.answer, language: row.consent_language ?? 'en' } : null,
    timeZone: row.zone,
  };
}

/** Messages to this member that went (or are going) since `sinceIso`, this one aside. */
export async function sentSince(
  tx: Queryable,
  memberId: string,
  exceptId: string,
  sinceIso: string,
): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int8 AS n FROM message
     WHERE member_id = $1 AND id <> $2 AND sending_at >= $3
       AND status IN ('sending', 'sent', 'bounced')`,
    [memberId, exceptId, sinceIso],
  );
  return rows[0]?.n ?? 0;
}
