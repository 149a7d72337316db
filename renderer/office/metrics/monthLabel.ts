import { intlLocale, type Locale } from '../../../shared/locale';

/** "2026-03" as the language writes a month ("Mar 2026", "2026年3月"). */
export function monthLabeller(locale: Locale): (month: string) => string {
  const months = new Intl.DateTimeFormat(intlLocale(locale), {
    year: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  return (month) => months.format(new Date(`${month}-01T00:00:00Z`));
}

/** A share in basis points as a percent with one decimal ("33.3%"), or a dash for none. */
export function percentOf(basisPoints: number | null): string {
  return basisPoints === null ? '–' : `${(basisPoints / 100).toFixed(1)}%`;
}
