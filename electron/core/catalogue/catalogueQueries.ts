import type Database from 'better-sqlite3-multiple-ciphers';
import type { CatalogueCodes, CatalogueItem } from '../../../shared/api/catalogue';
import { itemNameIn, normaliseBarcode, type ItemNames } from '../../../shared/catalogue';
import type { Locale } from '../../../shared/locale';
import { DomainError } from '../../../shared/result';
import { addDays } from '../../../shared/rules/tiers';
import { prepared } from '../db/statements';
import { shopDay, shopDayStartIso } from '../shopTime';

/** Reads of the catalogue: what a scan, the search field and the quick keys show. */

interface ItemRow {
  item_id: string;
  sku: string;
  name_en: string;
  name_zh_hant: string;
  name_zh_hans: string;
  category_code: string | null;
  price_minor: number;
}

const ITEM_COLUMNS = `i.item_id, i.sku, i.name_en, i.name_zh_hant, i.name_zh_hans, i.category_code,
  i.price_minor`;

function itemFrom(row: ItemRow, locale: Locale): CatalogueItem {
  const names: ItemNames = {
    en: row.name_en,
    'zh-Hant': row.name_zh_hant,
    'zh-Hans': row.name_zh_hans,
  };
  return {
    itemId: row.item_id,
    sku: row.sku,
    name: itemNameIn(names, locale),
    names,
    categoryCode: row.category_code,
    priceMinor: row.price_minor,
  };
}

function byBarcode(db: Database.Database, text: string, active: 0 | 1): ItemRow | undefined {
  const found = normaliseBarcode(text);
  if (!found) return undefined;
  return prepared(
    db,
    `SELECT ${ITEM_COLUMNS} FROM catalogue_barcode b
     JOIN catalogue_item i ON i.item_id = b.item_id
     WHERE b.code = ? AND i.active = ?`,
  ).get(found.code, active) as ItemRow | undefined;
}

function byCode(db: Database.Database, code: string, active: 0 | 1): ItemRow | undefined {
  const text = code.trim();
  return (
    byBarcode(db, text, active) ??
    (prepared(
      db,
      `SELECT ${ITEM_COLUMNS} FROM catalogue_item i WHERE i.sku = ? AND i.active = ?`,
    ).get(text, active) as ItemRow | undefined)
  );
}

/**
 * The active item a scanned barcode or a typed SKU names, or null. The barcode is read as a
 * scanner or a person gives it (EAN-13 typed in groups with spaces, UPC-A, Code 128 text); what
 * is not a known barcode is tried as a SKU as printed. A code that names only a withdrawn item is
 * refused as that (item_withdrawn, with its name), not as unknown: the cashier learns why.
 */
export function itemByCode(
  db: Database.Database,
  code: string,
  locale: Locale,
): CatalogueItem | null {
  const row = byCode(db, code, 1);
  if (row) return itemFrom(row, locale);
  const withdrawn = byCode(db, code, 0);
  if (withdrawn) {
    throw new DomainError('item_withdrawn', 'That item is withdrawn and is not sold.', {
      details: { name: itemFrom(withdrawn, locale).name },
    });
  }
  return null;
}

/** Above every character, so `prefix <= sku < prefix + TOP` is "sku starts with prefix". */
const TOP = '\u{10FFFF}';

function skusStartingWith(db: Database.Database, prefix: string, limit: number): ItemRow[] {
  return prepared(
    db,
    `SELECT ${ITEM_COLUMNS} FROM catalogue_item i
     WHERE i.sku >= ? AND i.sku < ? AND i.active = 1 ORDER BY i.sku LIMIT ?`,
  ).all(prefix, prefix + TOP, limit) as ItemRow[];
}

/** LIKE's wildcards and its escape character, taken literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Names holding `fragment` in any language. Three characters or more go through the trigram
 * index; one or two (a Chinese 「奶」) are a LIKE over the same text (migration 20 says why).
 */
function namesHolding(db: Database.Database, fragment: string, limit: number): ItemRow[] {
  const lower = fragment.toLowerCase();
  if ([...lower].length >= 3) {
    return prepared(
      db,
      `SELECT ${ITEM_COLUMNS} FROM catalogue_search s
       JOIN catalogue_item i ON i.item_no = s.rowid
       WHERE catalogue_search MATCH ? AND i.active = 1 LIMIT ?`,
    ).all(`"${lower.replace(/"/g, '""')}"`, limit) as ItemRow[];
  }
  return prepared(
    db,
    `SELECT ${ITEM_COLUMNS} FROM catalogue_search s
     JOIN catalogue_item i ON i.item_no = s.rowid
     WHERE s.names LIKE ? ESCAPE '\\' AND i.active = 1 LIMIT ?`,
  ).all(`%${likeLiteral(lower)}%`, limit) as ItemRow[];
}

/**
 * Active items for what the cashier typed: the barcode's item first, then SKUs starting with it
 * (as typed, then in capitals), then names in any language holding it. Each item once.
 */
export function searchCatalogue(
  db: Database.Database,
  query: string,
  limit: number,
  locale: Locale,
): CatalogueItem[] {
  const text = query.trim();
  if (text === '') return [];
  const found = new Map<string, ItemRow>();
  const keep = (rows: (ItemRow | undefined)[]) => {
    for (const row of rows) {
      if (row && found.size < limit && !found.has(row.item_id)) found.set(row.item_id, row);
    }
  };
  keep([byBarcode(db, text, 1)]);
  keep(skusStartingWith(db, text, limit));
  if (text.toUpperCase() !== text) keep(skusStartingWith(db, text.toUpperCase(), limit));
  if (found.size < limit) keep(namesHolding(db, text, limit));
  return [...found.values()].map((row) => itemFrom(row, locale));
}

/** How many shop days the quick keys look back over, today included. */
export const QUICK_KEY_DAYS = 30;

/**
 * This store's most sold active items by quantity over its last 30 shop days (today and the 29
 * before it, in the shop's time zone), from the sale lines its own ledger holds, by SKU, less
 * what was refunded of those sales (a refund's lines carry negative quantities; a refund of an
 * older sale takes nothing from this window's). A store with no such sales has none.
 */
export function quickKeys(
  db: Database.Database,
  options: { nowMs: number; timeZone: string; storeId: string; locale: Locale; limit: number },
): CatalogueItem[] {
  const today = shopDay(options.nowMs, options.timeZone).date;
  const since = shopDayStartIso(addDays(today, -(QUICK_KEY_DAYS - 1)), options.timeZone);
  const rows = prepared(
    db,
    `SELECT ${ITEM_COLUMNS} FROM (
       SELECT l.sku, sum(l.quantity) AS sold FROM sale s
       JOIN sale_line l ON l.sale_id = s.id
       LEFT JOIN sale o ON o.id = s.refund_of
       WHERE s.created_at >= ? AND s.store_id = ? AND (s.kind = 'sale' OR o.created_at >= ?)
         AND l.kind = 'goods' AND l.sku IS NOT NULL
       GROUP BY l.sku HAVING sum(l.quantity) > 0) q
     JOIN catalogue_item i ON i.sku = q.sku AND i.active = 1
     ORDER BY q.sold DESC, i.sku LIMIT ?`,
  ).all(since, options.storeId, since, options.limit) as ItemRow[];
  return rows.map((row) => itemFrom(row, options.locale));
}

/** SKUs starting with `prefix` (any item, sold or not) and every category code, in the till's language. */
export function catalogueCodes(
  db: Database.Database,
  prefix: string,
  limit: number,
  locale: Locale,
): CatalogueCodes {
  const skus = (
    prepared(
      db,
      `SELECT ${ITEM_COLUMNS} FROM catalogue_item i
       WHERE i.sku >= ? AND i.sku < ? ORDER BY i.sku LIMIT ?`,
    ).all(prefix, prefix + TOP, limit) as ItemRow[]
  ).map((row) => ({ sku: row.sku, name: itemFrom(row, locale).name }));
  const categories = (
    prepared(
      db,
      `SELECT category_code AS code, min(category_en) AS en, min(category_zh_hant) AS hant,
         min(category_zh_hans) AS hans
       FROM catalogue_item WHERE category_code IS NOT NULL
       GROUP BY category_code ORDER BY category_code LIMIT ?`,
    ).all(limit) as { code: string; en: string; hant: string; hans: string }[]
  ).map((row) => ({
    code: row.code,
    name: itemNameIn({ en: row.en, 'zh-Hant': row.hant ?? '', 'zh-Hans': row.hans ?? '' }, locale),
  }));
  return { skus, categories };
}
