import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt, SalePreview } from '../../../shared/domain';
import { defaultProgram, type Program } from '../../../shared/program';
import type { StoreTax } from '../../../shared/rules/tax';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import {
  enroll,
  goods,
  makeClock,
  programWith,
  refund,
  rows,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';
import { replaceCatalogueItem } from '../catalogue/catalogueStore';

/**
 * Sales tax through the real core on a ledger file (shared/rules/tax.ts): what the sale writes,
 * what refunds in parts give back, what points are earned on, and which rate each line takes.
 */

let clock: TestClock;
beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z');
});
const cores: TestCore[] = [];
function open(program: Program = defaultProgram): TestCore {
  const core = openTestCore({ program, now: clock.now });
  cores.push(core);
  return core;
}
afterEach(() => {
  for (const core of cores.splice(0)) core.cleanup();
});

function setTax(core: TestCore, settings: StoreTax): StoreTax {
  return unwrap(core.dispatch('tax.configure', { settings })) as StoreTax;
}

const sums = (core: TestCore, saleId: string) =>
  rows<{ tax: number; lines: number; paid: number; base: number }>(
    core,
    `SELECT s.tax_minor AS tax, (SELECT sum(tax_minor) FROM sale_line WHERE sale_id = s.id) AS lines,
       s.paid_minor AS paid, s.earn_base_minor AS base
     FROM sale s WHERE s.id = ?`,
    saleId,
  )[0];

describe('the store’s tax setting', () => {
  it('is none until a manager sets it; setting it is audited once, and setting it again unchanged writes nothing', () => {
    const core = open();
    expect(unwrap(core.dispatch('tax.settings', {}))).toEqual({
      mode: 'none',
      defaultRateBasisPoints: 0,
    });
    const exclusive = { mode: 'exclusive', defaultRateBasisPoints: 825 } as const;
    expect(setTax(core, exclusive)).toEqual(exclusive);
    setTax(core, exclusive);
    expect(
      rows(core, "SELECT before, after FROM audit_log WHERE action = 'tax.configured'"),
    ).toEqual([
      {
        before: JSON.stringify({ mode: 'none', defaultRateBasisPoints: 0 }),
        after: JSON.stringify(exclusive),
      },
    ]);
  });

  it('refuses a rate above 100% or in fractions of a basis point, changing nothing', () => {
    const core = open();
    for (const bad of [10_001, 7.5, -1]) {
      const result = core.dispatch('tax.configure', {
        settings: { mode: 'exclusive', defaultRateBasisPoints: bad },
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(rows(core, 'SELECT * FROM store_tax')).toEqual([]);
  });
});

describe('a sale with tax', () => {
  it('exclusive 8%: HK$100.00 + HK$8.00 = HK$108.00 paid, 100 points on the HK$100 before tax; the lines hold the tax and the rate', () => {
    const core = open();
    setTax(core, { mode: 'exclusive', defaultRateBasisPoints: 800 });
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    expect(sale.sale).toMatchObject({
      taxMode: 'exclusive',
      taxMinor: 800,
      totalMinor: 10_800,
      paidMinor: 10_800,
      pointsEarned: 100,
    });
    expect(sale.sale.lines[0]).toMatchObject({ taxRateBasisPoints: 800, taxMinor: 800 });
    expect(sums(core, sale.sale.id)).toEqual({ tax: 800, lines: 800, paid: 10_800, base: 10_000 });
    // Read back from the ledger, the receipt says the same.
    const stored = unwrap(core.dispatch('sale.get', { saleId: sale.sale.id })) as Receipt;
    expect(stored.sale).toEqual(sale.sale);
  });

  it('inclusive 10%: HK$110.00 is what the customer pays, HK$10.00 of it tax, points on HK$100', () => {
    const core = open();
    setTax(core, { mode: 'inclusive', defaultRateBasisPoints: 1000 });
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(11_000)] });
    expect(sale.sale).toMatchObject({ taxMinor: 1000, totalMinor: 11_000, pointsEarned: 100 });
  });

  it('the preview shows what the sale will write', () => {
    const core = open();
    setTax(core, { mode: 'exclusive', defaultRateBasisPoints: 800 });
    const preview = unwrap(
      core.dispatch('sale.preview', { memberId: null, lines: [goods(2500)], redeemPoints: 0 }),
    ) as SalePreview;
    expect(preview).toMatchObject({ taxMode: 'exclusive', taxMinor: 200, totalMinor: 2700 });
  });

  it('a catalogue item takes its class’s rate; an item without one, an open item and a gift card do not', () => {
    const core = open();
    setTax(core, { mode: 'exclusive', defaultRateBasisPoints: 500 });
    const product = {
      itemId: '0190a0a0-0000-7000-8000-000000000001',
      sku: 'WINE-1',
      barcodes: [],
      names: { en: 'Wine', 'zh-Hant': '酒', 'zh-Hans': '酒' },
      category: null,
      priceMinor: 10_000,
      taxClass: 'ALC',
      taxRateBasisPoints: 2000,
      active: true,
    };
    replaceCatalogueItem(core.db, product);
    replaceCatalogueItem(core.db, {
      ...product,
      itemId: '0190a0a0-0000-7000-8000-000000000002',
      sku: 'BREAD-1',
      taxClass: null,
      taxRateBasisPoints: null,
    });
    const sale = sell(core, {
      lines: [
        goods(10_000, { sku: 'WINE-1' }),
        goods(10_000, { sku: 'BREAD-1' }),
        goods(10_000),
        { description: 'Gift card', quantity: 1, unitPriceMinor: 10_000, kind: 'gift_card' },
      ],
    });
    expect(sale.sale.lines.map((l) => [l.taxRateBasisPoints, l.taxMinor])).toEqual([
      [2000, 2000],
      [500, 500],
      [500, 500],
      [0, 0],
    ]);
    expect(sale.sale.totalMinor).toBe(40_000 + 3000);
  });

  it('a store without tax writes none and prices as it always did', () => {
    const core = open();
    const sale = sell(core, { lines: [goods(10_000, { sku: 'X' })] });
    expect(sale.sale).toMatchObject({ taxMode: 'none', taxMinor: 0, totalMinor: 10_000 });
    expect(sale.sale.lines[0]).toMatchObject({ taxRateBasisPoints: 0, taxMinor: 0 });
  });

  it('changing the setting later leaves the sales already rung up as they were', () => {
    const core = open();
    setTax(core, { mode: 'exclusive', defaultRateBasisPoints: 800 });
    const sale = sell(core, { lines: [goods(10_000)] });
    setTax(core, { mode: 'none', defaultRateBasisPoints: 0 });
    const stored = unwrap(core.dispatch('sale.get', { saleId: sale.sale.id })) as Receipt;
    expect(stored.sale).toMatchObject({ taxMode: 'exclusive', taxMinor: 800, totalMinor: 10_800 });
  });
});

describe('refunds give back the tax', () => {
  it('3 units at HK$33.33, exclusive 8.25% (HK$2.75 each → 825 on the line): refunded one at a time, the parts give back exactly the tax, money and earn base the sale took, and the member’s spend returns to 0', () => {
    const core = open(programWith({ tiers: { ...defaultProgram.tiers, qualification: 'spend' } }));
    setTax(core, { mode: 'exclusive', defaultRateBasisPoints: 825 });
    const amy = enroll(core);
    const sale = sell(core, {
      memberId: amy.id,
      lines: [goods(3333, { quantity: 3 }), goods(1999)],
    });
    const taken = sums(core, sale.sale.id);
    expect(taken?.tax).toBe(lineTaxOf(9999) + lineTaxOf(1999));
    const parts = [
      refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]),
      refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]),
      refund(core, sale.sale.id, [
        { lineNo: 1, quantity: 1 },
        { lineNo: 2, quantity: 1 },
      ]),
    ];
    const backs = parts.map((p) => sums(core, p.sale.id));
    expect(backs.reduce((s, b) => s + (b?.tax ?? 0), 0)).toBe(-(taken?.tax ?? 0));
    expect(backs.reduce((s, b) => s + (b?.lines ?? 0), 0)).toBe(-(taken?.tax ?? 0));
    expect(backs.reduce((s, b) => s + (b?.paid ?? 0), 0)).toBe(-(taken?.paid ?? 0));
    expect(backs.reduce((s, b) => s + (b?.base ?? 0), 0)).toBe(-(taken?.base ?? 0));
    for (const part of parts) {
      expect(part.sale.totalMinor).toBe(
        part.sale.subtotalMinor - part.sale.discountMinor + part.sale.taxMinor,
      );
    }
    // The tax of one unit of line 1 is floor(825 × 1/3) = 275, on each of the first two parts.
    expect(parts[0]?.sale.lines[0]?.taxMinor).toBe(-Math.floor(lineTaxOf(9999) / 3));
    const spend = rows<{ spend: number }>(
      core,
      'SELECT sum(earn_base_minor) AS spend FROM sale WHERE member_id = ?',
      amy.id,
    )[0];
    expect(spend?.spend).toBe(0);
    expect(
      rows<{ points: number }>(
        core,
        'SELECT sum(points) AS points FROM points_entry WHERE member_id = ?',
        amy.id,
      )[0]?.points,
    ).toBe(0);
  });

  it('a taxed sale paid partly with a gift card gives the card and the money back in proportion, tax included', () => {
    const core = open();
    setTax(core, { mode: 'exclusive', defaultRateBasisPoints: 1000 });
    const card = sell(core, {
      lines: [{ description: 'Gift card', quantity: 1, unitPriceMinor: 5000, kind: 'gift_card' }],
    });
    const code = card.giftCards[0]?.code ?? '';
    const sale = sell(core, {
      lines: [goods(5000, { quantity: 2 })],
      giftCardPayments: [{ code, amountMinor: 5000 }],
    });
    expect(sale.sale).toMatchObject({ totalMinor: 11_000, giftCardMinor: 5000, paidMinor: 6000 });
    const half = refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]);
    expect(half.sale).toMatchObject({ taxMinor: -500, totalMinor: -5500 });
    expect(-half.sale.giftCardMinor - half.sale.paidMinor).toBe(5500);
    const rest = refund(core, sale.sale.id);
    expect(half.sale.giftCardMinor + rest.sale.giftCardMinor).toBe(-5000);
    expect(half.sale.paidMinor + rest.sale.paidMinor).toBe(-6000);
  });
});

function lineTaxOf(net: number): number {
  return Math.floor((net * 825 * 2 + 10_000) / 20_000);
}
