/**
 * Money is an integer count of minor units (cents, fen) with an explicit currency.
 * No float ever holds an amount; parsing and formatting go through strings and Intl.
 */
export const currencies = ['HKD', 'TWD', 'CNY', 'SGD', 'MOP', 'USD', 'GBP', 'EUR'] as const;
export type Currency = (typeof currencies)[number];

/** Minor-unit exponent per currency. TWD is kept at 2 like ISO 4217, though cash is whole dollars. */
const exponents: Record<Currency, number> = {
  HKD: 2,
  TWD: 2,
  CNY: 2,
  SGD: 2,
  MOP: 2,
  USD: 2,
  GBP: 2,
  EUR: 2,
};

export function minorExponent(currency: Currency): number {
  return exponents[currency];
}

export function minorPerUnit(currency: Currency): number {
  return 10 ** exponents[currency];
}

/** Largest amount one sale or line may carry: 100 million units, far inside Number.MAX_SAFE_INTEGER. */
export const MAX_AMOUNT_MINOR = 10_000_000_000;

/**
 * Parses what a cashier types ("12", "12.5", "1,234.50") into minor units.
 * Returns null for anything that is not a plain non-negative amount with at most the currency's decimals.
 */
export function parseAmount(text: string, currency: Currency): number | null {
  const cleaned = text.trim().replace(/[,\s]/g, '');
  const exp = exponents[currency];
  const match = /^(\d{1,11})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const frac = match[2] ?? '';
  if (frac.length > exp) return null;
  const minor = Number(whole) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > MAX_AMOUNT_MINOR) return null;
  return minor;
}

/** A currency code this app knows (its minor units' exponent). */
export function isCurrency(code: string | null | undefined): code is Currency {
  return (currencies as readonly string[]).includes(code ?? '');
}

/** Formats minor units for a locale, building the decimal string exactly before Intl sees it. */
export function formatMoney(
  minor: number,
  currency: Currency,
  locale: string,
  /** A whole amount without its cents (HK$1,100 rather than HK$1,100.00), as on a note. */
  options: { wholeUnits?: boolean } = {},
): string {
  const exp = exponents[currency];
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 10 ** exp);
  const cents = abs % 10 ** exp;
  const frac = String(cents).padStart(exp, '0');
  const shown = options.wholeUnits === true && cents === 0 ? 0 : exp;
  const decimal = shown > 0 ? `${units}.${frac}` : `${units}`;
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: shown,
    maximumFractionDigits: shown,
  });
  // Intl accepts decimal strings exactly (ES2023 "exact decimal" formatting).
  const text = formatter.format(decimal as unknown as number);
  return negative ? `-${text}` : text;
}

/** Plain editable text for an amount, e.g. 1250 HKD -> "12.50". */
export function amountToInput(minor: number, currency: Currency): string {
  const exp = exponents[currency];
  if (exp === 0) return String(minor);
  const whole = Math.floor(minor / 10 ** exp);
  return `${whole}.${String(minor % 10 ** exp).padStart(exp, '0')}`;
}
