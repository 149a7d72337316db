import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pulledProduct, type PulledProduct } from '../../shared/catalogue';
import type { CatalogueItemInput, CatalogueItemView } from '../../shared/office/catalogue';
import { pullResponse } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { buildServer } from '../http/server';
import { browserClient } from '../testing/browserClient';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TestClock, enrollTerminal, type EnrolledTerminal } from '../testing/terminalScript';

const jasmine: CatalogueItemInput = {
  sku: 'TEA-001',
  names: { en: 'Jasmine tea', 'zh-Hant': '茉莉花茶', 'zh-Hans': '' },
  categoryCode: 'TEA',
  listPriceMinor: 3800,
  taxClass: null,
  active: true,
  barcodes: ['4006381333931', '0 36000 29145 2'],
};

describe.each(testDatabases)('the catalogue on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let tillA: EnrolledTerminal;
  let tillB: EnrolledTerminal;

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new TestClock();
    headOffice = await createHeadOffice(db, { now: clock.now });
    tillA = await enrollTerminal(headOffice, { storeName: 'Central' });
    tillB = await enrollTerminal(headOffice, { storeName: 'Sha Tin' });
    await saveCategory('TEA', 'Tea', '茶');
  });

  async function saveCategory(code: string, en: string, zh: string) {
    const saved = await headOffice.catalogue.saveCategory('admin', code, {
      names: { en, 'zh-Hant': zh, 'zh-Hans': zh },
    });
    if (!saved.ok) throw new Error(saved.error.message);
  }

  async function create(input: CatalogueItemInput = jasmine): Promise<CatalogueItemView> {
    const created = await headOffice.catalogue.createItem('admin', input);
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  }

  async function products(till: EnrolledTerminal, after = 0) {
    const result = await headOffice.pull(till.auth, { stream: 'products', after, limit: 1000 });
    if (!result.ok) throw new Error(result.error.message);
    const page = pullResponse.parse(result.value);
    return page.items.map((item) => pulledProduct.parse(item.data));
  }

  async function footprint() {
    const { rows } = await db.query<{ t: string; n: string }>(
      `SELECT 'item' AS t, count(*)::text AS n FROM catalogue_item
       UNION ALL SELECT 'barcode', count(*)::text FROM item_barcode
       UNION ALL SELECT 'category', count(*)::text FROM catalogue_category
       UNION ALL SELECT 'price', count(*)::text FROM store_price
       UNION ALL SELECT 'log', count(*)::text FROM change_log WHERE stream = 'products'
       UNION ALL SELECT 'audit', count(*)::text FROM audit_log
       UNION ALL SELECT 'updated', coalesce(max(updated_at)::text, '') FROM catalogue_item`,
    );
    return rows;
  }

  it('keeps an item with its barcodes normalised, and finds it by SKU, barcode, Chinese name or category', async () => {
    const item = await create();
    expect(item.barcodes).toEqual(['036000291452', '4006381333931']);
    const search = async (q: string, category?: string) => {
      const found = await headOffice.catalogue.searchCatalogue({ q, category });
      if (!found.ok) throw new Error(found.error.message);
      return found.value.items.map((i) => i.sku);
    };
    expect(await search('tea-001')).toEqual(['TEA-001']);
    expect(await search('036000-291452')).toEqual(['TEA-001']);
    expect(await search('茉莉')).toEqual(['TEA-001']);
    expect(await search('jasm')).toEqual(['TEA-001']);
    expect(await search('', 'TEA')).toEqual(['TEA-001']);
    expect(await search('咖啡')).toEqual([]);
    expect(await search('%')).toEqual([]);
    const { rows } = await db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action LIKE 'catalogue.%' ORDER BY id",
    );
    expect(rows.map((r) => r.action)).toEqual([
      'catalogue.category.create',
      'catalogue.item.create',
    ]);
  });

  it('refuses a barcode another item has (409, naming its SKU), an unknown category or tax class, changing nothing', async () => {
    await create();
    const before = await footprint();
    const refused = await headOffice.catalogue.createItem('admin', {
      ...jasmine,
      sku: 'TEA-002',
      barcodes: ['036000291452'],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'barcode_taken', details: { sku: 'TEA-001', barcode: '036000291452' } },
    });
    expect(
      await headOffice.catalogue.createItem('admin', { ...jasmine, barcodes: [] }),
    ).toMatchObject({ ok: false, error: { code: 'sku_taken' } });
    expect(
      await headOffice.catalogue.createItem('admin', {
        ...jasmine,
        sku: 'X1',
        barcodes: [],
        categoryCode: 'NOPE',
      }),
    ).toMatchObject({ ok: false, error: { code: 'category_unknown' } });
    expect(
      await headOffice.catalogue.createItem('admin', {
        ...jasmine,
        sku: 'X1',
        barcodes: [],
        taxClass: 'VAT',
      }),
    ).toMatchObject({ ok: false, error: { code: 'tax_class_unknown' } });
    expect(
      await headOffice.catalogue.createItem('admin', { ...jasmine, barcodes: ['4006381333932'] }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await headOffice.catalogue.createItem('admin', { ...jasmine, listPriceMinor: 12.5 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await footprint()).toEqual(before);
  });

  it('sends each store its own price for the same item, else the list price', async () => {
    const item = await create();
    const set = await headOffice.catalogue.setStorePrice('admin', item.id, tillB.storeId, {
      priceMinor: 3500,
    });
    expect(set.ok).toBe(true);
    const [a] = (await products(tillA)).slice(-1);
    const [b] = (await products(tillB)).slice(-1);
    expect(a?.priceMinor).toBe(3800);
    expect(b?.priceMinor).toBe(3500);
    expect(b).toEqual<PulledProduct>({
      itemId: item.id,
      sku: 'TEA-001',
      barcodes: ['036000291452', '4006381333931'],
      names: { en: 'Jasmine tea', 'zh-Hant': '茉莉花茶', 'zh-Hans': '' },
      category: { code: 'TEA', names: { en: 'Tea', 'zh-Hant': '茶', 'zh-Hans': '茶' } },
      priceMinor: 3500,
      taxClass: null,
      taxRateBasisPoints: null,
      active: true,
    });
    const cleared = await headOffice.catalogue.clearStorePrice('admin', item.id, tillB.storeId);
    expect(cleared.ok && cleared.value.storePrices).toEqual([]);
    expect((await products(tillB)).map((p) => p.priceMinor)).toEqual([3800, 3800, 3800]);
    expect(
      await headOffice.catalogue.setStorePrice('admin', item.id, crypto.randomUUID(), {
        priceMinor: 1,
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('carries each item’s tax rate on the products stream, and sends the class’s items again when the rate changes (not when only its name does)', async () => {
    const saveClass = async (name: string, rateBasisPoints: number) => {
      const saved = await headOffice.catalogue.saveTaxClass('admin', 'STD', {
        name,
        rateBasisPoints,
      });
      if (!saved.ok) throw new Error(saved.error.message);
    };
    await saveClass('Standard', 800);
    const taxed = await create({ ...jasmine, taxClass: 'STD' });
    const untaxed = await create({ ...jasmine, sku: 'TEA-002', barcodes: [] });
    const first = await products(tillA);
    expect(first.map((p) => [p.sku, p.taxClass, p.taxRateBasisPoints])).toEqual([
      ['TEA-001', 'STD', 800],
      ['TEA-002', null, null],
    ]);
    const { rows } = await db.query<{ seq: string }>(
      "SELECT max(seq)::text AS seq FROM change_log WHERE stream = 'products'",
    );
    const cursor = Number(rows[0]?.seq);
    await saveClass('Standard rate', 800);
    expect(await products(tillA, cursor)).toEqual([]);
    await saveClass('Standard rate', 500);
    const again = await products(tillA, cursor);
    expect(again.map((p) => [p.itemId, p.taxRateBasisPoints])).toEqual([[taxed.id, 500]]);
    expect(again.some((p) => p.itemId === untaxed.id)).toBe(false);
  });

  it('sends an item changed twice once per change, each with its current values; an unchanged save sends nothing', async () => {
    const item = await create();
    for (const listPriceMinor of [4000, 4200]) {
      const updated = await headOffice.catalogue.updateItem('admin', item.id, {
        ...jasmine,
        listPriceMinor,
      });
      expect(updated.ok).toBe(true);
    }
    const again = await headOffice.catalogue.updateItem('admin', item.id, {
      ...jasmine,
      listPriceMinor: 4200,
    });
    expect(again.ok).toBe(true);
    const pulled = await products(tillA);
    expect(pulled.map((p) => [p.itemId, p.priceMinor])).toEqual([
      [item.id, 4200],
      [item.id, 4200],
      [item.id, 4200],
    ]);
  });

  it('sends a category rename with its items again, in their new names', async () => {
    const item = await create();
    const other = await create({ ...jasmine, sku: 'TEA-002', barcodes: [] });
    const before = (await products(tillA)).length;
    await saveCategory('TEA', 'Teas', '茶葉');
    const after = await products(tillA);
    expect(after.length).toBe(before + 2);
    const renamed = after.slice(-2).map((p) => `${p.itemId} ${p.category?.names['zh-Hant']}`);
    expect(renamed.sort()).toEqual([`${item.id} 茶葉`, `${other.id} 茶葉`].sort());
  });

  it('answers over HTTP: 409 barcode_taken naming the SKU, and only admins may write', async () => {
    await create();
    const app = await buildServer(headOffice, {});
    try {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const signIn = async (name: string, role: string) => {
        const made = await headOffice.adminUsers.addAdminUser('test', {
          name,
          password: 'correct horse battery',
          role,
        });
        if (!made.ok) throw new Error(made.error.message);
        const { call } = browserClient(address);
        await call('POST', '/office/api/session', {
          body: { name, password: 'correct horse battery' },
        });
        return call;
      };
      const body = { ...jasmine, sku: 'TEA-002', barcodes: ['036000291452'] };
      const analyst = await signIn('Ms Analyst', 'analyst');
      expect((await analyst('GET', '/admin/catalogue/items?q=TEA')).status).toBe(200);
      expect((await analyst('POST', '/admin/catalogue/items', { body })).status).toBe(403);
      const admin = await signIn('Ms Admin', 'admin');
      const taken = await admin('POST', '/admin/catalogue/items', { body });
      expect(taken.status).toBe(409);
      expect(taken.json).toMatchObject({
        error: { code: 'barcode_taken', details: { sku: 'TEA-001' } },
      });
      const made = await admin('POST', '/admin/catalogue/items', {
        body: { ...body, barcodes: ['CODE-128 TEXT'] },
      });
      expect(made.status, made.text).toBe(201);
    } finally {
      await app.close();
    }
  }, 60_000);

  describe('CSV import', () => {
    const file = [
      'sku,barcodes,name_en,name_zh_hant,name_zh_hans,category,price,tax_class,active',
      'TEA-001,4006381333931|036000291452,Jasmine tea,茉莉花茶,茉莉花茶,TEA,38.00,,yes',
      'CAKE-1,,Egg tart,蛋撻,蛋挞,BAKERY,8.5,,yes',
      'BAD-1,4006381333932,Broken barcode,,,TEA,1,,yes',
      'BAD-2,,Bad price,,,TEA,1.234,,yes',
      'TEA-001,,Repeated,,,TEA,1,,yes',
      'BAD-3,4006381333931,Taken barcode,,,TEA,1,,yes',
    ].join('\n');

    async function run(csv: string, dryRun: boolean) {
      const outcome = await headOffice.catalogue.importCatalogue('admin', {
        fileName: 'catalogue.csv',
        csv,
        dryRun,
        currency: 'HKD',
      });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value;
    }

    it('previews without writing, imports good rows, reports bad ones, and changes nothing the second time', async () => {
      const before = await footprint();
      const preview = await run(file, true);
      expect(await footprint()).toEqual(before);
      expect(preview.rows.map((r) => [r.row, r.outcome, r.reason, r.takenBy])).toEqual([
        [2, 'created', null, null],
        [3, 'created', null, null],
        [4, 'error', 'barcode_invalid', null],
        [5, 'error', 'price_invalid', null],
        [6, 'error', 'sku_repeated', null],
        [7, 'error', 'barcode_taken', 'TEA-001'],
      ]);
      expect(preview.totals).toMatchObject({ created: 2, errors: 4, categoriesCreated: 1 });

      const imported = await run(file, false);
      expect(imported.rows).toEqual(preview.rows);
      const found = await headOffice.catalogue.searchCatalogue({ q: '蛋' });
      expect(
        found.ok && found.value.items.map((i) => [i.sku, i.listPriceMinor, i.categoryCode]),
      ).toEqual([['CAKE-1', 850, 'BAKERY']]);
      const categories = await headOffice.catalogue.categories();
      expect(categories.ok && categories.value.categories.map((c) => [c.code, c.names.en])).toEqual(
        [
          ['BAKERY', 'BAKERY'],
          ['TEA', 'Tea'],
        ],
      );

      const settled = await footprint();
      const again = await run(file, false);
      expect(again.totals).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: 4 });
      expect(await footprint()).toEqual(settled);

      // A changed price updates that row only; a file without a barcode column keeps them.
      const changed = await run('sku,name_en,price\nTEA-001,Jasmine tea,39.00\n', false);
      expect(changed.totals).toMatchObject({ updated: 1 });
      const tea = await headOffice.catalogue.searchCatalogue({ q: 'TEA-001' });
      expect(tea.ok && tea.value.items[0]).toMatchObject({
        listPriceMinor: 3900,
        barcodes: ['036000291452', '4006381333931'],
        names: { 'zh-Hant': '茉莉花茶' },
      });
    });

    it('lets a barcode move in file order: taken by a later row once an earlier one lets it go, never before', async () => {
      const header =
        'sku,barcodes,name_en,name_zh_hant,name_zh_hans,category,price,tax_class,active';
      await run(`${header}\nOLD-1,4006381333931,Old tea,,,TEA,10,,yes\n`, false);
      // NEW-1 asks for OLD-1's barcode before OLD-1 lets it go: refused, naming OLD-1.
      const early = await run(
        `${header}\nNEW-1,4006381333931,New tea,,,TEA,12,,yes\nOLD-1,036000291452,Old tea,,,TEA,10,,yes\n`,
        false,
      );
      expect(early.rows.map((r) => [r.sku, r.outcome, r.takenBy])).toEqual([
        ['NEW-1', 'error', 'OLD-1'],
        ['OLD-1', 'updated', null],
      ]);
      // In one file: OLD-1 lets 036000291452 go and takes the free one; NEW-1 then takes it.
      const swap = await run(
        `${header}\nOLD-1,4006381333931,Old tea,,,TEA,10,,yes\nNEW-1,036000291452,New tea,,,TEA,12,,yes\n`,
        false,
      );
      expect(swap.rows.map((r) => [r.sku, r.outcome])).toEqual([
        ['OLD-1', 'updated'],
        ['NEW-1', 'created'],
      ]);
      const holder = async (code: string) => {
        const found = await headOffice.catalogue.searchCatalogue({ q: code });
        return found.ok ? found.value.items.map((i) => i.sku) : [];
      };
      expect(await holder('4006381333931')).toEqual(['OLD-1']);
      expect(await holder('036000291452')).toEqual(['NEW-1']);
      // The products stream's last word on each item has its barcodes as they ended.
      const sent = await products(tillA);
      const last = new Map(sent.map((p) => [p.sku, p.barcodes]));
      expect(last.get('OLD-1')).toEqual(['4006381333931']);
      expect(last.get('NEW-1')).toEqual(['036000291452']);
    });

    it('refuses a file that is not a catalogue CSV, changing nothing', async () => {
      const before = await footprint();
      const refused = await headOffice.catalogue.importCatalogue('admin', {
        fileName: 'members.csv',
        csv: 'name,phone\nA,61234567',
        dryRun: false,
        currency: 'HKD',
      });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          message: expect.stringMatching(
            /catalogue import: .*missing column\(s\) sku, name_en, price/,
          ),
        },
      });
      expect(await footprint()).toEqual(before);
    });
  });
});
