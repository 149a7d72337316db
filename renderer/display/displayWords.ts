import { catalogs, translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { intlLocale, type Locale } from '../../shared/locale';
import { formatMoney, type Currency } from '../../shared/money';

/** The display's words, numbers and money in the customer's language (the view's, or a guess). */
export interface DisplayWords {
  locale: Locale;
  t(key: MessageKey, params?: MessageParams): string;
  money(minor: number): string;
  number(value: number): string;
  /** A reason tag's name ("speed" -> "Speed", 「速度」), or the tag where no catalog names it. */
  reason(tag: string): string;
}

export function guessLocale(): Locale {
  const language = navigator.language.toLowerCase();
  if (language.startsWith('zh')) {
    return /hant|tw|hk|mo/.test(language) ? 'zh-Hant' : 'zh-Hans';
  }
  return 'en';
}

export function displayWords(locale: Locale, currency: Currency): DisplayWords {
  const tag = intlLocale(locale);
  const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const catalog = catalogs[locale] as Record<string, string>;
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    money: (minor) => formatMoney(minor, currency, tag),
    number: (value) => numbers.format(value),
    reason: (reasonTag) => catalog[`feedback.reason.${reasonTag}`] ?? reasonTag,
  };
}
