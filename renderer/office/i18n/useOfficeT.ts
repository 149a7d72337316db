import { useCallback, useMemo } from 'react';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import { intlLocale } from '../../../shared/locale';
import { formatMoney, isCurrency } from '../../../shared/money';
import { formatDateText } from '../../src/components/dateText';
import type { OfficeError } from '../api/officeApi';
import { useOfficeStore } from '../store/officeStore';

export function useOfficeT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useOfficeStore((s) => s.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}

export { isCurrency };

export interface OfficeFormat {
  /** Minor units in a currency; an unknown currency shows the bare number. */
  money(minor: number, currency: string | null): string;
  number(value: number): string;
  /** Basis points as a percent with two decimals, e.g. 1234 -> "12.34%". */
  basisPoints(value: number): string;
  dateTime(iso: string): string;
  /** A calendar day (YYYY-MM-DD) with day, month and year in the language's order. */
  date(isoDate: string): string;
}

/** Numbers, money and times in the admin's language, in the browser's time zone. */
export function useOfficeFormat(): OfficeFormat {
  const locale = useOfficeStore((s) => s.locale);
  return useMemo(() => {
    const tag = intlLocale(locale);
    const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    const times = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      money: (minor, currency) =>
        isCurrency(currency) ? formatMoney(minor, currency, tag) : numbers.format(minor),
      number: (value) => numbers.format(value),
      basisPoints: (value) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}%`,
      dateTime: (iso) => times.format(new Date(iso)),
      date: (isoDate) => formatDateText(isoDate, tag),
    };
  }, [locale]);
}

const knownErrors = new Set([
  'sign_in_refused',
  'sign_in_locked',
  'unauthorized',
  'invalid_input',
  'not_found',
  'already_resolved',
  'resolution_not_applicable',
  'name_taken',
  'rate_limited',
  'unreachable',
  'request_header_missing',
  'already_erased',
  'same_approver',
  'request_closed',
  'complaint_step_not_allowed',
  'sku_taken',
  'barcode_taken',
  'category_unknown',
  'tax_class_unknown',
]);

/** Head office's refusal in the admin's words; its own message is kept for the details. */
export function useOfficeErrorText(): (error: OfficeError) => string {
  const t = useOfficeT();
  return useCallback(
    (error) => {
      if (error.code === 'sign_in_locked') {
        const seconds = Number(error.details?.retryAfterSeconds ?? 60);
        return t('office.error.sign_in_locked', { seconds });
      }
      if (error.code === 'barcode_taken') {
        return t('office.error.barcode_taken', { sku: String(error.details?.sku ?? '') });
      }
      const key = knownErrors.has(error.code) ? error.code : 'other';
      return t(`office.error.${key}` as MessageKey, { status: error.status });
    },
    [t],
  );
}
