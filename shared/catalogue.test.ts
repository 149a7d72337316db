import { describe, expect, it } from 'vitest';
import { barcode, itemNameIn, normaliseBarcode } from './catalogue';

describe('normaliseBarcode', () => {
  it('reads an EAN-13 typed as printed, and checks its check digit', () => {
    expect(normaliseBarcode('4 901234 567894')).toEqual({ code: '4901234567894', kind: 'ean13' });
    expect(normaliseBarcode('4901234567895')).toBeNull();
  });

  it('reads a UPC-A and checks its check digit', () => {
    expect(normaliseBarcode('0-36000-29145-2')).toEqual({ code: '036000291452', kind: 'upca' });
    expect(normaliseBarcode('036000291453')).toBeNull();
  });

  it('keeps Code 128 text as printed, and refuses what Code 128 cannot print', () => {
    expect(normaliseBarcode(' TEA-001 ')).toEqual({ code: 'TEA-001', kind: 'code128' });
    expect(normaliseBarcode('茶')).toBeNull();
    expect(normaliseBarcode('')).toBeNull();
  });

  it('is a schema that says why it refuses', () => {
    expect(barcode.safeParse('4901234567894').data).toBe('4901234567894');
    const refused = barcode.safeParse('4901234567895');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/check digit/);
  });
});

describe('itemNameIn', () => {
  const names = { en: 'Milk tea', 'zh-Hant': '奶茶', 'zh-Hans': '' };
  it('names an item in the reader’s language, falling back across the Chinese scripts', () => {
    expect(itemNameIn(names, 'en')).toBe('Milk tea');
    expect(itemNameIn(names, 'zh-Hant')).toBe('奶茶');
    expect(itemNameIn(names, 'zh-Hans')).toBe('奶茶');
    expect(itemNameIn({ en: 'Cake', 'zh-Hant': '', 'zh-Hans': '' }, 'zh-Hant')).toBe('Cake');
  });
});
