import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_AMOUNT_MINOR,
  amountToInput,
  currencies,
  formatMoney,
  minorExponent,
  minorPerUnit,
  parseAmount,
} from './money';

describe('minor units per currency', () => {
  it.each(currencies)('%s has 2 decimals, so 1 unit = 10^2 = 100 minor units', (currency) => {
    expect(minorExponent(currency)).toBe(2);
    expect(minorPerUnit(currency)).toBe(100);
  });

  it('MAX_AMOUNT_MINOR = 10^10 (HK$100,000,000.00) is far inside Number.MAX_SAFE_INTEGER', () => {
    expect(MAX_AMOUNT_MINOR).toBe(10_000_000_000);
    expect(Number.isSafeInteger(MAX_AMOUNT_MINOR * 1000)).toBe(true);
  });
});

describe('parseAmount (what a cashier types → minor units)', () => {
  it.each([
    ['12', 1200, '12 × 100 = 1200'],
    ['12.5', 1250, '12 × 100 + 50 = 1250'],
    ['12.34', 1234, '12 × 100 + 34 = 1234'],
    ['0.01', 1, '0 × 100 + 1 = 1'],
    ['0', 0, '0 × 100 = 0'],
    ['12.', 1200, 'a trailing point adds nothing: 12 × 100 = 1200'],
    ['1,234.50', 123450, 'thousands commas dropped: 1234 × 100 + 50 = 123450'],
    ['  7  ', 700, 'surrounding blanks trimmed: 7 × 100 = 700'],
    ['12 345', 1234500, 'inner spaces dropped: 12345 × 100 = 1234500'],
    ['12,34', 123400, 'comma is a thousands separator (en/zh locales): 1234 × 100 = 123400'],
    ['100000000', MAX_AMOUNT_MINOR, '10^8 units × 100 = 10^10 = MAX_AMOUNT_MINOR'],
    ['99999999.99', MAX_AMOUNT_MINOR - 1, '99999999 × 100 + 99 = 10^10 − 1'],
  ])('HKD %j → %i (%s)', (text, minor) => {
    expect(parseAmount(text, 'HKD')).toBe(minor);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['.5', 'no whole part'],
    ['12.345', '3 decimals > the 2 HKD has'],
    ['-1', 'negative'],
    ['+1', 'explicit sign'],
    ['1e3', 'exponent notation'],
    ['0x10', 'hex'],
    ['abc', 'letters'],
    ['12.3.4', 'two points'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['１２', 'full-width digits'],
    ['100000000.01', '10^10 + 1 > MAX_AMOUNT_MINOR'],
    ['99999999999', '11 digits × 100 = 9.9999999999e12 > MAX_AMOUNT_MINOR'],
    ['999999999999', '12 whole digits'],
  ])('HKD %j → null (%s)', (text) => {
    expect(parseAmount(text, 'HKD')).toBeNull();
  });
});

describe('amountToInput (minor units → editable text)', () => {
  it.each([
    [1250, '12.50', 'floor(1250/100)=12, 1250 mod 100 = 50'],
    [1, '0.01', 'floor(1/100)=0, 1 mod 100 = 1 → "01"'],
    [0, '0.00', '0 → "0.00"'],
    [100, '1.00', 'floor(100/100)=1, 0 → "00"'],
    [MAX_AMOUNT_MINOR, '100000000.00', '10^10 / 100 = 10^8'],
  ])('%i HKD → %j (%s)', (minor, text) => {
    expect(amountToInput(minor, 'HKD')).toBe(text);
  });
});

describe('formatMoney (exact decimal string handed to Intl)', () => {
  it.each([
    [1234, 'HKD', 'en-HK', 'HK$12.34'],
    [-1234, 'HKD', 'en-HK', '-HK$12.34'],
    [0, 'HKD', 'en-HK', 'HK$0.00'],
    [1, 'HKD', 'en-HK', 'HK$0.01'],
    [MAX_AMOUNT_MINOR, 'HKD', 'en-HK', 'HK$100,000,000.00'],
    [1234, 'HKD', 'zh-Hant-HK', 'HK$12.34'],
    [1234, 'CNY', 'zh-Hans-CN', '¥12.34'],
    [1, 'TWD', 'zh-Hant-HK', 'NT$0.01'],
  ] as const)('%i %s in %s → %s', (minor, currency, locale, text) => {
    expect(formatMoney(minor, currency, locale)).toBe(text);
  });

  it('as notes: a whole amount without its cents, any other amount with them', () => {
    expect(formatMoney(110_000, 'HKD', 'en-HK', { wholeUnits: true })).toBe('HK$1,100');
    expect(formatMoney(110_050, 'HKD', 'en-HK', { wholeUnits: true })).toBe('HK$1,100.50');
    expect(formatMoney(5000, 'CNY', 'zh-Hans-CN', { wholeUnits: true })).toBe('¥50');
  });

  it('123456789012345 USD → "1234567890123.45" built as a string, never divided as a float', () => {
    expect(formatMoney(123456789012345, 'USD', 'en-HK')).toBe('US$1,234,567,890,123.45');
  });
});

describe('properties', () => {
  const amount = fc.integer({ min: 0, max: MAX_AMOUNT_MINOR });
  const currency = fc.constantFrom(...currencies);

  it('parseAmount(amountToInput(m)) = m for every amount 0..MAX_AMOUNT_MINOR', () => {
    fc.assert(
      fc.property(amount, currency, (minor, cur) => {
        expect(parseAmount(amountToInput(minor, cur), cur)).toBe(minor);
      }),
    );
  });

  it('amountToInput(parseAmount(text)) is the canonical form of what was typed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.option(fc.stringMatching(/^\d{0,2}$/)),
        (whole, frac) => {
          const typed = frac === null ? String(whole) : `${whole}.${frac}`;
          const minor = parseAmount(typed, 'HKD');
          expect(minor).toBe(whole * 100 + Number((frac ?? '').padEnd(2, '0')));
          expect(amountToInput(minor as number, 'HKD')).toBe(
            `${whole}.${(frac ?? '').padEnd(2, '0')}`,
          );
        },
      ),
    );
  });

  it('parseAmount returns null or a safe integer in 0..MAX_AMOUNT_MINOR, for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), currency, (text, cur) => {
        const minor = parseAmount(text, cur);
        if (minor !== null) {
          expect(Number.isSafeInteger(minor)).toBe(true);
          expect(minor).toBeGreaterThanOrEqual(0);
          expect(minor).toBeLessThanOrEqual(MAX_AMOUNT_MINOR);
        }
      }),
    );
  });

  it('formatMoney of −m is "-" + formatMoney of m', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }), (minor) => {
        expect(formatMoney(-minor, 'HKD', 'en-HK')).toBe(`-${formatMoney(minor, 'HKD', 'en-HK')}`);
      }),
      { numRuns: 200 },
    );
  });
});
