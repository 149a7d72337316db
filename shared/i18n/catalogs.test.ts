import { describe, expect, it } from 'vitest';
import { catalogs, translate } from './index';
import { en } from './en';
import { locales } from '../locale';
import { errorCodes } from '../result';

const englishKeys = Object.keys(en).sort();
/** The names a message fills: {name}, and the subject of a {name, plural, …} choice. */
const placeholders = (text: string) => {
  // A plural choice counts as its subject; the words of its branches are not placeholders.
  const flat = text.replace(
    /\{(\w+), plural,((?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+)\s*\}/g,
    (_whole, name: string) => `{${name}}`,
  );
  return [...new Set([...flat.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
};

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
    expect(translate('en', 'member.pointsShort')).toBe('{points} pts');
  });

  it('chooses plural forms by the language: "1 point", "2 points", "1,200 points"; Chinese has one form', () => {
    expect(translate('en', 'member.balance', { points: 1 })).toBe('1 point');
    expect(translate('en', 'member.balance', { points: '2' })).toBe('2 points');
    expect(translate('en', 'member.balance', { points: '1,200' })).toBe('1,200 points');
    expect(translate('en', 'status.refused', { count: 1 })).toBe('1 change refused by head office');
    expect(translate('en', 'status.refused', { count: 3 })).toBe(
      '3 changes refused by head office',
    );
    expect(translate('zh-Hant', 'status.refused', { count: 1 })).toBe('1 項變更被總部拒絕');
  });

  it('every English message that counts says it in the singular too', () => {
    for (const [key, text] of Object.entries(en)) {
      for (const [choice] of text.matchAll(/\{\w+, plural,[^]*?\}\s*\}/g)) {
        expect(choice, key).toMatch(/\bone\s*\{/);
        expect(choice, key).toMatch(/\bother\s*\{/);
      }
    }
  });

  it('writes every plural choice so translate can read it: no {placeholder} inside a branch', () => {
    // A branch holding {name} is never matched as a plural and reaches the screen raw: use #.
    for (const locale of locales) {
      for (const [key, text] of Object.entries(catalogs[locale])) {
        const opened = (text.match(/\{\w+, plural,/g) ?? []).length;
        const read = (text.match(/\{(\w+), plural,((?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+)\s*\}/g) ?? [])
          .length;
        expect(read, `${locale} ${key}`).toBe(opened);
      }
    }
    expect(translate('en', 'office.segments.count', { count: '1,234' })).toBe('1,234 members');
    expect(
      translate('zh-Hant', 'office.metrics.cell', {
        cohort: '2026年9月',
        months: '2',
        value: '50.0%',
        active: '1',
        members: '2',
      }),
    ).toBe('2026年9月，2 個月後：50.0%（2 位中 1 位有消費）');
  });

  it('really translates: Chinese catalogs differ from English where words are used', () => {
    expect(translate('zh-Hant', 'nav.sale')).toBe('銷售');
    expect(translate('zh-Hans', 'nav.sale')).toBe('销售');
    expect(translate('zh-Hant', 'setup.title')).not.toBe(translate('zh-Hans', 'setup.title'));
  });
});
