import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../shared/i18n';
import type { TimelineEntry } from '../../shared/office/members';
import { timelineReference } from '../../renderer/office/members/timelineWords';

const row = (kind: TimelineEntry['kind'], reference: string): TimelineEntry => ({
  at: '2026-03-01T04:00:00.000Z',
  kind,
  storeName: 'Causeway Bay',
  amountMinor: null,
  points: null,
  reference,
});

describe('timelineReference', () => {
  const en = (key: MessageKey) => translate('en', key);
  const hant = (key: MessageKey) => translate('zh-Hant', key);

  it('words consent answers, points entries and exceptions in the admin’s language', () => {
    expect(timelineReference(row('consent', 'email:marketing:granted'), en)).toBe(
      'Email · Offers · agrees',
    );
    expect(timelineReference(row('consent', 'sms:feedback:withdrawn'), en)).toBe(
      'SMS · Feedback and surveys · does not agree',
    );
    expect(timelineReference(row('points', 'expire'), en)).toBe('Expired');
    expect(timelineReference(row('exception', 'overdraft #12'), en)).toBe('Points overdraft #12');
    expect(timelineReference(row('consent', 'email:marketing:granted'), hant)).toBe(
      [
        translate('zh-Hant', 'consent.channel.email'),
        translate('zh-Hant', 'consent.purpose.marketing'),
        translate('zh-Hant', 'office.members.answer.granted'),
      ].join(' · '),
    );
    expect(timelineReference(row('consent', 'email:marketing:granted'), hant)).not.toMatch(
      /email|marketing|granted/,
    );
  });

  it('quotes receipt numbers and codes as they are, and shows anything unexpected as it came', () => {
    expect(timelineReference(row('sale', 'CB-01-000123'), en)).toBe('CB-01-000123');
    expect(timelineReference(row('consent', 'fax:marketing:granted'), en)).toBe(
      'fax:marketing:granted',
    );
    expect(timelineReference(row('points', 'mystery'), en)).toBe('mystery');
  });
});
