import { describe, expect, it } from 'vitest';
import { readCatalogueRow } from './catalogueImport';

const row = (cells: Record<string, string>) =>
  readCatalogueRow({ sku: 'TEA-1', name_en: 'Tea', price: '38', ...cells }, 'HKD');

describe('a catalogue CSV row', () => {
  it('reads what is there and leaves a missing column undefined, so head office keeps its value', () => {
    expect(row({})).toEqual({
      ok: true,
      row: {
        sku: 'TEA-1',
        names: { en: 'Tea', 'zh-Hant': undefined, 'zh-Hans': undefined },
        barcodes: undefined,
        barcodeColumn: null,
        categoryCode: undefined,
        listPriceMinor: 3800,
        taxClass: undefined,
        active: undefined,
      },
    });
    expect(
      row({
        barcode: ' 036000 291452 | 4006381333931 ',
        category: '',
        tax_class: '',
        active: '否',
      }),
    ).toMatchObject({
      ok: true,
      row: {
        barcodes: ['036000291452', '4006381333931'],
        barcodeColumn: 'barcode',
        categoryCode: null,
        taxClass: null,
        active: false,
      },
    });
  });

  it('names the first problem and its column, hostile input included', () => {
    const refused = (cells: Record<string, string>) => {
      const read = row(cells);
      return read.ok ? null : `${read.reason} ${read.column}`;
    };
    expect(refused({ sku: '' })).toBe('sku_invalid sku');
    expect(refused({ sku: 'A B' })).toBe('sku_invalid sku');
    expect(refused({ sku: '-A' })).toBe('sku_invalid sku');
    expect(refused({ name_en: '' })).toBe('name_missing name_en');
    expect(refused({ name_zh_hant: 'x'.repeat(81) })).toBe('name_invalid name_zh_hant');
    expect(refused({ name_en: 'Tea\u0000' })).toBe('name_invalid name_en');
    expect(refused({ barcodes: '4006381333932' })).toBe('barcode_invalid barcodes');
    expect(refused({ barcodes: 'caf\u00e9' })).toBe('barcode_invalid barcodes');
    expect(refused({ barcodes: '4006381333931|4006381333931' })).toBe('barcode_repeated barcodes');
    expect(refused({ category: 'a b' })).toBe('category_invalid category');
    for (const price of ['', '-1', '1.234', '1e3', 'NaN', '0x10', '1000001']) {
      expect(refused({ price }), price).toBe('price_invalid price');
    }
    expect(refused({ tax_class: 'x'.repeat(21) })).toBe('tax_class_unknown tax_class');
    expect(refused({ active: 'maybe' })).toBe('active_invalid active');
  });
});
