import type { ItemNames, PulledProduct } from '../../shared/catalogue';
import type {
  CatalogueCodes,
  CatalogueItemPage,
  CatalogueItemSummary,
  CatalogueItemView,
  CatalogueSearchQuery,
  CategoryView,
  TaxClassView,
} from '../../shared/office/catalogue';
import { normaliseBarcode } from '../../shared/catalogue';
import type { Queryable } from '../db/database';
import { isoRequired } from '../platform/clock';

/** What the catalogue tables say of an item (reads only; catalogueWrites.ts writes). */
export type CatalogueItemRecord = CatalogueItemSummary;

interface ItemRow {
  id: string;
  sku: string;
  name_en: string;
  name_zh_hant: string;
  name_zh_hans: string;
  category_code: string | null;
  list_price_minor: number;
  tax_class_code: string | null;
  active: boolean;
  updated_at: Date | string;
  barcodes: string[];
}

const ITEM_COLUMNS = `i.id, i.sku, i.name_en, i.name_zh_hant, i.name_zh_hans, i.category_code,
  i.list_price_minor, i.tax_class_code, i.active, i.updated_at,
  coalesce((SELECT array_agg(b.code ORDER BY b.code) FROM item_barcode b WHERE b.item_id = i.id),
    '{}') AS barcodes`;

function recordOf(row: ItemRow): CatalogueItemRecord {
  return {
    id: row.id,
    sku: row.sku,
    names: namesOf(row),
    categoryCode: row.category_code,
    listPriceMinor: Number(row.list_price_minor),
    taxClass: row.tax_class_code,
    active: row.active,
    barcodes: row.barcodes,
    updatedAt: isoRequired(row.updated_at),
  };
}

function namesOf(row: { name_en: string; name_zh_hant: string; name_zh_hans: string }): ItemNames {
  return { en: row.name_en, 'zh-Hant': row.name_zh_hant, 'zh-Hans': row.name_zh_hans };
}

export async function itemsByIds(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, CatalogueItemRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM catalogue_item i WHERE i.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, recordOf(row)]));
}

export async function itemsBySkus(
  tx: Queryable,
  skus: readonly string[],
): Promise<Map<string, CatalogueItemRecord>> {
  if (skus.length === 0) return new Map();
  const { rows } = await tx.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM catalogue_item i WHERE i.sku = ANY($1::text[])`,
    [skus],
  );
  return new Map(rows.map((row) => [row.sku, recordOf(row)]));
}

/** Who holds each of these barcodes: barcode → the item's id and SKU. */
export async function barcodeHolders(
  tx: Queryable,
  codes: readonly string[],
): Promise<Map<string, { itemId: string; sku: string }>> {
  if (codes.length === 0) return new Map();
  const { rows } = await tx.query<{ code: string; item_id: string; sku: string }>(
    `SELECT b.code, b.item_id, i.sku FROM item_barcode b JOIN catalogue_item i ON i.id = b.item_id
     WHERE b.code = ANY($1::text[])`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, { itemId: r.item_id, sku: r.sku }]));
}

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Items by a search: an exact SKU or barcode (as scanned: normalised first), or a fragment of a
 * name in any of the three languages (case-insensitive; Chinese fragments match as typed), and
 * or a category. Ordered by SKU. A catalogue is thousands of items, so a scan of its names is a
 * few milliseconds; a trigram index is the next step if a chain's grows past that.
 */
export async function searchItems(
  tx: Queryable,
  query: Required<Pick<CatalogueSearchQuery, 'q'>> & {
    category?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<CatalogueItemPage> {
  const q = query.q.trim();
  const scanned = q === '' ? null : (normaliseBarcode(q)?.code ?? q);
  const where = `($1::text IS NULL
      OR i.sku = $1 OR lower(i.sku) = lower($1)
      OR EXISTS (SELECT 1 FROM item_barcode b WHERE b.item_id = i.id AND b.code = $2)
      OR i.name_en ILIKE $3 OR i.name_zh_hant ILIKE $3 OR i.name_zh_hans ILIKE $3
      OR i.sku ILIKE $3)
    AND ($4::text IS NULL OR i.category_code = $4)`;
  const params = [q === '' ? null : q, scanned, likePattern(q), query.category ?? null];
  const { rows: counted } = await tx.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM catalogue_item i WHERE ${where}`,
    params,
  );
  const { rows } = await tx.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM catalogue_item i WHERE ${where}
     ORDER BY i.sku LIMIT $5 OFFSET $6`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    items: rows.map(recordOf),
    total: Number(counted[0]?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function itemView(tx: Queryable, id: string): Promise<CatalogueItemView | null> {
  const item = (await itemsByIds(tx, [id])).get(id);
  if (!item) return null;
  const { rows } = await tx.query<{ store_id: string; name: string; price_minor: number }>(
    `SELECT p.store_id, s.name, p.price_minor FROM store_price p JOIN store s ON s.id = p.store_id
     WHERE p.item_id = $1 ORDER BY s.name, p.store_id`,
    [id],
  );
  return {
    ...item,
    storePrices: rows.map((r) => ({
      storeId: r.store_id,
      storeName: r.name,
      priceMinor: Number(r.price_minor),
    })),
  };
}

export async function categoryNames(tx: Queryable, codes: readonly string[]) {
  if (codes.length === 0) return new Map<string, ItemNames>();
  const { rows } = await tx.query<{
    code: string;
    name_en: string;
    name_zh_hant: string;
    name_zh_hans: string;
  }>(
    `SELECT code, name_en, name_zh_hant, name_zh_hans FROM catalogue_category
     WHERE code = ANY($1::text[])`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, namesOf(r)]));
}

export async function listCategories(tx: Queryable): Promise<CategoryView[]> {
  const { rows } = await tx.query<{
    code: string;
    name_en: string;
    name_zh_hant: string;
    name_zh_hans: string;
    items: number | string;
  }>(
    `SELECT c.code, c.name_en, c.name_zh_hant, c.name_zh_hans,
       (SELECT count(*) FROM catalogue_item i WHERE i.category_code = c.code) AS items
     FROM catalogue_category c ORDER BY c.code`,
  );
  return rows.map((r) => ({ code: r.code, names: namesOf(r), items: Number(r.items) }));
}

export async function listTaxClasses(tx: Queryable): Promise<TaxClassView[]> {
  const { rows } = await tx.query<{ code: string; name: string; rate_basis_points: number }>(
    'SELECT code, name, rate_basis_points FROM tax_class ORDER BY code',
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    rateBasisPoints: Number(r.rate_basis_points),
  }));
}

export async function catalogueCodesOf(tx: Queryable): Promise<CatalogueCodes> {
  const { rows: skus } = await tx.query<{ sku: string }>(
    'SELECT sku FROM catalogue_item ORDER BY sku',
  );
  const { rows: categories } = await tx.query<{ code: string }>(
    'SELECT code FROM catalogue_category ORDER BY code',
  );
  return { skus: skus.map((r) => r.sku), categories: categories.map((r) => r.code) };
}

/**
 * Items as the products stream carries them to a terminal of `storeId`: its store's price where
 * one is set, else the list price (storeId null: the list price, as logged), and its tax class's
 * rate as it stands.
 */
export async function pulledProducts(
  tx: Queryable,
  ids: readonly string[],
  storeId: string | null,
): Promise<Map<string, PulledProduct>> {
  const items = await itemsByIds(tx, ids);
  const categories = await categoryNames(tx, [
    ...new Set([...items.values()].flatMap((i) => (i.categoryCode ? [i.categoryCode] : []))),
  ]);
  const prices = new Map<string, number>();
  if (storeId !== null && items.size > 0) {
    const { rows } = await tx.query<{ item_id: string; price_minor: number }>(
      'SELECT item_id, price_minor FROM store_price WHERE store_id = $1 AND item_id = ANY($2::uuid[])',
      [storeId, [...items.keys()]],
    );
    for (const r of rows) prices.set(r.item_id, Number(r.price_minor));
  }
  const classes = [
    ...new Set([...items.values()].flatMap((i) => (i.taxClass ? [i.taxClass] : []))),
  ];
  const rates = new Map<string, number>();
  if (classes.length > 0) {
    const { rows } = await tx.query<{ code: string; rate_basis_points: number }>(
      'SELECT code, rate_basis_points FROM tax_class WHERE code = ANY($1::text[])',
      [classes],
    );
    for (const r of rows) rates.set(r.code, Number(r.rate_basis_points));
  }
  const out = new Map<string, PulledProduct>();
  for (const item of items.values()) {
    const categoryNamesOf = item.categoryCode ? categories.get(item.categoryCode) : undefined;
    out.set(item.id, {
      itemId: item.id,
      sku: item.sku,
      barcodes: item.barcodes,
      names: item.names,
      category:
        item.categoryCode && categoryNamesOf
          ? { code: item.categoryCode, names: categoryNamesOf }
          : null,
      priceMinor: prices.get(item.id) ?? item.listPriceMinor,
      taxClass: item.taxClass,
      taxRateBasisPoints: item.taxClass ? (rates.get(item.taxClass) ?? null) : null,
      active: item.active,
    });
  }
  return out;
}
