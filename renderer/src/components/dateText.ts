/**
 * Calendar dates typed and shown the shop's way, not the browser's: a browser's date field
 * follows the language of the computer it runs on (mm/dd/yyyy on a US-English machine), while
 * a Hong Kong shop writes 31/12/2026 and a mainland one 2026/12/31. The order of day, month and
 * year comes from Intl for the shop's language; values stay "YYYY-MM-DD".
 */
export type DatePart = 'year' | 'month' | 'day';

const fallbackOrder: DatePart[] = ['year', 'month', 'day'];

function formatter(locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  });
}

/** Day, month and year in the order the language writes them. */
export function dateOrder(locale: string): DatePart[] {
  const parts = formatter(locale)
    .formatToParts(new Date(Date.UTC(2026, 11, 31)))
    .map((part) => part.type)
    .filter((type): type is DatePart => type === 'year' || type === 'month' || type === 'day');
  return parts.length === 3 ? parts : fallbackOrder;
}

/** "2026-12-31" as the language writes it with digits, e.g. "31/12/2026"; "" for no date. */
export function formatDateText(iso: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const values: Record<DatePart, string> = {
    year: match[1] ?? '',
    month: match[2] ?? '',
    day: match[3] ?? '',
  };
  return dateOrder(locale)
    .map((part) => values[part])
    .join('/');
}

/**
 * What a person typed, read in the language's order with any separators ("31/12/2026",
 * "31-12-2026", "31 12 2026"): "2026-12-31", or null when it is not a real calendar date.
 */
export function parseDateText(text: string, locale: string): string | null {
  const numbers = text
    .trim()
    .split(/[^0-9]+/)
    .filter(Boolean);
  if (numbers.length !== 3) return null;
  const order = dateOrder(locale);
  const value = (part: DatePart) => numbers[order.indexOf(part)] ?? '';
  const [year, month, day] = [value('year'), value('month'), value('day')];
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return null;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
