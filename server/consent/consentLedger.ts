import {
  consentEventOf,
  consentEventValues,
  currentConsent,
  type ConsentEvent,
  type ConsentEventRow,
  type ConsentWording,
} from '../../shared/rules/consent';
import type { PulledConsent } from '../../shared/sync/protocol';
import type { Queryable } from '../db/database';
import { publishChanges } from '../db/streams';

/**
 * Head office's one writer of the consent ledger. Every event (pushed by a terminal, recorded at
 * head office, converted from an older terminal's single flag) goes through appendConsentEvents:
 * stored once per id, the standing answer moved when the event is the latest for its pair, the
 * member's single flag kept as a cache, and each new event published on the consent stream so
 * every terminal applies it through its own writer.
 *
 * The standing answer is moved by one conditional upsert, so two pushes racing on one pair end
 * with the later event whatever order they commit in. Clocks and ids are compared byte-wise
 * (COLLATE "C"), as the shared rule compares them: a locale's collation could order '-' apart.
 */
export async function appendConsentEvents(
  tx: Queryable,
  events: readonly ConsentEvent[],
  at: string,
  opId: string | null,
): Promise<ConsentEvent[]> {
  const added: ConsentEvent[] = [];
  for (const e of events) {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO consent_event (id, member_id, channel, purpose, answer, at, hlc, origin,
         store_id, terminal_id, staff_id, method, wording_version, language, op_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [...consentEventValues(e), opId, at],
    );
    if (rows.length === 0) continue;
    added.push(e);
    await tx.query(
      `INSERT INTO consent_current AS c (member_id, channel, purpose, answer, event_id, hlc)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (member_id, channel, purpose) DO UPDATE
         SET answer = excluded.answer, event_id = excluded.event_id, hlc = excluded.hlc
         WHERE c.hlc COLLATE "C" < excluded.hlc COLLATE "C"
           OR (c.hlc = excluded.hlc AND c.event_id COLLATE "C" < excluded.event_id COLLATE "C")`,
      [e.memberId, e.channel, e.purpose, e.answer, e.id, e.hlc],
    );
  }
  const flagged = [
    ...new Set(
      added
        .filter((e) => e.purpose === 'marketing' && (e.channel === 'sms' || e.channel === 'email'))
        .map((e) => e.memberId),
    ),
  ];
  for (const memberId of flagged) {
    await tx.query(
      `UPDATE member SET marketing_consent = EXISTS (
         SELECT 1 FROM consent_current WHERE member_id = $1 AND purpose = 'marketing'
           AND channel IN ('sms', 'email') AND answer = 'granted')
       WHERE id = $1`,
      [memberId],
    );
  }
  await publishChanges(
    tx,
    added.map((event) => ({
      stream: 'consent' as const,
      entityId: event.id,
      data: { kind: 'event', event } satisfies PulledConsent,
    })),
    at,
  );
  return added;
}

/** Every event of one member, latest first (the member's history at head office). */
export async function consentEventsOf(tx: Queryable, memberId: string): Promise<ConsentEvent[]> {
  const { rows } = await tx.query<ConsentEventRow>(
    `SELECT id, member_id, channel, purpose, answer, at, hlc, origin, store_id, terminal_id,
       staff_id, method, wording_version, language
     FROM consent_event WHERE member_id = $1
     ORDER BY hlc COLLATE "C" DESC, id COLLATE "C" DESC`,
    [memberId],
  );
  return rows.map(consentEventOf);
}

interface CurrentRow {
  channel: ConsentEvent['channel'];
  purpose: ConsentEvent['purpose'];
  answer: ConsentEvent['answer'];
  event_id: string;
}

/** The standing answers of one member, as rows of the derived table. */
export async function consentCurrentOf(tx: Queryable, memberId: string): Promise<CurrentRow[]> {
  const { rows } = await tx.query<CurrentRow>(
    `SELECT channel, purpose, answer, event_id FROM consent_current WHERE member_id = $1
     ORDER BY channel, purpose`,
    [memberId],
  );
  return rows;
}

/** Every version of the wording, newest first per purpose and language. */
export async function consentWordings(tx: Queryable): Promise<ConsentWording[]> {
  const { rows } = await tx.query<{
    purpose: ConsentWording['purpose'];
    version: number;
    language: ConsentWording['language'];
    text: string;
    published_at: string;
  }>(
    `SELECT purpose, version, language, text, published_at FROM consent_wording
     ORDER BY purpose, version DESC, language`,
  );
  return rows.map((r) => ({
    purpose: r.purpose,
    version: r.version,
    language: r.language,
    text: r.text,
    publishedAt: r.published_at,
  }));
}

/** consentEventValues' columns' types, in its order. */
const CONSENT_EVENT_TYPES = [
  'text',
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'uuid',
  'uuid',
  'uuid',
  'text',
  'int4',
  'text',
] as const;

/**
 * Appends many events at once (an import's): the same rules as appendConsentEvents, in four
 * statements whatever their number. Events already stored (same id) are skipped; of a batch's
 * events for one pair, the latest moves the standing answer. Returns the events added.
 */
export async function appendConsentEventsInBulk(
  tx: Queryable,
  events: readonly ConsentEvent[],
  at: string,
  opId: string | null,
  /**
   * Members inserted in this transaction with the marketing flag these events leave
   * (`marketingConsentOf(currentConsent(...))`, an import's new members): their flag is not
   * looked at again.
   */
  flagSetFor: ReadonlySet<string> = new Set(),
): Promise<ConsentEvent[]> {
  if (events.length === 0) return [];
  // Column arrays (unnest) rather than a JSON document: PostgreSQL parses no JSON per event.
  const values = events.map(consentEventValues);
  const columns = CONSENT_EVENT_TYPES.map((_, c) => values.map((v) => v[c]));
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO consent_event (id, member_id, channel, purpose, answer, at, hlc, origin,
       store_id, terminal_id, staff_id, method, wording_version, language, op_id, recorded_at)
     SELECT r.*, $15, $16
     FROM unnest(${CONSENT_EVENT_TYPES.map((type, c) => `$${c + 1}::${type}[]`).join(', ')}) AS r
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [...columns, opId, at],
  );
  const fresh = new Set(rows.map((r) => r.id));
  const added = events.filter((e) => fresh.has(e.id));
  if (added.length === 0) return [];
  // The latest added event per pair (the shared rule), then the same conditional upsert as one
  // by one: a standing answer already later than it stays.
  const addedOf = new Map<string, ConsentEvent[]>();
  for (const event of added) {
    const list = addedOf.get(event.memberId);
    if (list) list.push(event);
    else addedOf.set(event.memberId, [event]);
  }
  const standing = [...addedOf].flatMap(([memberId, list]) =>
    currentConsent(list).map((state) => ({ memberId, ...state })),
  );
  await tx.query(
    `INSERT INTO consent_current AS c (member_id, channel, purpose, answer, event_id, hlc)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (member_id, channel, purpose) DO UPDATE
       SET answer = excluded.answer, event_id = excluded.event_id, hlc = excluded.hlc
       WHERE c.hlc COLLATE "C" < excluded.hlc COLLATE "C"
         OR (c.hlc = excluded.hlc AND c.event_id COLLATE "C" < excluded.event_id COLLATE "C")`,
    [
      standing.map((s) => s.memberId),
      standing.map((s) => s.channel),
      standing.map((s) => s.purpose),
      standing.map((s) => s.answer),
      standing.map((s) => s.eventId),
      standing.map((s) => s.hlc),
    ],
  );
  const flagged = [
    ...new Set(
      added
        .filter((e) => e.purpose === 'marketing' && (e.channel === 'sms' || e.channel === 'email'))
        .map((e) => e.memberId)
        .filter((memberId) => !flagSetFor.has(memberId)),
    ),
  ];
  if (flagged.length > 0) {
    // Only the members whose flag changes are written, found by their ids (the primary key).
    await tx.query(
      `UPDATE member m SET marketing_consent = NOT m.marketing_consent
       WHERE m.id = ANY($1::uuid[]) AND m.marketing_consent <> EXISTS (
         SELECT 1 FROM consent_current c WHERE c.member_id = m.id AND c.purpose = 'marketing'
           AND c.channel IN ('sms', 'email') AND c.answer = 'granted')`,
      [flagged],
    );
  }
  await publishChanges(
    tx,
    added.map((event) => ({
      stream: 'consent' as const,
      entityId: event.id,
      data: { kind: 'event', event } satisfies PulledConsent,
    })),
    at,
  );
  return added;
}
