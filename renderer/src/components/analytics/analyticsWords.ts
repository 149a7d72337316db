import type { MessageKey, MessageParams } from '../../../../shared/i18n';
import type { RfmSegment } from '../../../../shared/analytics/rfm';

/**
 * What the analytics components need to speak: the catalog and formatters of whichever app shows
 * them (the terminal's useT/useFormat, or the head-office UI's), so they read no store.
 */
export interface AnalyticsWords {
  t: (key: MessageKey, params?: MessageParams) => string;
  money: (minor: number) => string;
  number: (value: number) => string;
  /** A "YYYY-MM-DD" calendar date, or the day of an ISO instant (in the viewer's zone). */
  day: (dateOrIso: string) => string;
  dateTime: (iso: string) => string;
  /** The Intl locale dates are typed and shown in: the shop's (or the admin's) language. */
  dateLocale: string;
}

/** Basis points as a percent with two decimals ("69.94%"), or a dash when there is no share. */
export function percentText(basisPoints: number | null, words: AnalyticsWords): string {
  if (basisPoints === null) return words.t('analytics.none');
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

export function segmentName(segment: RfmSegment, words: AnalyticsWords): string {
  return words.t(`analytics.segment.${segment}` as MessageKey);
}
