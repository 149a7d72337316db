import type Database from 'better-sqlite3-multiple-ciphers';
import type { Locale } from '../../../shared/locale';
import {
  consentChannels,
  consentEventOf,
  consentEventValues,
  consentPurposes,
  marketingConsentOf,
  supersedes,
  type ConsentEvent,
  type ConsentEventRow,
  type ConsentPurpose,
  type ConsentState,
  type ConsentWording,
} from '../../../shared/rules/consent';
import { prepared } from '../db/statements';

/**
 * The one writer of the consent ledger: every event, whether recorded here, pulled from head
 * office or imported, goes through appendConsentEvent, which keeps the derived current state and
 * the member's single-flag cache in the same transaction. Call inside a transaction.
 */

/**
 * Stores an event once (an id already held is ignored: pulled twice, or imported on both sides)
 * and moves the standing answer for its pair when the event is the latest. Returns whether the
 * event was new here.
 */
export function appendConsentEvent(db: Database.Database, e: ConsentEvent): boolean {
  const inserted = prepared(
    db,
    `INSERT INTO consent_event (id, member_id, channel, purpose, answer, at, hlc, origin,
       store_id, terminal_id, staff_id, method, wording_version, language)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  ).run(...consentEventValues(e));
  if (inserted.changes === 0) return false;
  const standing = prepared(
    db,
    `SELECT event_id AS id, hlc FROM consent_current
     WHERE member_id = ? AND channel = ? AND purpose = ?`,
  ).get(e.memberId, e.channel, e.purpose) as { id: string; hlc: string } | undefined;
  if (supersedes(e, standing)) {
    prepared(
      db,
      `INSERT INTO consent_current (member_id, channel, purpose, answer, event_id, hlc)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (member_id, channel, purpose)
       DO UPDATE SET answer = excluded.answer, event_id = excluded.event_id, hlc = excluded.hlc`,
    ).run(e.memberId, e.channel, e.purpose, e.answer, e.id, e.hlc);
    if (e.purpose === 'marketing' && (e.channel === 'sms' || e.channel === 'email')) {
      refreshMarketingFlag(db, e.memberId);
    }
  }
  return true;
}

/** The single flag the member view has always carried, now a cache of the ledger. */
function refreshMarketingFlag(db: Database.Database, memberId: string): void {
  const states = prepared(
    db,
    `SELECT c.channel, c.purpose, c.answer, e.at, e.terminal_id
     FROM consent_current c JOIN consent_event e ON e.id = c.event_id
     WHERE c.member_id = ? AND c.purpose = 'marketing' AND c.channel IN ('sms', 'email')
     ORDER BY c.hlc DESC`,
  ).all(memberId) as (Pick<ConsentState, 'channel' | 'purpose' | 'answer'> & {
    at: string;
    terminal_id: string | null;
  })[];
  const latest = states[0];
  prepared(
    db,
    'UPDATE member SET marketing_consent = ?, consent_at = ?, consent_terminal_id = ? WHERE id = ?',
  ).run(
    marketingConsentOf(states) ? 1 : 0,
    latest?.at ?? null,
    latest?.terminal_id ?? null,
    memberId,
  );
}

export function consentHistory(db: Database.Database, memberId: string): ConsentEvent[] {
  return (
    prepared(db, 'SELECT * FROM consent_event WHERE member_id = ? ORDER BY hlc DESC, id DESC').all(
      memberId,
    ) as ConsentEventRow[]
  ).map(consentEventOf);
}

export function consentNow(db: Database.Database, memberId: string): ConsentState[] {
  const rows = prepared(
    db,
    `SELECT c.channel, c.purpose, c.answer, c.event_id, c.hlc, e.at, e.method, e.store_id,
       e.origin
     FROM consent_current c JOIN consent_event e ON e.id = c.event_id
     WHERE c.member_id = ?`,
  ).all(memberId) as {
    channel: ConsentState['channel'];
    purpose: ConsentState['purpose'];
    answer: ConsentState['answer'];
    event_id: string;
    hlc: string;
    at: string;
    method: ConsentState['method'];
    store_id: string | null;
    origin: ConsentState['origin'];
  }[];
  const order = (r: (typeof rows)[number]) =>
    consentChannels.indexOf(r.channel) * consentPurposes.length +
    consentPurposes.indexOf(r.purpose);
  rows.sort((a, b) => order(a) - order(b));
  return rows.map((r) => ({
    channel: r.channel,
    purpose: r.purpose,
    answer: r.answer,
    eventId: r.event_id,
    hlc: r.hlc,
    at: r.at,
    method: r.method,
    storeId: r.store_id,
    origin: r.origin,
  }));
}

export function wordingExists(
  db: Database.Database,
  purpose: ConsentPurpose,
  version: number,
  language: Locale,
): boolean {
  return (
    prepared(
      db,
      'SELECT 1 FROM consent_wording WHERE purpose = ? AND version = ? AND language = ?',
    ).get(purpose, version, language) !== undefined
  );
}

/** The newest version of each purpose's wording, in one language. */
export function currentWording(db: Database.Database, language: Locale): ConsentWording[] {
  const rows = prepared(
    db,
    `SELECT w.purpose, w.version, w.language, w.text, w.published_at
     FROM consent_wording w
     WHERE w.language = ? AND w.version =
       (SELECT max(version) FROM consent_wording v WHERE v.purpose = w.purpose AND v.language = ?)
     ORDER BY w.purpose`,
  ).all(language, language) as {
    purpose: ConsentPurpose;
    version: number;
    language: Locale;
    text: string;
    published_at: string;
  }[];
  return rows.map((r) => ({
    purpose: r.purpose,
    version: r.version,
    language: r.language,
    text: r.text,
    publishedAt: r.published_at,
  }));
}

/** A version head office published: kept once, never rewritten. */
export function storeWording(db: Database.Database, w: ConsentWording): void {
  prepared(
    db,
    `INSERT INTO consent_wording (purpose, version, language, text, published_at)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(w.purpose, w.version, w.language, w.text, w.publishedAt);
}
