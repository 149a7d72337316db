import type { Locale } from '../locale';

/**
 * Consent per channel and purpose (issue 14 §1). Every answer a member gives is an append-only
 * event; what they have agreed to now is derived from the events: per (channel, purpose) the
 * latest event by hybrid logical clock wins, across every store and head office. Two events with
 * the same clock (which two nodes cannot produce, but a replayed import could) are ordered by
 * their id, so every node derives the same state from the same set of events in any order.
 */
export const consentChannels = ['sms', 'email', 'phone_call', 'messaging_app', 'post'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

export const consentPurposes = ['marketing', 'profiling', 'feedback', 'birthday'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentAnswers = ['granted', 'withdrawn'] as const;
export type ConsentAnswer = (typeof consentAnswers)[number];

/**
 * How the answer was taken: the customer tapped it on the customer display, the cashier recorded
 * what the customer said, it was imported (the single flag before this ledger), or it came from
 * an unsubscribe link or keyword.
 */
export const consentMethods = ['display_tap', 'cashier_verbal', 'imported', 'unsubscribe'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** Where the event was recorded: a terminal in a store, or head office (no store, no terminal). */
export const consentOrigins = ['terminal', 'head_office'] as const;
export type ConsentOrigin = (typeof consentOrigins)[number];

export interface ConsentEvent {
  id: string;
  memberId: string;
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  answer: ConsentAnswer;
  /** Wall clock, ISO 8601: when, for people. */
  at: string;
  /** Hybrid logical clock: the order that decides which answer stands. */
  hlc: string;
  origin: ConsentOrigin;
  storeId: string | null;
  terminalId: string | null;
  /** The staff member who recorded it (null for an unsubscribe link or an import). */
  staffId: string | null;
  method: ConsentMethod;
  /** The version of the wording shown for this purpose; null where none was shown (imported). */
  wordingVersion: number | null;
  /** The language the wording was shown in. */
  language: Locale;
}

/** The answer standing for one (channel, purpose), and the event that gave it. */
export interface ConsentState {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  answer: ConsentAnswer;
  eventId: string;
  hlc: string;
  at: string;
  method: ConsentMethod;
  storeId: string | null;
  origin: ConsentOrigin;
}

/**
 * Total order of events: clock first, then id. The clock's text sorts in clock order (fixed-width
 * milliseconds and counter, then the node), so comparing the text is comparing the clocks.
 */
export function compareConsentEvents(
  a: Pick<ConsentEvent, 'hlc' | 'id'>,
  b: Pick<ConsentEvent, 'hlc' | 'id'>,
): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export function consentKey(channel: ConsentChannel, purpose: ConsentPurpose): string {
  return `${channel}:${purpose}`;
}

/**
 * The current state of one member's consent: for each (channel, purpose) that was ever answered,
 * the latest event's answer. A pair never asked is absent: nothing is assumed. The result is in
 * the fixed order of channels then purposes, whatever order the events came in.
 */
export function currentConsent(events: readonly ConsentEvent[]): ConsentState[] {
  const latest = new Map<string, ConsentEvent>();
  for (const event of events) {
    const key = consentKey(event.channel, event.purpose);
    const standing = latest.get(key);
    if (!standing || compareConsentEvents(event, standing) > 0) latest.set(key, event);
  }
  const states: ConsentState[] = [];
  for (const channel of consentChannels) {
    for (const purpose of consentPurposes) {
      const event = latest.get(consentKey(channel, purpose));
      if (!event) continue;
      states.push({
        channel,
        purpose,
        answer: event.answer,
        eventId: event.id,
        hlc: event.hlc,
        at: event.at,
        method: event.method,
        storeId: event.storeId,
        origin: event.origin,
      });
    }
  }
  return states;
}

/**
 * Whether an event changes the standing answer: it does when nothing stands for its pair yet or
 * when it sorts after the standing event. The one writer uses this to keep the derived table.
 */
export function supersedes(
  event: Pick<ConsentEvent, 'hlc' | 'id'>,
  standing: Pick<ConsentEvent, 'hlc' | 'id'> | null | undefined,
): boolean {
  return !standing || compareConsentEvents(event, standing) > 0;
}

/**
 * The one-flag view kept for callers that predate the ledger: marketing offers granted on SMS or
 * email (the two channels the old flag covered).
 */
export function marketingConsentOf(
  states: readonly Pick<ConsentState, 'channel' | 'purpose' | 'answer'>[],
): boolean {
  return states.some(
    (s) =>
      s.purpose === 'marketing' &&
      (s.channel === 'sms' || s.channel === 'email') &&
      s.answer === 'granted',
  );
}

/** One version of the wording shown for a purpose, in one language; head office publishes it. */
export interface ConsentWording {
  purpose: ConsentPurpose;
  version: number;
  language: Locale;
  text: string;
  publishedAt: string;
}

/** A member's consent as the member screen shows it: what stands now, and every event. */
export interface ConsentOfMember {
  memberId: string;
  current: ConsentState[];
  history: ConsentEvent[];
}

/**
 * Version 1 of each purpose's wording: what a terminal that has never synced shows (its migration
 * 14 wrote the same text) and what head office starts with until an admin publishes another.
 */
export const firstConsentWording: Record<ConsentPurpose, Record<Locale, string>> = {
  marketing: {
    en: 'May we send you offers and news about our shops?',
    'zh-Hant': '我們可否向您發送本店的優惠及消息？',
    'zh-Hans': '我们可否向您发送本店的优惠及消息？',
  },
  profiling: {
    en: 'May we use what you buy to choose offers for you?',
    'zh-Hant': '我們可否根據您的購物紀錄為您挑選優惠？',
    'zh-Hans': '我们可否根据您的购物记录为您挑选优惠？',
  },
  feedback: {
    en: 'May we contact you to ask about your visits?',
    'zh-Hant': '我們可否聯絡您，了解您的購物體驗？',
    'zh-Hans': '我们可否联系您，了解您的购物体验？',
  },
  birthday: {
    en: 'May we send you birthday greetings?',
    'zh-Hant': '我們可否向您送上生日祝福？',
    'zh-Hans': '我们可否向您送上生日祝福？',
  },
};

/** A consent event as both ledgers store it (snake_case columns), terminal and head office alike. */
export interface ConsentEventRow {
  id: string;
  member_id: string;
  channel: ConsentEvent['channel'];
  purpose: ConsentEvent['purpose'];
  answer: ConsentEvent['answer'];
  at: string;
  hlc: string;
  origin: ConsentEvent['origin'];
  store_id: string | null;
  terminal_id: string | null;
  staff_id: string | null;
  method: ConsentEvent['method'];
  wording_version: number | null;
  language: ConsentEvent['language'];
}

export function consentEventOf(row: ConsentEventRow): ConsentEvent {
  return {
    id: row.id,
    memberId: row.member_id,
    channel: row.channel,
    purpose: row.purpose,
    answer: row.answer,
    at: row.at,
    hlc: row.hlc,
    origin: row.origin,
    storeId: row.store_id,
    terminalId: row.terminal_id,
    staffId: row.staff_id,
    method: row.method,
    wordingVersion: row.wording_version,
    language: row.language,
  };
}

/** The event's values in the column order of ConsentEventRow, for both ledgers' inserts. */
export function consentEventValues(e: ConsentEvent) {
  return [
    e.id,
    e.memberId,
    e.channel,
    e.purpose,
    e.answer,
    e.at,
    e.hlc,
    e.origin,
    e.storeId,
    e.terminalId,
    e.staffId,
    e.method,
    e.wordingVersion,
    e.language,
  ] as const;
}
