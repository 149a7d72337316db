import { useCallback, useMemo } from 'react';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import { intlLocale, type Locale } from '../../../shared/locale';
import { formatMoney } from '../../../shared/money';
import { useAppStore } from '../store';

/** Before setup the language comes from the browser; after, from the terminal. */
export function useLocale(): Locale {
  const locale = useAppStore((s) => s.terminal?.locale);
  return locale ?? guessLocale();
}

export function guessLocale(): Locale {
  const language = navigator.language.toLowerCase();
  if (language.startsWith('zh')) {
    return /hant|tw|hk|mo/.test(language) ? 'zh-Hant' : 'zh-Hans';
  }
  return 'en';
}

export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useLocale();
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}

export interface Formatters {
  money(minor: number): string;
  number(value: number): string;
  points(value: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
}

/** Money, numbers and dates in the terminal's language, currency and time zone. */
export function useFormat(): Formatters {
  const locale = useLocale();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const timeZone = useAppStore((s) => s.terminal?.timeZone);
  return useMemo(() => {
    const tag = intlLocale(locale);
    const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    const dateTimeFormat = new Intl.DateTimeFormat(tag, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
    return {
      money: (minor) => formatMoney(minor, currency, tag),
      number: (value) => numberFormat.format(value),
      points: (value) => numberFormat.format(value),
      dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
      // Birthdays are calendar dates, not instants: format them in UTC so no zone shifts the day.
      date: (iso) => dateFormat.format(new Date(`${iso}T00:00:00Z`)),
    };
  }, [locale, currency, timeZone]);
}

export function errorText(
  t: (key: MessageKey, params?: MessageParams) => string,
  error: { code: string; details?: Record<string, string | number> },
): string {
  return t(`error.${error.code}` as MessageKey, error.details);
}
