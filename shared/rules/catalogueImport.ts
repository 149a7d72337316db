import { CATALOGUE_CODE, TAX_CLASS_CODE, normaliseBarcode, type ItemNames } from '../catalogue';
import { parseAmount, type Currency } from '../money';
import { normaliseText, textProblem } from '../text';

/**
 * One row of a catalogue CSV (issue 16 §2), read the same way by the dry run and the import.
 * Columns are named in the header, in any order; sku, name_en and price are required. A column
 * the file leaves out keeps what head office has (a new item gets the default: no barcodes, the
 * English name only, no category or tax class, active); a column that is there but empty in a
 * row means none (no barcodes, no category, no tax class; active when empty).
 * server/README.md ("Catalogue import") lists them.
 */
export const catalogueImportColumns = [
  'sku',
  'barcodes',
  'barcode',
  'name_en',
  'name_zh_hant',
  'name_zh_hans',
  'category',
  'price',
  'tax_class',
  'active',
] as const;
export type CatalogueImportColumn = (typeof catalogueImportColumns)[number];
export const requiredCatalogueColumns = ['sku', 'name_en', 'price'] as const;

/** Why a row was refused: each reason means one thing, and the office names it in three languages. */
export const catalogueRowErrors = [
  'sku_invalid',
  'sku_repeated',
  'name_missing',
  'name_invalid',
  'barcode_invalid',
  'barcode_repeated',
  'barcode_taken',
  'category_invalid',
  'price_invalid',
  'tax_class_unknown',
  'active_invalid',
  'columns_mismatch',
] as const;
export type CatalogueRowError = (typeof catalogueRowErrors)[number];

/** A row as read: undefined where the file has no such column (head office's value stays). */
export interface CatalogueRow {
  sku: string;
  names: { en: string; 'zh-Hant': string | undefined; 'zh-Hans': string | undefined };
  barcodes: string[] | undefined;
  /** The file's name for its barcode column (`barcodes` or `barcode`), null when it has none. */
  barcodeColumn: 'barcodes' | 'barcode' | null;
  categoryCode: string | null | undefined;
  listPriceMinor: number;
  taxClass: string | null | undefined;
  active: boolean | undefined;
}

export type ReadCatalogueRow =
  { ok: true; row: CatalogueRow } | { ok: false; reason: CatalogueRowError; column: string };

/** Barcodes in one cell are separated by `|`. */
export const BARCODE_SEPARATOR = '|';

const YES = new Set(['yes', 'y', 'true', '1', '是', '啟用', '启用']);
const NO = new Set(['no', 'n', 'false', '0', '否', '停用']);

/** The item's names a row leaves as head office has them, filled in. */
export function namesWith(row: CatalogueRow, current: ItemNames | null): ItemNames {
  return {
    en: row.names.en,
    'zh-Hant': row.names['zh-Hant'] ?? current?.['zh-Hant'] ?? '',
    'zh-Hans': row.names['zh-Hans'] ?? current?.['zh-Hans'] ?? '',
  };
}

/** Reads one row; the first problem found is the row's reason. */
export function readCatalogueRow(
  record: Readonly<Record<string, string | undefined>>,
  currency: Currency,
): ReadCatalogueRow {
  const has = (column: CatalogueImportColumn) => record[column] !== undefined;
  const cell = (column: CatalogueImportColumn) => normaliseText(record[column] ?? '');
  const refuse = (reason: CatalogueRowError, column: string): ReadCatalogueRow => ({
    ok: false,
    reason,
    column,
  });

  const sku = cell('sku');
  if (!CATALOGUE_CODE.test(sku)) return refuse('sku_invalid', 'sku');

  const names: CatalogueRow['names'] = { en: '', 'zh-Hant': undefined, 'zh-Hans': undefined };
  for (const [column, language] of [
    ['name_en', 'en'],
    ['name_zh_hant', 'zh-Hant'],
    ['name_zh_hans', 'zh-Hans'],
  ] as const) {
    if (!has(column)) continue;
    const name = cell(column);
    if (name.length > 80 || textProblem(name)) return refuse('name_invalid', column);
    names[language] = name;
  }
  if (names.en === '') return refuse('name_missing', 'name_en');

  let barcodes: string[] | undefined;
  const barcodeColumn = has('barcodes') ? 'barcodes' : has('barcode') ? 'barcode' : null;
  if (barcodeColumn) {
    const parts = cell(barcodeColumn)
      .split(BARCODE_SEPARATOR)
      .map((part) => part.trim())
      .filter((part) => part !== '');
    barcodes = [];
    for (const part of parts) {
      const found = normaliseBarcode(part);
      if (!found) return refuse('barcode_invalid', barcodeColumn);
      if (barcodes.includes(found.code)) return refuse('barcode_repeated', barcodeColumn);
      barcodes.push(found.code);
    }
    if (barcodes.length > 20) return refuse('barcode_invalid', barcodeColumn);
  }

  let categoryCode: string | null | undefined;
  if (has('category')) {
    const category = cell('category');
    if (category !== '' && !CATALOGUE_CODE.test(category)) {
      return refuse('category_invalid', 'category');
    }
    categoryCode = category === '' ? null : category;
  }

  const listPriceMinor = parseAmount(cell('price'), currency);
  if (listPriceMinor === null || listPriceMinor > 100_000_000) {
    return refuse('price_invalid', 'price');
  }

  let taxClass: string | null | undefined;
  if (has('tax_class')) {
    const code = cell('tax_class');
    if (code !== '' && !TAX_CLASS_CODE.test(code)) return refuse('tax_class_unknown', 'tax_class');
    taxClass = code === '' ? null : code;
  }

  let active: boolean | undefined;
  if (has('active')) {
    const text = cell('active').toLowerCase();
    if (text === '' || YES.has(text)) active = true;
    else if (NO.has(text)) active = false;
    else return refuse('active_invalid', 'active');
  }

  return {
    ok: true,
    row: {
      sku,
      names,
      barcodes,
      barcodeColumn,
      categoryCode,
      listPriceMinor,
      taxClass,
      active,
    },
  };
}
