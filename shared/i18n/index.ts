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

/** Looks up a message and fills its {placeholders}. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
