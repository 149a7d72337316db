import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { issueWords } from '../../renderer/src/program/issueWords';

/** The one wording of program issues, as the terminal and head office each call it. */
describe('program issue words', () => {
  const t = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
  const money = (minor: number) => `$${(minor / 100).toFixed(2)}`;

  it('words a format problem by what the field holds', () => {
    expect(issueWords({ type: 'format' }, 'money', t, money)).toBe('Enter an amount like 12.50.');
    expect(issueWords({ type: 'format' }, 'number', t, String)).toBe('Enter a whole number.');
    expect(issueWords({ type: 'format' }, 'text', t, String)).toBe('Check this value.');
  });

  it('writes limits the caller’s way; text limits count characters', () => {
    expect(issueWords({ type: 'min', limit: 150 }, 'money', t, money)).toBe('At least $1.50.');
    expect(issueWords({ type: 'max', limit: 1000 }, 'number', t, (v) => v)).toBe('At most 1000.');
    expect(issueWords({ type: 'max', limit: 40 }, 'text', t, String)).toBe(
      'At most 40 characters.',
    );
  });

  it('has words for every rule the program schema checks, in all three languages', () => {
    for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      const words = issueWords(
        { type: 'thresholdsRise' },
        'number',
        (key, params) => translate(locale, key, params),
        String,
      );
      expect(words).not.toBe('program.issue.thresholdsRise');
      expect(words.length).toBeGreaterThan(0);
    }
  });
});
