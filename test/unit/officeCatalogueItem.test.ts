import { describe, expect, it } from 'vitest';
import { defaultProgram } from '../../shared/program';
import { emptyItemForm, readItemForm } from '../../renderer/office/catalogue/itemForm';
import { itemEarnRule } from '../../renderer/office/catalogue/itemEarnRule';

describe('the item form', () => {
  it('reads price and barcodes as head office takes them, or names the problem', () => {
    const read = readItemForm(
      {
        ...emptyItemForm,
        sku: ' TEA-1 ',
        nameEn: 'Tea',
        price: '38.5',
        barcodes: '4006381333931\n036000-291452|',
      },
      'HKD',
    );
    expect(read).toMatchObject({
      ok: true,
      input: { sku: 'TEA-1', listPriceMinor: 3850, barcodes: ['4006381333931', '036000291452'] },
    });
    expect(readItemForm({ ...emptyItemForm, price: '1.234' }, 'HKD')).toEqual({
      ok: false,
      problem: 'price',
    });
    expect(
      readItemForm({ ...emptyItemForm, price: '1', barcodes: '4006381333932' }, 'HKD'),
    ).toEqual({ ok: false, problem: 'barcode', barcode: '4006381333932' });
  });

  it("names the program's earn rule that applies to an item: its SKU's before its category's", () => {
    const program = {
      ...defaultProgram,
      earn: {
        ...defaultProgram.earn,
        multipliers: [
          { match: 'TEA', percent: 200 },
          { match: 'TEA-9', percent: 0 },
        ],
      },
    };
    expect(itemEarnRule({ sku: 'TEA-1', categoryCode: 'TEA' }, program)).toEqual({
      kind: 'category',
      percent: 200,
      match: 'TEA',
    });
    expect(itemEarnRule({ sku: 'TEA-9', categoryCode: 'TEA' }, program)).toEqual({
      kind: 'sku',
      percent: 0,
      match: 'TEA-9',
    });
    expect(itemEarnRule({ sku: 'X', categoryCode: null }, program)).toEqual({ kind: 'normal' });
  });
});
