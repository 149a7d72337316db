import { useMemo } from 'react';
import { intlLocale } from '../../../shared/locale';
import type { DatePart } from '../components/dateText';
import { useLocale, useT } from './useT';

/** What a DateField needs to type and show dates the shop's way: its locale and part letters. */
export function useShopDates(): { locale: string; partLetters: Record<DatePart, string> } {
  const t = useT();
  const locale = useLocale();
  return useMemo(
    () => ({
      locale: intlLocale(locale),
      partLetters: { year: t('date.year'), month: t('date.month'), day: t('date.day') },
    }),
    [t, locale],
  );
}
