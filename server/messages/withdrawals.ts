import type { z } from 'zod';
import { decodeHlc, encodeHlc } from '../../shared/hlc';
import type { Locale } from '../../shared/locale';
import type { smsInboundAnswer, unsubscribed } from '../../shared/office/messages';
import {
  consentPurposes,
  type ConsentEvent,
  type ConsentPurpose,
} from '../../shared/rules/consent';
import type { MessageChannel } from '../../shared/rules/messaging';
import { appendConsentEvents } from '../consent/consentLedger';
import type { Queryable } from '../db/database';
import type { ServiceRandom } from '../platform/randomness';

/**
 * A member saying "no more" outside a shop: an email's unsubscribe link or an SMS STOP reply.
 * Each becomes a consent withdrawal event at head office (method 'unsubscribe', no store, no
 * staff) through the one writer of the consent ledger, which publishes it on the consent stream
 * to every terminal.
 *
 * Its clock is head office's wall clock, but never earlier than the member's latest consent
 * event: the member's newest word must stand even if a till's clock ran ahead of head office's.
 */

const HEAD_OFFICE_NODE = 'head-office';

async function withdrawalClock(tx: Queryable, memberId: string, nowMs: number): Promise<string> {
  const { rows } = await tx.query<{ hlc: string | null }>(
    `SELECT max(hlc COLLATE "C") AS hlc FROM consent_event WHERE member_id = $1`,
    [memberId],
  );
  const latest = rows[0]?.hlc ? decodeHlc(rows[0].hlc) : null;
  const ms = latest && latest.ms >= nowMs ? latest.ms + 1 : nowMs;
  return encodeHlc({ ms, counter: 0, node: HEAD_OFFICE_NODE });
}

/** Withdraws each (channel, purpose) that stands granted; returns the purposes withdrawn. */
export async function withdrawConsent(
  tx: Queryable,
  deps: { random: ServiceRandom; nowMs: number },
  memberId: string,
  channel: MessageChannel,
  purposes: readonly ConsentPurpose[],
  language: Locale,
): Promise<ConsentPurpose[]> {
  // Serialises two withdrawals for one member (a link clicked twice at once).
  await tx.query('SELECT id FROM member WHERE id = $1 FOR UPDATE', [memberId]);
  const { rows } = await tx.query<{ purpose: ConsentPurpose }>(
    `SELECT purpose FROM consent_current
     WHERE member_id = $1 AND channel = $2 AND answer = 'granted' AND purpose = ANY($3::text[])`,
    [memberId, channel, [...purposes]],
  );
  if (rows.length === 0) return [];
  const at = new Date(deps.nowMs).toISOString();
  const hlc = await withdrawalClock(tx, memberId, deps.nowMs);
  const events = consentPurposes
    .filter((purpose) => rows.some((r) => r.purpose === purpose))
    .map((purpose): ConsentEvent => ({
      id: deps.random.uuidv7(deps.nowMs),
      memberId,
      channel,
      purpose,
      answer: 'withdrawn',
      at,
      hlc,
      origin: 'head_office',
      storeId: null,
      terminalId: null,
      staffId: null,
      method: 'unsubscribe',
      wordingVersion: null,
      language,
    }));
  await appendConsentEvents(tx, events, at, null);
  return events.map((e) => e.purpose);
}

export type Unsubscribed = z.infer<typeof unsubscribed>;
export type SmsInboundAnswer = z.infer<typeof smsInboundAnswer>;
