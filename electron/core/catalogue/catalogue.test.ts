import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../shared/api/catalogue';
import { readCursor } from '../sync/syncStore';
import { applyPullPage } from '../sync/applyPull';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import { goods, refund, sell } from '../../../test/unit/helpers/loyalty';
import { ean13, itemIdOf, product, productPages, upcA } from '../../../test/unit/helpers/catalogue';
import { sqlitePlan } from '../../../test/unit/helpers/sqlitePlan';

/**
 * The catalogue on a real ledger file: pulled from the products stream, then scanned, searched
 * and offered as quick keys through the core's dispatch, as the till calls them.
 */

const cores: TestCore[] = [];
function till(): TestCore {
  const core = openTestCore();
  cores.push(core);
  return core;
}
afterEach(() => {
  while (cores.length > 0) cores.pop()?.cleanup();
});

const milkTea = product(1, {
  sku: 'MT-001',
  barcodes: [ean13('400638133393')],
  names: { en: 'Milk tea', 'zh-Hant': '港式奶茶', 'zh-Hans': '港式奶茶' },
  category: {
    code: 'DRINKS',
    names: { en: 'Drinks', 'zh-Hant': '飲品', 'zh-Hans': '饮品' },
  },
  priceMinor: 2200,
});
const lemonTea = product(2, {
  sku: 'LT-002',
  barcodes: [upcA('03600029145')],
  names: { en: 'Lemon tea', 'zh-Hant': '凍檸茶', 'zh-Hans': '冻柠茶' },
  priceMinor: 1800,
});
const cookies = product(3, {
  sku: 'CK-003',
  barcodes: ['CK3-BOX'],
  names: { en: 'Butter cookies', 'zh-Hant': '牛油曲奇', 'zh-Hans': '' },
  category: { code: 'SNACKS', names: { en: 'Snacks', 'zh-Hant': '', 'zh-Hans': '' } },
  priceMinor: 5900,
});
const retired = product(4, {
  sku: 'OLD-004',
  barcodes: [ean13('489000000004')],
  names: { en: 'Old milk candy', 'zh-Hant': '舊裝奶糖', 'zh-Hans': '旧装奶糖' },
  active: false,
});

function stocked(): TestCore {
  const core = till();
  for (const page of productPages([milkTea, lemonTea, cookies, retired])) {
    applyPullPage(core.db, page);
  }
  return core;
}

const scan = (core: TestCore, code: string) =>
  unwrap(core.dispatch('catalogue.scan', { code })) as CatalogueItem | null;
const search = (core: TestCore, query: string) =>
  (unwrap(core.dispatch('catalogue.search', { query })) as CatalogueItem[]).map((i) => i.sku);

describe('the products stream', () => {
  it('keeps each item with its barcodes and moves the cursor in the page’s transaction', () => {
    const core = stocked();
    expect(readCursor(core.db, 'products')).toBe(4);
    expect(core.db.prepare('SELECT count(*) AS n FROM catalogue_item').get()).toEqual({ n: 4 });
    expect(
      core.db.prepare('SELECT code FROM catalogue_barcode ORDER BY code').pluck().all(),
    ).toEqual(['036000291452', '4006381333931', '4890000000041', 'CK3-BOX']);
  });

  it('replaces an item: new price, names and barcodes, the old barcode gone', () => {
    const core = stocked();
    const [page] = productPages(
      [
        {
          ...milkTea,
          priceMinor: 2400,
          barcodes: ['MT-NEW'],
          names: { ...milkTea.names, en: 'Hong Kong milk tea' },
        },
      ],
      4,
    );
    applyPullPage(core.db, page!);
    expect(scan(core, '4006381333931')).toBeNull();
    expect(scan(core, 'MT-NEW')).toMatchObject({
      sku: 'MT-001',
      priceMinor: 2400,
      name: 'Hong Kong milk tea',
    });
    expect(search(core, 'hong kong')).toEqual(['MT-001']);
    expect(core.db.prepare('SELECT count(*) AS n FROM catalogue_search').get()).toEqual({ n: 4 });
  });

  it('takes the last of an item in a page, and gives a SKU another item held to the new one', () => {
    const core = stocked();
    const [page] = productPages(
      [
        { ...lemonTea, priceMinor: 1900 },
        { ...lemonTea, priceMinor: 2000 },
        product(9, {
          sku: 'CK-003',
          barcodes: [],
          names: { en: 'Cookie tin', 'zh-Hant': '', 'zh-Hans': '' },
        }),
      ],
      4,
    );
    applyPullPage(core.db, page!);
    expect(scan(core, 'LT-002')?.priceMinor).toBe(2000);
    expect(scan(core, 'CK-003')).toMatchObject({ itemId: itemIdOf(9), name: 'Cookie tin' });
    expect(scan(core, 'CK3-BOX')).toBeNull();
  });

  it('skips an item that is not a product and a barcode that is no barcode, and goes on', () => {
    const core = stocked();
    const [page] = productPages([{ ...product(10), barcodes: ['4006381333932', 'OK-10'] }], 4);
    page!.items.unshift({ seq: 5, stream: 'products', data: { itemId: 'nope' } });
    applyPullPage(core.db, page!);
    expect(scan(core, 'OK-10')?.sku).toBe('SKU-10');
    expect(scan(core, '4006381333932')).toBeNull();
  });
});

describe('catalogue.scan', () => {
  it('finds an EAN-13 typed in groups with spaces, a UPC-A, Code 128 text and a SKU', () => {
    const core = stocked();
    expect(scan(core, '4 006381 333931')).toEqual({
      itemId: milkTea.itemId,
      sku: 'MT-001',
      name: 'Milk tea',
      names: milkTea.names,
      categoryCode: 'DRINKS',
      priceMinor: 2200,
    });
    expect(scan(core, '036000291452')?.sku).toBe('LT-002');
    expect(scan(core, 'CK3-BOX')?.sku).toBe('CK-003');
    expect(scan(core, ' MT-001 ')?.sku).toBe('MT-001');
  });

  it('answers null for an unknown code and a bad check digit', () => {
    const core = stocked();
    expect(scan(core, '4006381333932')).toBeNull();
    expect(scan(core, 'NOPE')).toBeNull();
  });

  it('refuses a withdrawn item by barcode or SKU as withdrawn, naming it in the till’s language', () => {
    const core = stocked();
    for (const code of ['4890000000041', ' OLD-004 ']) {
      expect(core.dispatch('catalogue.scan', { code })).toEqual({
        ok: false,
        error: {
          code: 'item_withdrawn',
          message: 'That item is withdrawn and is not sold.',
          details: { name: 'Old milk candy' },
        },
      });
    }
    unwrap(core.dispatch('terminal.setLocale', { locale: 'zh-Hant' }));
    const refused = core.dispatch('catalogue.scan', { code: 'OLD-004' });
    expect(refused.ok ? null : refused.error.details).toEqual({ name: '舊裝奶糖' });
  });

  it('names the item in the till’s language, falling back to the other Chinese, then English', () => {
    const core = stocked();
    unwrap(core.dispatch('terminal.setLocale', { locale: 'zh-Hans' }));
    expect(scan(core, '4006381333931')?.name).toBe('港式奶茶');
    expect(scan(core, 'CK-003')?.name).toBe('牛油曲奇');
  });

  it('looks a barcode up by its primary key', () => {
    const core = stocked();
    expect(
      sqlitePlan(
        core.db,
        `SELECT i.sku FROM catalogue_barcode b JOIN catalogue_item i ON i.item_id = b.item_id
         WHERE b.code = ? AND i.active = ?`,
      ),
    ).toMatch(/SEARCH b USING PRIMARY KEY \(code=\?\).*SEARCH i USING INDEX/);
  });
});

describe('catalogue.search', () => {
  it('finds a one-, two- and three-character Chinese fragment in either script, active items only', () => {
    const core = stocked();
    expect(search(core, '奶')).toEqual(['MT-001']);
    expect(search(core, '奶茶')).toEqual(['MT-001']);
    expect(search(core, '港式奶')).toEqual(['MT-001']);
    expect(search(core, '柠')).toEqual(['LT-002']);
    expect(search(core, '茶').sort()).toEqual(['LT-002', 'MT-001']);
  });

  it('finds English anywhere in a name, any case; SKU prefixes and barcodes first', () => {
    const core = stocked();
    expect(search(core, 'TEA').sort()).toEqual(['LT-002', 'MT-001']);
    expect(search(core, 'ter c')).toEqual(['CK-003']);
    expect(search(core, 'mt-')).toEqual(['MT-001']);
    expect(search(core, '036000291452')).toEqual(['LT-002']);
    expect(search(core, 'candy')).toEqual([]);
  });

  it('takes LIKE’s and FTS’s special characters literally', () => {
    const core = stocked();
    for (const query of ['%', '_', '"', '" OR 1=1', '\\', '*', 'NEAR(a b)']) {
      expect(search(core, query)).toEqual([]);
    }
    expect(search(core, '')).toEqual([]);
  });
});

describe('catalogue.quickKeys', () => {
  it('ranks this store’s items by quantity sold over the last 30 shop days; none without sales', () => {
    const core = stocked();
    expect(unwrap(core.dispatch('catalogue.quickKeys', {}))).toEqual([]);
    sell(core, {
      lines: [goods(2200, { sku: 'MT-001', quantity: 2 }), goods(5900, { sku: 'CK-003' })],
    });
    const second = sell(core, { lines: [goods(1800, { sku: 'LT-002', quantity: 5 })] });
    sell(core, {
      lines: [goods(2200, { sku: 'MT-001' }), goods(100, { sku: 'OLD-004', quantity: 9 })],
    });
    sell(core, { lines: [goods(500)] });
    const keys = () =>
      (unwrap(core.dispatch('catalogue.quickKeys', { limit: 2 })) as CatalogueItem[]).map(
        (k) => k.sku,
      );
    expect(keys()).toEqual(['LT-002', 'MT-001']);
    const [first] = unwrap(core.dispatch('catalogue.quickKeys', {})) as CatalogueItem[];
    expect(first).toMatchObject({ name: 'Lemon tea', priceMinor: 1800 });
    // Two of the five lemon teas come back: it ties with milk tea at 3, and a tie goes by SKU.
    refund(core, second.sale.id, [{ lineNo: 1, quantity: 2 }]);
    expect(keys()).toEqual(['LT-002', 'MT-001']);
    // The other three come back: lemon tea has sold nothing net and leaves the keys.
    refund(core, second.sale.id);
    expect(keys()).toEqual(['MT-001', 'CK-003']);
  });

  it('leaves a refund of a sale older than the window out of it', () => {
    let now = Date.parse('2026-10-01T04:00:00.000Z');
    const core = openTestCore({ now: () => now });
    cores.push(core);
    for (const page of productPages([milkTea, lemonTea])) applyPullPage(core.db, page);
    const old = sell(core, { lines: [goods(2200, { sku: 'MT-001', quantity: 2 })] });
    now += 31 * 86_400_000;
    sell(core, { lines: [goods(2200, { sku: 'MT-001' })] });
    refund(core, old.sale.id);
    expect(
      (unwrap(core.dispatch('catalogue.quickKeys', {})) as CatalogueItem[]).map((k) => k.sku),
    ).toEqual(['MT-001']);
  });

  it('leaves out sales older than 30 shop days', () => {
    let now = Date.parse('2026-10-01T04:00:00.000Z');
    const core = openTestCore({ now: () => now });
    cores.push(core);
    for (const page of productPages([milkTea, lemonTea])) applyPullPage(core.db, page);
    sell(core, { lines: [goods(2200, { sku: 'MT-001', quantity: 3 })] });
    now += 29 * 86_400_000;
    sell(core, { lines: [goods(1800, { sku: 'LT-002' })] });
    const keys = () =>
      (unwrap(core.dispatch('catalogue.quickKeys', {})) as CatalogueItem[]).map((k) => k.sku);
    expect(keys()).toEqual(['MT-001', 'LT-002']);
    now += 86_400_000;
    expect(keys()).toEqual(['LT-002']);
  });
});

describe('catalogue.codes', () => {
  it('offers SKUs by prefix and every category code', () => {
    const core = stocked();
    expect(unwrap(core.dispatch('catalogue.codes', { prefix: 'M' }))).toEqual({
      skus: [{ sku: 'MT-001', name: 'Milk tea' }],
      categories: [
        { code: 'DRINKS', name: 'Drinks' },
        { code: 'SNACKS', name: 'Snacks' },
      ],
    });
  });
});
