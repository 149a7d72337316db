import { useCallback, useMemo } from 'react';
import { catalogs, translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import { intlLocale, type Locale } from '../../../shared/locale';
import { formatMoney } from '../../../shared/money';
import type { ErrorCode } from '../../../shared/result';
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
  /** A whole amount without cents (HK$1,100), others as money: the notes a customer hands over. */
  notes(minor: number): string;
  number(value: number): string;
  points(value: number): string;
  dateTime(iso: string): string;
  /** The time of day of an instant in the shop's time zone, e.g. "14:05". */
  time(iso: string): string;
  date(iso: string): string;
  /** The calendar day of an instant, or of a "YYYY-MM-DD" date, in the shop's time zone. */
  day(isoOrDate: string): string;
  /** A whole percent, e.g. 150 -> "150%". */
  percent(value: number): string;
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
    const timeFormat = new Intl.DateTimeFormat(tag, {
      timeStyle: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
    const dayFormat = new Intl.DateTimeFormat(tag, {
      dateStyle: 'medium',
      ...(timeZone ? { timeZone } : {}),
    });
    const percentFormat = new Intl.NumberFormat(tag, {
      style: 'percent',
      maximumFractionDigits: 0,
    });
    const date = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
    return {
      money: (minor) => formatMoney(minor, currency, tag),
      notes: (minor) => formatMoney(minor, currency, tag, { wholeUnits: true }),
      number: (value) => numberFormat.format(value),
      points: (value) => numberFormat.format(value),
      dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
      time: (iso) => timeFormat.format(new Date(iso)),
      // Birthdays are calendar dates, not instants: format them in UTC so no zone shifts the day.
      date,
      day: (value) =>
        /^\d{4}-\d{2}-\d{2}$/.test(value) ? date(value) : dayFormat.format(new Date(value)),
      percent: (value) => percentFormat.format(value / 100),
    };
  }, [locale, currency, timeZone]);
}

type DetailKind = 'money' | 'points' | 'date' | 'dateTime' | 'offlineReason' | 'headOfficeReason';

/** Which details of an error are money, points, dates or codes, so the message shows them properly. */
const detailKinds: Partial<Record<ErrorCode, Record<string, DetailKind>>> = {
  insufficient_points: { balance: 'points' },
  redeem_exceeds_total: { max: 'points' },
  redeem_step: { step: 'points' },
  redeem_minimum: { minimum: 'points' },
  coupon_expired: { date: 'date' },
  coupon_not_yet_valid: { date: 'date' },
  campaign_ended: { date: 'date' },
  adjustment_over_limit: { max: 'points' },
  coupon_below_minimum: { minimum: 'money' },
  gift_card_expired: { date: 'date' },
  gift_card_insufficient: { balance: 'money' },
  gift_card_exceeds_total: { max: 'money' },
  offline_redemption_limit: { max: 'points', why: 'offlineReason' },
  enrollment_refused: { reason: 'headOfficeReason' },
  refund_needs_manager: { limit: 'money', amount: 'money' },
  cash_received_short: { received: 'money', due: 'money' },
  report_day_not_over: { endsAt: 'dateTime' },
};

/** Codes inside an error's details, said in words by the catalog under this prefix. */
const codePrefixes: Partial<Record<DetailKind, string>> = {
  offlineReason: 'offlineLimit.why',
  headOfficeReason: 'enrollReason',
};

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogs.en, key);
}

export function errorText(
  t: (key: MessageKey, params?: MessageParams) => string,
  error: { code: string; details?: Record<string, string | number> },
  format?: Formatters,
): string {
  const details = error.details ?? {};
  const kinds = detailKinds[error.code as ErrorCode];
  const key = `error.${error.code}` as MessageKey;
  if (!kinds) return t(key, error.details);
  const shown: MessageParams = { ...details };
  for (const [name, kind] of Object.entries(kinds)) {
    const value = details[name];
    const prefix = codePrefixes[kind];
    if (prefix) {
      // A code the catalog knows is said in words; an unknown one is shown as it came.
      const known = `${prefix}.${String(value ?? 'unknown')}`;
      shown[name] = isMessageKey(known) ? t(known) : String(value);
      continue;
    }
    if (value === undefined || value === '' || !format) continue;
    if (kind === 'money' && typeof value === 'number') shown[name] = format.money(value);
    if (kind === 'points' && typeof value === 'number') shown[name] = format.points(value);
    if (kind === 'date' && typeof value === 'string') shown[name] = format.day(value);
    if (kind === 'dateTime' && typeof value === 'string') shown[name] = format.dateTime(value);
  }
  return t(key, shown);
}

/** A refusal from the core in the cashier's language, with its amounts and dates formatted. */
export function useErrorText(): (error: {
  code: string;
  details?: Record<string, string | number>;
}) => string {
  const t = useT();
  const format = useFormat();
  return useCallback((error) => errorText(t, error, format), [t, format]);
}
