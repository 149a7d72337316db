import type Database from 'better-sqlite3-multiple-ciphers';
import { normaliseBarcode, type PulledProduct } from '../../../shared/catalogue';
import { createLogger } from '../../../shared/logger';
import { prepared } from '../db/statements';

const log = createLogger('catalogue');

/**
 * The one writer of the catalogue tables (catalogue_item, catalogue_barcode, catalogue_search).
 * Called inside the pulled page's transaction: head office's item replaces this terminal's copy,
 * its barcodes and its search text together.
 */

/** What the name search looks through: the names in every language and the SKU, lower-cased. */
export function catalogueSearchText(product: PulledProduct): string {
  return [product.names.en, product.names['zh-Hant'], product.names['zh-Hans'], product.sku]
    .filter((part) => part !== '')
    .join('\n')
    .toLowerCase();
}

function removeItem(db: Database.Database, itemNo: number, itemId: string): void {
  prepared(db, 'DELETE FROM catalogue_barcode WHERE item_id = ?').run(itemId);
  prepared(db, 'DELETE FROM catalogue_search WHERE rowid = ?').run(itemNo);
  prepared(db, 'DELETE FROM catalogue_item WHERE item_no = ?').run(itemNo);
}

/**
 * Head office's latest of one item. A SKU another item held here moves to this one (head office
 * keeps SKUs unique, so the other item changed its SKU in a later item or was replaced); a
 * barcode another item held moves likewise. A barcode that is not an EAN-13, UPC-A or Code 128
 * is left out and logged by position, never by value.
 */
export function replaceCatalogueItem(db: Database.Database, product: PulledProduct): void {
  const other = prepared(
    db,
    'SELECT item_no, item_id FROM catalogue_item WHERE sku = ? AND item_id <> ?',
  ).get(product.sku, product.itemId) as { item_no: number; item_id: string } | undefined;
  if (other) removeItem(db, other.item_no, other.item_id);

  const category = product.category;
  const row = prepared(
    db,
    `INSERT INTO catalogue_item (item_id, sku, name_en, name_zh_hant, name_zh_hans, category_code,
       category_en, category_zh_hant, category_zh_hans, price_minor, tax_class, active,
       tax_rate_bp)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET sku = excluded.sku, name_en = excluded.name_en,
       name_zh_hant = excluded.name_zh_hant, name_zh_hans = excluded.name_zh_hans,
       category_code = excluded.category_code, category_en = excluded.category_en,
       category_zh_hant = excluded.category_zh_hant, category_zh_hans = excluded.category_zh_hans,
       price_minor = excluded.price_minor, tax_class = excluded.tax_class,
       active = excluded.active, tax_rate_bp = excluded.tax_rate_bp
     RETURNING item_no`,
  ).get(
    product.itemId,
    product.sku,
    product.names.en,
    product.names['zh-Hant'],
    product.names['zh-Hans'],
    category?.code ?? null,
    category?.names.en ?? null,
    category?.names['zh-Hant'] ?? null,
    category?.names['zh-Hans'] ?? null,
    product.priceMinor,
    product.taxClass,
    product.active ? 1 : 0,
    product.taxRateBasisPoints ?? null,
  ) as { item_no: number };

  prepared(db, 'DELETE FROM catalogue_search WHERE rowid = ?').run(row.item_no);
  prepared(db, 'INSERT INTO catalogue_search (rowid, names) VALUES (?, ?)').run(
    row.item_no,
    catalogueSearchText(product),
  );

  prepared(db, 'DELETE FROM catalogue_barcode WHERE item_id = ?').run(product.itemId);
  const add = prepared(
    db,
    `INSERT INTO catalogue_barcode (code, item_id) VALUES (?, ?)
     ON CONFLICT (code) DO UPDATE SET item_id = excluded.item_id`,
  );
  product.barcodes.forEach((text, position) => {
    const found = normaliseBarcode(text);
    if (found) add.run(found.code, product.itemId);
    else log.warn('left out a barcode that is not EAN-13, UPC-A or Code 128', { position });
  });
}
