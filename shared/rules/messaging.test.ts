import { describe, expect, it } from 'vitest';
import {
  consentAllows,
  inQuietHours,
  isBirthdayOn,
  isStopKeyword,
  messageLanguage,
  nextSendTime,
  renderMessage,
  birthdayGreeting,
  withinWeeklyCap,
} from './messaging';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const night = { start: '21:00', end: '09:00' };

describe('quiet hours', () => {
  it('lets a message go outside them and holds one inside until they end, on the zone’s clock', () => {
    // Hong Kong is UTC+8: 17:00, 21:00, 02:00, 08:59 and 09:00 there.
    expect(iso(nextSendTime(at('2026-11-02T09:00:00Z'), night, 'Asia/Hong_Kong'))).toBe(
      '2026-11-02T09:00:00.000Z',
    );
    for (const during of ['2026-11-02T13:00:00Z', '2026-11-02T18:00:00Z', '2026-11-03T00:59:00Z']) {
      expect(iso(nextSendTime(at(during), night, 'Asia/Hong_Kong'))).toBe(
        '2026-11-03T01:00:00.000Z',
      );
    }
    expect(inQuietHours(at('2026-11-03T01:00:00Z'), night, 'Asia/Hong_Kong')).toBe(false);
  });

  it('handles a window within one day, and equal times as none', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(iso(nextSendTime(at('2026-11-02T12:30:00Z'), lunch, 'UTC'))).toBe(
      '2026-11-02T14:00:00.000Z',
    );
    expect(inQuietHours(at('2026-11-02T11:59:00Z'), lunch, 'UTC')).toBe(false);
    expect(inQuietHours(at('2026-11-02T03:00:00Z'), { start: '09:00', end: '09:00' }, 'UTC')).toBe(
      false,
    );
  });

  it('ends quiet hours at 09:00 on the wall clock across a change of summer time', () => {
    // London leaves summer time at 02:00 on 25 October 2026: 21:30 BST the night before
    // (20:30 UTC) waits for 09:00 GMT (09:00 UTC), not 08:00 UTC.
    expect(iso(nextSendTime(at('2026-10-24T20:30:00Z'), night, 'Europe/London'))).toBe(
      '2026-10-25T09:00:00.000Z',
    );
    // And into summer time on 29 March 2026: 09:00 BST is 08:00 UTC.
    expect(iso(nextSendTime(at('2026-03-28T22:00:00Z'), night, 'Europe/London'))).toBe(
      '2026-03-29T08:00:00.000Z',
    );
  });
});

describe('consent, cap, language, words', () => {
  it('needs a grant for the channel and the purpose both', () => {
    const standing = [
      { channel: 'email', purpose: 'birthday', answer: 'granted' },
      { channel: 'sms', purpose: 'marketing', answer: 'withdrawn' },
    ];
    expect(consentAllows(standing, 'email', 'birthday')).toBe(true);
    expect(consentAllows(standing, 'email', 'marketing')).toBe(false);
    expect(consentAllows(standing, 'sms', 'marketing')).toBe(false);
    expect(consentAllows([], 'sms', 'birthday')).toBe(false);
  });

  it('counts the cap strictly, and a cap of 0 sends nothing', () => {
    expect(withinWeeklyCap(1, 2)).toBe(true);
    expect(withinWeeklyCap(2, 2)).toBe(false);
    expect(withinWeeklyCap(0, 0)).toBe(false);
  });

  it('writes in the member’s language, English for anything else', () => {
    expect(messageLanguage('zh-Hant')).toBe('zh-Hant');
    expect(messageLanguage('fr')).toBe('en');
    expect(messageLanguage(null)).toBe('en');
    expect(renderMessage(birthdayGreeting, 'zh-Hans', { name: '小明' }).text).toMatch(/^小明，/);
  });

  it('keeps a 29 February birthday on 28 February in other years', () => {
    expect(isBirthdayOn('1990-11-03', '2026-11-03')).toBe(true);
    expect(isBirthdayOn('1990-11-03', '2026-11-02')).toBe(false);
    expect(isBirthdayOn('2000-02-29', '2027-02-28')).toBe(true);
    expect(isBirthdayOn('2000-02-29', '2028-02-28')).toBe(false);
    expect(isBirthdayOn('2000-02-29', '2028-02-29')).toBe(true);
    expect(isBirthdayOn(null, '2026-11-03')).toBe(false);
    expect(isBirthdayOn('03/11/1990', '2026-11-03')).toBe(false);
  });

  it('hears STOP in English and Chinese, alone, in any case', () => {
    for (const yes of ['STOP', ' stop ', 'Unsubscribe', '退訂', '退订', 'td']) {
      expect(isStopKeyword(yes)).toBe(true);
    }
    for (const no of ['please stop', 'STOPP', '', 'thanks']) expect(isStopKeyword(no)).toBe(false);
  });
});
