import { locales, type Locale } from '../locale';
import { isLeapYear, wallClockMs, zoneOffsetMs } from '../zonedTime';
import type { ConsentChannel, ConsentPurpose } from './consent';

/**
 * What decides whether, when and in which language head office sends a member a message (issue
 * 15 §3). Pure: head office's send job (server/messages) asks these at send time, and the office
 * UI shows the same figures.
 *
 * - Consent: only when the standing answer for the message's channel AND purpose is "granted".
 *   A pair never answered is not consent.
 * - Quiet hours, on the wall clock of the member's home store: a message due inside them waits
 *   for their end, it is never dropped.
 * - A chain-wide cap per member over any 7 days (a rolling week: the same at every store and
 *   on every day of the week).
 * - The member's language: the one they answered the consent question in for that channel and
 *   purpose (the terminal shows the wording in the member's language), else English.
 */

/** The channels head office sends on. */
export const messageChannels = ['email', 'sms'] as const satisfies readonly ConsentChannel[];
export type MessageChannel = (typeof messageChannels)[number];

export const messageStatuses = [
  'queued',
  'sending',
  'sent',
  'failed',
  'bounced',
  'skipped',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** Why a message was not sent (each reason means one thing). */
export const skipReasons = ['no_consent', 'no_address', 'weekly_cap', 'member_gone'] as const;
export type SkipReason = (typeof skipReasons)[number];

export const WEEK_MS = 7 * 86_400_000;

/** Quiet hours as "HH:MM" wall-clock times; equal times mean none. */
export interface QuietHours {
  start: string;
  end: string;
}

export const defaultQuietHours: QuietHours = { start: '21:00', end: '09:00' };
export const defaultWeeklyCap = 2;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(text: string): boolean {
  return HHMM.test(text);
}

function minutesOf(text: string): number {
  const match = HHMM.exec(text);
  if (!match) throw new Error(`not a clock time: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function inWindow(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When a message due at `atMs` may go: `atMs` itself outside quiet hours, else the next end of
 * quiet hours on the zone's wall clock (a DST change in between is allowed for).
 */
export function nextSendTime(atMs: number, quiet: QuietHours, timeZone: string): number {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const wall = wallClockMs(atMs, timeZone);
  const minute = Math.floor((wall % 86_400_000) / 60_000);
  if (!inWindow(minute, start, end)) return atMs;
  const wallDayStart = wall - (wall % 86_400_000);
  let wallEnd = wallDayStart + end * 60_000;
  if (wallEnd <= wall) wallEnd += 86_400_000;
  // The wall-clock end read back as an instant, with the zone's offset at that instant.
  const guess = wallEnd - zoneOffsetMs(wallEnd, timeZone);
  return wallEnd - zoneOffsetMs(guess, timeZone);
}

export function inQuietHours(atMs: number, quiet: QuietHours, timeZone: string): boolean {
  return nextSendTime(atMs, quiet, timeZone) !== atMs;
}

/** Whether one more message would pass the cap, given how many went in the last 7 days. */
export function withinWeeklyCap(sentInLastWeek: number, weeklyCap: number): boolean {
  return sentInLastWeek < weeklyCap;
}

/** The language a message is written in: the member's, where head office has a template for it. */
export function messageLanguage(memberLanguage: string | null | undefined): Locale {
  return locales.find((l) => l === memberLanguage) ?? 'en';
}

/** Whether the standing answer lets this message go. */
export function consentAllows(
  standing: readonly { channel: string; purpose: string; answer: string }[],
  channel: MessageChannel,
  purpose: ConsentPurpose,
): boolean {
  return standing.some(
    (s) => s.channel === channel && s.purpose === purpose && s.answer === 'granted',
  );
}

/** A message's words in one language: the subject is for email only. */
export interface MessageText {
  subject: string;
  text: string;
}

export type MessageContent = Record<Locale, MessageText>;

/** Head office's own greeting, sent on a member's birthday (placeholder: {name}). */
export const birthdayGreeting: MessageContent = {
  en: {
    subject: 'Happy birthday from all of us',
    text: 'Happy birthday, {name}! Thank you for shopping with us. We wish you a wonderful year.',
  },
  'zh-Hant': {
    subject: '祝您生日快樂',
    text: '{name}，祝您生日快樂！感謝您一直以來的支持，願您新的一年萬事如意。',
  },
  'zh-Hans': {
    subject: '祝您生日快乐',
    text: '{name}，祝您生日快乐！感谢您一直以来的支持，愿您新的一年万事如意。',
  },
};

/** The words in the member's language, {name} filled in. */
export function renderMessage(
  content: MessageContent,
  language: Locale,
  fields: { name: string },
): MessageText {
  const words = content[language];
  const fill = (s: string) => s.replaceAll('{name}', fields.name);
  return { subject: fill(words.subject), text: fill(words.text) };
}

/**
 * Whose birthday is `today` (YYYY-MM-DD in the store's zone): a birthday on 29 February is kept
 * on 28 February in a year without one.
 */
export function isBirthdayOn(birthday: string | null, today: string): boolean {
  if (!birthday || !/^\d{4}-\d{2}-\d{2}$/.test(birthday)) return false;
  const monthDay = birthday.slice(5);
  const todayMonthDay = today.slice(5);
  if (monthDay === todayMonthDay) return true;
  const leap = isLeapYear(Number(today.slice(0, 4)));
  return monthDay === '02-29' && !leap && todayMonthDay === '02-28';
}

/** What an SMS STOP reply may say: any of these, alone, in any case. */
export const stopKeywords = ['STOP', 'UNSUBSCRIBE', 'END', 'QUIT', '退訂', '退订', 'TD'] as const;

export function isStopKeyword(text: string): boolean {
  const word = text.trim().toUpperCase();
  return stopKeywords.some((k) => k === word);
}
