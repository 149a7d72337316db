import { z } from 'zod';
import { operation } from './operation';
import { searchText } from './fields';
import type { ItemNames } from '../catalogue';

/** An item the till can sell: its name in the till's language and in all three, and its price. */
export interface CatalogueItem {
  itemId: string;
  sku: string;
  /** In the terminal's language (itemNameIn); `names` lets a screen say it in its reader's. */
  name: string;
  names: ItemNames;
  categoryCode: string | null;
  priceMinor: number;
}

/** The codes earn rules and coupons can match, offered as the manager types (datalist). */
export interface CatalogueCodes {
  skus: { sku: string; name: string }[];
  categories: { code: string; name: string }[];
}

const limit = (max: number) => z.number().int().min(1).max(max).optional();

export const catalogueOperations = {
  /**
   * What the scanner read (EAN-13, UPC-A, Code 128) or a SKU typed: the active item, or null
   * when no item has that code (or it is no longer sold). Reads only.
   */
  'catalogue.scan': operation<CatalogueItem | null>()(
    z.strictObject({ code: searchText(60).pipe(z.string().min(1)) }),
    'cashier',
  ),
  /** Active items by name in any language (a Chinese fragment too), SKU prefix or barcode. */
  'catalogue.search': operation<CatalogueItem[]>()(
    z.strictObject({ query: searchText(60), limit: limit(50) }),
    'cashier',
  ),
  /** This store's most sold items over its last 30 shop days, by quantity; none without sales. */
  'catalogue.quickKeys': operation<CatalogueItem[]>()(
    z.strictObject({ limit: limit(24) }),
    'cashier',
  ),
  /** SKUs starting with `prefix` and every category code, for the program's match fields. */
  'catalogue.codes': operation<CatalogueCodes>()(
    z.strictObject({ prefix: searchText(40).optional(), limit: limit(200) }),
    'cashier',
  ),
};
