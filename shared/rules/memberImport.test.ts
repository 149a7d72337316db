import { describe, expect, it } from 'vitest';
import { importDate, readImportRow } from './memberImport';

describe('an imported date', () => {
  it('reads YYYY-MM-DD and YYYY/M/D as the ISO date', () => {
    expect(importDate('2024-01-15')).toBe('2024-01-15');
    expect(importDate(' 2024/1/5 ')).toBe('2024-01-05');
    expect(importDate('1900-12-31')).toBe('1900-12-31');
    expect(importDate('2100-01-01')).toBe('2100-01-01');
  });

  it('takes 29 February only in a leap year (2000 was one, 1900 and 2100 are not)', () => {
    expect(importDate('2024-02-29')).toBe('2024-02-29');
    expect(importDate('2000-02-29')).toBe('2000-02-29');
    expect(importDate('2023-02-29')).toBeNull();
    expect(importDate('1900-02-29')).toBeNull();
    expect(importDate('2100-02-29')).toBeNull();
  });

  it('refuses a day or month that does not exist, a year out of range and other shapes', () => {
    for (const raw of [
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-32',
      '1899-12-31',
      '2101-01-01',
      '15/01/2024',
      '2024-01-15T00:00',
      '',
    ]) {
      expect(importDate(raw), raw).toBeNull();
    }
  });
});

describe('an imported row', () => {
  it('stores its text normalised: trimmed and NFC, ASCII or not', () => {
    const read = readImportRow(
      { name: '  Cafe\u0301 Lee ', phone: ' 9123 4567 ', birthday: '1980-2-29' },
      { country: 'HK' },
    );
    expect(read).toMatchObject({
      ok: true,
      row: { name: 'Café Lee', phoneE164: '+85291234567', birthday: '1980-02-29' },
    });
  });
});
