import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import { testDatabases } from '../../testing/databases';
import { headOfficePerTest } from '../../testing/headOfficePerTest';
import { queryPlan } from '../../testing/queryPlan';
import { enrollTerminal } from '../../testing/terminalScript';
import type { Database } from '../database';

/**
 * Migration 0022: the catalogue. A barcode belongs to one item, a SKU to one item, an item names
 * a category and tax class head office has, money is whole minor units and never negative, and
 * the reads by item and by category use their indexes.
 */
describe.each(testDatabases)('migration 0022 (catalogue) on $name', (testDb) => {
  let db: Database;
  let storeId: string;
  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    const fresh = await office.fresh();
    db = fresh.db;
    storeId = (await enrollTerminal(fresh.headOffice)).storeId;
    await db.query(
      `INSERT INTO catalogue_category (code, name_en, name_zh_hant, name_zh_hans, created_at,
         updated_at) VALUES ('TEA', 'Tea', '茶', '茶', now(), now())`,
    );
  });

  const item = (sku: string, extra: { category?: string; price?: number; tax?: string } = {}) => {
    const id = uuidv7();
    return db
      .query(
        `INSERT INTO catalogue_item (id, sku, name_en, name_zh_hant, name_zh_hans, category_code,
           list_price_minor, tax_class_code, active, created_at, updated_at)
         VALUES ($1, $2, 'Tea', '', '', $3, $4, $5, true, now(), now())`,
        [id, sku, extra.category ?? 'TEA', extra.price ?? 100, extra.tax ?? null],
      )
      .then(() => id);
  };

  it('keeps SKUs and barcodes unique, and names only categories and tax classes it has', async () => {
    const tea = await item('TEA-1');
    const other = await item('TEA-2');
    await expect(item('TEA-1')).rejects.toThrow();
    await expect(item('TEA-3', { category: 'NOPE' })).rejects.toThrow();
    await expect(item('TEA-3', { tax: 'VAT' })).rejects.toThrow();
    await expect(item('TEA-3', { price: -1 })).rejects.toThrow();
    await db.query(
      "INSERT INTO item_barcode (code, item_id, kind) VALUES ('4006381333931', $1, 'ean13')",
      [tea],
    );
    await expect(
      db.query(
        "INSERT INTO item_barcode (code, item_id, kind) VALUES ('4006381333931', $1, 'ean13')",
        [other],
      ),
    ).rejects.toThrow();
    await expect(
      db.query("INSERT INTO item_barcode (code, item_id, kind) VALUES ('X', $1, 'qr')", [other]),
    ).rejects.toThrow();
    await db.query(
      'INSERT INTO store_price (store_id, item_id, price_minor, updated_at) VALUES ($1, $2, 90, now())',
      [storeId, tea],
    );
    await expect(
      db.query(
        'INSERT INTO store_price (store_id, item_id, price_minor, updated_at) VALUES ($1, $2, 80, now())',
        [storeId, tea],
      ),
    ).rejects.toThrow();
  });

  it('reads an item’s barcodes and store prices, and a category’s items, by index', async () => {
    const id = uuidv7();
    expect(await queryPlan(db, 'SELECT code FROM item_barcode WHERE item_id = $1', [id])).toMatch(
      /item_barcode_item/,
    );
    expect(
      await queryPlan(db, 'SELECT price_minor FROM store_price WHERE item_id = $1', [id]),
    ).toMatch(/store_price_item/);
    expect(
      await queryPlan(db, 'SELECT id FROM catalogue_item WHERE category_code = $1', ['TEA']),
    ).toMatch(/catalogue_item_category/);
  });
});
