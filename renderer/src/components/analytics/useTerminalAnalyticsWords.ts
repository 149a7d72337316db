import { useMemo } from 'react';
import { useFormat, useLocale, useT } from '../../i18n/useT';
import { intlLocale } from '../../../../shared/locale';
import type { AnalyticsWords } from './analyticsWords';

/** The terminal's catalog and formatters (its language, currency and time zone). */
export function useTerminalAnalyticsWords(): AnalyticsWords {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  return useMemo(
    () => ({
      t,
      money: format.money,
      number: format.number,
      day: format.day,
      dateTime: format.dateTime,
      dateLocale: intlLocale(locale),
    }),
    [t, format, locale],
  );
}
