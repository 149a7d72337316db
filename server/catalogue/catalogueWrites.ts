import { normaliseBarcode, type ItemNames } from '../../shared/catalogue';
import type { Queryable } from '../db/database';
import { publishChanges } from '../db/streams';
import { HeadOfficeFailure } from '../platform/errors';
import {
  barcodeHolders,
  itemsBySkus,
  pulledProducts,
  type CatalogueItemRecord,
} from './catalogueReads';

/**
 * The catalogue's one writer: every change to an item, its barcodes, a category's names or a
 * store price goes through here, and sends the items it touched on the products stream in the
 * same transaction (server/db/streams.ts). A write that would change nothing writes nothing and
 * sends nothing.
 */

/** Namespace of the advisory lock that puts catalogue writes (and imports) one after another. */
const CATALOGUE_LOCK = 7_240_122;

export async function lockCatalogue(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CATALOGUE_LOCK]);
}

/** An item as it should be: barcodes normalised, without repeats. */
export interface ItemDraft {
  sku: string;
  names: ItemNames;
  categoryCode: string | null;
  listPriceMinor: number;
  taxClass: string | null;
  active: boolean;
  barcodes: readonly string[];
}

/** Sends these items on the products stream (priced per store when a terminal pulls them). */
export async function publishProducts(
  tx: Queryable,
  itemIds: readonly string[],
  at: string,
): Promise<void> {
  const products = await pulledProducts(tx, [...new Set(itemIds)], null);
  await publishChanges(
    tx,
    [...products.values()].map((product) => ({
      stream: 'products' as const,
      entityId: product.itemId,
      data: product,
    })),
    at,
  );
}

export function sameItem(item: CatalogueItemRecord, draft: ItemDraft): boolean {
  return (
    item.sku === draft.sku &&
    item.names.en === draft.names.en &&
    item.names['zh-Hant'] === draft.names['zh-Hant'] &&
    item.names['zh-Hans'] === draft.names['zh-Hans'] &&
    item.categoryCode === draft.categoryCode &&
    item.listPriceMinor === draft.listPriceMinor &&
    item.taxClass === draft.taxClass &&
    item.active === draft.active &&
    [...item.barcodes].sort().join('\n') === [...draft.barcodes].sort().join('\n')
  );
}

/** What an item write found to be in its way, checked before anything is written. */
async function checkItem(tx: Queryable, itemId: string | null, draft: ItemDraft): Promise<void> {
  const holder = (await itemsBySkus(tx, [draft.sku])).get(draft.sku);
  if (holder && holder.id !== itemId) {
    throw new HeadOfficeFailure('sku_taken', `Another item already has SKU ${draft.sku}`, {
      sku: draft.sku,
    });
  }
  const holders = await barcodeHolders(tx, draft.barcodes);
  for (const code of draft.barcodes) {
    const other = holders.get(code);
    if (other && other.itemId !== itemId) {
      throw new HeadOfficeFailure(
        'barcode_taken',
        `Barcode ${code} is already on the item with SKU ${other.sku}`,
        { barcode: code, sku: other.sku },
      );
    }
  }
  if (draft.categoryCode !== null) {
    const { rows } = await tx.query('SELECT 1 FROM catalogue_category WHERE code = $1', [
      draft.categoryCode,
    ]);
    if (rows.length === 0) {
      throw new HeadOfficeFailure(
        'category_unknown',
        `There is no category ${draft.categoryCode}`,
        { category: draft.categoryCode },
      );
    }
  }
  if (draft.taxClass !== null) {
    const { rows } = await tx.query('SELECT 1 FROM tax_class WHERE code = $1', [draft.taxClass]);
    if (rows.length === 0) {
      throw new HeadOfficeFailure('tax_class_unknown', `There is no tax class ${draft.taxClass}`, {
        taxClass: draft.taxClass,
      });
    }
  }
}

export type ItemWrite = 'created' | 'updated' | 'unchanged';

/**
 * Creates the item (`current` null, with `newId`) or brings `current` to `draft`. Everything in
 * its way (a SKU or barcode another item has, a category or tax class head office does not
 * have) is refused before anything is written.
 */
export async function writeItem(
  tx: Queryable,
  current: CatalogueItemRecord | null,
  newId: string,
  draft: ItemDraft,
  at: string,
): Promise<{ itemId: string; outcome: ItemWrite }> {
  const itemId = current?.id ?? newId;
  if (current && sameItem(current, draft)) return { itemId, outcome: 'unchanged' };
  await checkItem(tx, current?.id ?? null, draft);
  const values = [
    itemId,
    draft.sku,
    draft.names.en,
    draft.names['zh-Hant'],
    draft.names['zh-Hans'],
    draft.categoryCode,
    draft.listPriceMinor,
    draft.taxClass,
    draft.active,
    at,
  ];
  if (current) {
    await tx.query(
      `UPDATE catalogue_item SET sku = $2, name_en = $3, name_zh_hant = $4, name_zh_hans = $5,
         category_code = $6, list_price_minor = $7, tax_class_code = $8, active = $9,
         updated_at = $10
       WHERE id = $1`,
      values,
    );
  } else {
    await tx.query(
      `INSERT INTO catalogue_item (id, sku, name_en, name_zh_hant, name_zh_hans, category_code,
         list_price_minor, tax_class_code, active, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      values,
    );
  }
  await tx.query('DELETE FROM item_barcode WHERE item_id = $1 AND NOT (code = ANY($2::text[]))', [
    itemId,
    draft.barcodes,
  ]);
  for (const code of draft.barcodes) {
    const kind = normaliseBarcode(code)?.kind ?? 'code128';
    await tx.query(
      `INSERT INTO item_barcode (code, item_id, kind) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO NOTHING`,
      [code, itemId, kind],
    );
  }
  await publishProducts(tx, [itemId], at);
  return { itemId, outcome: current ? 'updated' : 'created' };
}

/** An item the import has checked as writeItem would, against the file's earlier rows too. */
export interface CheckedItem {
  itemId: string;
  /** Barcodes it held before this write (none for a new item). */
  held: readonly string[];
  draft: ItemDraft;
}

const WRITE_BATCH = 1000;

/**
 * Writes items already checked (nothing in their way: their SKU, barcodes, category and tax
 * class), a thousand at a time: one statement for the items, one for the barcodes they let go,
 * one for the barcodes they take, and one publish. The import's writer: row by row, writeItem
 * took 3.6 ms an item. Rows are written in file order, so a barcode a row let go is free before a
 * later row takes it.
 */
export async function writeCheckedItems(
  tx: Queryable,
  items: readonly CheckedItem[],
  at: string,
): Promise<void> {
  for (let from = 0; from < items.length; from += WRITE_BATCH) {
    const batch = items.slice(from, from + WRITE_BATCH);
    const column = <T>(value: (item: CheckedItem) => T): T[] => batch.map(value);
    await tx.query(
      `INSERT INTO catalogue_item (id, sku, name_en, name_zh_hant, name_zh_hans, category_code,
         list_price_minor, tax_class_code, active, created_at, updated_at)
       SELECT t.id, t.sku, t.en, t.hant, t.hans, t.category, t.price, t.tax, t.active,
         $10::timestamptz, $10::timestamptz
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::int4[], $8::text[], $9::bool[])
         AS t(id, sku, en, hant, hans, category, price, tax, active)
       ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, name_en = excluded.name_en,
         name_zh_hant = excluded.name_zh_hant, name_zh_hans = excluded.name_zh_hans,
         category_code = excluded.category_code, list_price_minor = excluded.list_price_minor,
         tax_class_code = excluded.tax_class_code, active = excluded.active,
         updated_at = excluded.updated_at`,
      [
        column((i) => i.itemId),
        column((i) => i.draft.sku),
        column((i) => i.draft.names.en),
        column((i) => i.draft.names['zh-Hant']),
        column((i) => i.draft.names['zh-Hans']),
        column((i) => i.draft.categoryCode),
        column((i) => i.draft.listPriceMinor),
        column((i) => i.draft.taxClass),
        column((i) => i.draft.active),
        at,
      ],
    );
    const letGo = batch.flatMap((i) => i.held.filter((code) => !i.draft.barcodes.includes(code)));
    if (letGo.length > 0) {
      await tx.query('DELETE FROM item_barcode WHERE code = ANY($1::text[])', [letGo]);
    }
    const taken = batch.flatMap((i) =>
      i.draft.barcodes
        .filter((code) => !i.held.includes(code))
        .map((code) => ({
          code,
          itemId: i.itemId,
          kind: normaliseBarcode(code)?.kind ?? 'code128',
        })),
    );
    if (taken.length > 0) {
      // No ON CONFLICT: a barcode another item still held was refused when checked, so a
      // conflict here is a defect, and it stops the import rather than drop the barcode.
      await tx.query(
        `INSERT INTO item_barcode (code, item_id, kind)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])`,
        [taken.map((b) => b.code), taken.map((b) => b.itemId), taken.map((b) => b.kind)],
      );
    }
    await publishProducts(
      tx,
      batch.map((i) => i.itemId),
      at,
    );
  }
}

/**
 * Adds a category or renames one; a rename sends its items again (they carry its names).
 * Returns whether anything changed.
 */
export async function writeCategory(
  tx: Queryable,
  code: string,
  names: ItemNames,
  at: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const { rows } = await tx.query<{ name_en: string; name_zh_hant: string; name_zh_hans: string }>(
    'SELECT name_en, name_zh_hant, name_zh_hans FROM catalogue_category WHERE code = $1',
    [code],
  );
  const current = rows[0];
  if (
    current &&
    current.name_en === names.en &&
    current.name_zh_hant === names['zh-Hant'] &&
    current.name_zh_hans === names['zh-Hans']
  ) {
    return 'unchanged';
  }
  await tx.query(
    `INSERT INTO catalogue_category (code, name_en, name_zh_hant, name_zh_hans, created_at,
       updated_at)
     VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (code) DO UPDATE SET name_en = $2, name_zh_hant = $3, name_zh_hans = $4,
       updated_at = $5`,
    [code, names.en, names['zh-Hant'], names['zh-Hans'], at],
  );
  if (!current) return 'created';
  const { rows: items } = await tx.query<{ id: string }>(
    'SELECT id FROM catalogue_item WHERE category_code = $1 ORDER BY sku',
    [code],
  );
  await publishProducts(
    tx,
    items.map((i) => i.id),
    at,
  );
  return 'updated';
}

/** A store's own price of an item (null clears it); whether anything changed. */
export async function writeStorePrice(
  tx: Queryable,
  itemId: string,
  storeId: string,
  priceMinor: number | null,
  at: string,
): Promise<boolean> {
  const { rows } = await tx.query<{ price_minor: number }>(
    'SELECT price_minor FROM store_price WHERE store_id = $1 AND item_id = $2',
    [storeId, itemId],
  );
  const current = rows[0] ? Number(rows[0].price_minor) : null;
  if (current === priceMinor) return false;
  if (priceMinor === null) {
    await tx.query('DELETE FROM store_price WHERE store_id = $1 AND item_id = $2', [
      storeId,
      itemId,
    ]);
  } else {
    await tx.query(
      `INSERT INTO store_price (store_id, item_id, price_minor, updated_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (store_id, item_id) DO UPDATE SET price_minor = $3, updated_at = $4`,
      [storeId, itemId, priceMinor, at],
    );
  }
  await publishProducts(tx, [itemId], at);
  return true;
}

export async function writeTaxClass(
  tx: Queryable,
  code: string,
  name: string,
  rateBasisPoints: number,
  at: string,
): Promise<void> {
  const { rows: before } = await tx.query<{ rate_basis_points: number }>(
    'SELECT rate_basis_points FROM tax_class WHERE code = $1',
    [code],
  );
  await tx.query(
    `INSERT INTO tax_class (code, name, rate_basis_points, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (code) DO UPDATE SET name = $2, rate_basis_points = $3, updated_at = $4`,
    [code, name, rateBasisPoints, at],
  );
  // Items carry their class's rate to the tills: a new rate sends the class's items again.
  const old = before[0];
  if (!old || Number(old.rate_basis_points) === rateBasisPoints) return;
  const { rows: items } = await tx.query<{ id: string }>(
    'SELECT id FROM catalogue_item WHERE tax_class_code = $1 ORDER BY id',
    [code],
  );
  for (let i = 0; i < items.length; i += PUBLISH_PAGE) {
    await publishProducts(
      tx,
      items.slice(i, i + PUBLISH_PAGE).map((r) => r.id),
      at,
    );
  }
}

/** Items read and sent at a time when a tax rate changes (bounds the memory of a big class). */
const PUBLISH_PAGE = 2_000;
