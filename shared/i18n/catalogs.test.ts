import { describe, expect, it } from 'vitest';
import { catalogs, translate } from './index';
import { en } from './en';
import { locales } from '../locale';
import { errorCodes } from '../result';

const englishKeys = Object.keys(en).sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(locales)('the %s catalog', (locale) => {
  const catalog = catalogs[locale] as Record<string, string>;

  it('has exactly the English keys: none missing, none extra', () => {
    expect(Object.keys(catalog).sort()).toEqual(englishKeys);
  });

  it('has no empty message', () => {
    for (const key of englishKeys) expect(catalog[key]?.trim(), key).not.toBe('');
  });

  it('uses the same {placeholders} as English in every message', () => {
    for (const key of englishKeys) {
      expect(placeholders(catalog[key] ?? ''), key).toEqual(
        placeholders(en[key as keyof typeof en]),
      );
    }
  });

  it('has a message for every error code', () => {
    for (const code of errorCodes) expect(catalog[`error.${code}`], code).toBeTruthy();
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'member.balance', { points: '1,200' })).toBe('1,200 points');
    expect(translate('zh-Hant', 'member.balance', { points: '1,200' })).toBe('1,200 分');
    expect(translate('en', 'member.balance')).toBe('{points} points');
  });

  it('really translates: Chinese catalogs differ from English where words are used', () => {
    expect(translate('zh-Hant', 'nav.sale')).toBe('銷售');
    expect(translate('zh-Hans', 'nav.sale')).toBe('销售');
    expect(translate('zh-Hant', 'setup.title')).not.toBe(translate('zh-Hans', 'setup.title'));
  });
});
