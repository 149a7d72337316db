import { useMemo } from 'react';
import { useFormat, useT } from '../../i18n/useT';
import type { AnalyticsWords } from './analyticsWords';

/** The terminal's catalog and formatters (its language, currency and time zone). */
export function useTerminalAnalyticsWords(): AnalyticsWords {
  const t = useT();
  const format = useFormat();
  return useMemo(
    () => ({
      t,
      money: format.money,
      number: format.number,
      day: format.day,
      dateTime: format.dateTime,
    }),
    [t, format],
  );
}
