export const locales = ['en', 'zh-Hant', 'zh-Hans'] as const;
export type Locale = (typeof locales)[number];

/** The BCP 47 tag Intl uses for dates, numbers and money in each UI language. */
export function intlLocale(locale: Locale): string {
  switch (locale) {
    case 'en':
      return 'en-HK';
    case 'zh-Hant':
      return 'zh-Hant-HK';
    case 'zh-Hans':
      return 'zh-Hans-CN';
    default: {
      const never: never = locale;
      return never;
    }
  }
}
