import type { Locale } from '../locale';
import { en, type MessageKey } from './en';
import { zhHant } from './zh-Hant';
import { zhHans } from './zh-Hans';

export type { MessageKey };

/** Every catalog has every key: the type makes a missing key a compile error, a test checks too. */
export const catalogs: Record<Locale, Record<MessageKey, string>> = {
  en,
  'zh-Hant': zhHant,
  'zh-Hans': zhHans,
};

export type MessageParams = Record<string, string | number>;

/**
 * A plural choice in ICU's form: `{count, plural, one {# change} other {# changes}}`. The branch is
 * chosen by the language's plural rules (Intl.PluralRules: English has one/other, Chinese only
 * other); `=N` matches a number exactly; `#` is the value as it was passed (already formatted).
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

/** A count as a number, whether passed as one or already formatted ("1,234"). */
function countOf(value: string | number): number {
  return typeof value === 'number' ? value : Number(value.replace(/[^\d.-]/g, ''));
}

function choosePlural(locale: Locale, value: string | number, branches: string): string {
  const n = countOf(value);
  const options = new Map<string, string>();
  for (const [, selector, text] of branches.matchAll(BRANCH)) {
    options.set(selector as string, text as string);
  }
  const chosen =
    options.get(`=${n}`) ??
    (Number.isFinite(n) ? options.get(pluralCategory(locale, n)) : undefined) ??
    options.get('other') ??
    '';
  return chosen.replace(/#/g, String(value));
}

/** Looks up a message, chooses its plural forms and fills its {placeholders}. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key];
  if (!params) return template;
  return template
    .replace(PLURAL, (whole, name: string, branches: string) =>
      name in params ? choosePlural(locale, params[name] as string | number, branches) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}
