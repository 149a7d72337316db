import { z } from 'zod';
import { id } from '../api/fields';
import { TAX_CLASS_CODE, barcode, catalogueCode, itemNames } from '../catalogue';
import { errorBody } from '../contract/errors';
import { admin, roleGroups, route } from '../contract/route';
import { requiredText } from '../text';
import { catalogueImportReport, catalogueImportRequest } from './catalogueImport';

/**
 * The product catalogue at head office (issue 16 §2): items, their barcodes and store prices,
 * categories and tax classes. Everyone who signs in may read it (it holds no personal data);
 * only admins change it. Every change is audited and sends the items it touches to terminals on
 * the products stream (server/catalogue/).
 */

const priceMinor = z.number().int().min(0).max(100_000_000);
const taxClassCode = z.string().trim().regex(TAX_CLASS_CODE, {
  message: 'must be 1 to 20 letters, digits, and - _ .',
});

/** What an admin writes for an item (barcodes normalised: shared/catalogue.ts). */
export const catalogueItemInput = z.strictObject({
  sku: catalogueCode,
  names: itemNames,
  categoryCode: catalogueCode.nullable(),
  listPriceMinor: priceMinor,
  taxClass: taxClassCode.nullable(),
  active: z.boolean(),
  barcodes: z.array(barcode).max(20),
});
export type CatalogueItemInput = z.input<typeof catalogueItemInput>;

const namesView = z.strictObject({ en: z.string(), 'zh-Hant': z.string(), 'zh-Hans': z.string() });

export const catalogueItemSummary = z.strictObject({
  id: z.string(),
  sku: z.string(),
  names: namesView,
  categoryCode: z.string().nullable(),
  listPriceMinor: z.number().int(),
  taxClass: z.string().nullable(),
  active: z.boolean(),
  barcodes: z.array(z.string()),
  updatedAt: z.string(),
});
export type CatalogueItemSummary = z.infer<typeof catalogueItemSummary>;

export const storePriceView = z.strictObject({
  storeId: z.string(),
  storeName: z.string(),
  priceMinor: z.number().int(),
});
export type StorePriceView = z.infer<typeof storePriceView>;

export const catalogueItemView = catalogueItemSummary.extend({
  storePrices: z.array(storePriceView),
});
export type CatalogueItemView = z.infer<typeof catalogueItemView>;

export const CATALOGUE_PAGE_SIZE = 50;

/** A SKU or barcode (exact), a name fragment in any of the three languages, and/or a category. */
export const catalogueSearchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(80)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters')
    .default(''),
  category: catalogueCode.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(CATALOGUE_PAGE_SIZE),
});
export type CatalogueSearchQuery = z.input<typeof catalogueSearchQuery>;

export const catalogueItemPage = z.strictObject({
  items: z.array(catalogueItemSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CatalogueItemPage = z.infer<typeof catalogueItemPage>;

export const categoryView = z.strictObject({
  code: z.string(),
  names: namesView,
  items: z.number().int(),
});
export type CategoryView = z.infer<typeof categoryView>;
export const categoryList = z.strictObject({ categories: z.array(categoryView) });
export type CategoryList = z.infer<typeof categoryList>;
export const categoryInput = z.strictObject({ names: itemNames });

export const taxClassView = z.strictObject({
  code: z.string(),
  name: z.string(),
  rateBasisPoints: z.number().int(),
});
export type TaxClassView = z.infer<typeof taxClassView>;
export const taxClassList = z.strictObject({ taxClasses: z.array(taxClassView) });
export type TaxClassList = z.infer<typeof taxClassList>;
export const taxClassInput = z.strictObject({
  name: requiredText(80),
  rateBasisPoints: z.number().int().min(0).max(10_000),
});

export const storePriceInput = z.strictObject({ priceMinor });

/** Every SKU and category code, for the program editor's pickers. */
export const catalogueCodes = z.strictObject({
  skus: z.array(z.string()),
  categories: z.array(z.string()),
});
export type CatalogueCodes = z.infer<typeof catalogueCodes>;

const byId = z.strictObject({ id });
const byCode = z.strictObject({ code: catalogueCode });
const byTaxCode = z.strictObject({ code: taxClassCode });
const byItemAndStore = z.strictObject({ id, storeId: id });

export const catalogueRoutes = {
  'catalogue.items': route({
    method: 'GET',
    path: '/admin/catalogue/items',
    summary: 'Catalogue items by SKU, barcode, name fragment (any language) or category, paged',
    auth: admin(roleGroups.everyone),
    request: { query: catalogueSearchQuery },
    responses: { 200: catalogueItemPage },
  }),
  'catalogue.codes': route({
    method: 'GET',
    path: '/admin/catalogue/codes',
    summary: "Every SKU and category code (the program editor's pickers)",
    auth: admin(roleGroups.everyone),
    request: {},
    responses: { 200: catalogueCodes },
  }),
  'catalogue.item': route({
    method: 'GET',
    path: '/admin/catalogue/items/:id',
    summary:
      "One catalogue item with its barcodes and store prices (a store manager's own store's only)",
    auth: admin(roleGroups.everyone),
    request: { params: byId },
    responses: { 200: catalogueItemView, 404: errorBody },
  }),
  'catalogue.createItem': route({
    method: 'POST',
    path: '/admin/catalogue/items',
    summary:
      'Adds an item (409 sku_taken, barcode_taken naming the SKU that has it, category_unknown, tax_class_unknown)',
    auth: admin(roleGroups.adminOnly),
    request: { body: catalogueItemInput },
    responses: { 201: catalogueItemView, 409: errorBody },
  }),
  'catalogue.updateItem': route({
    method: 'PUT',
    path: '/admin/catalogue/items/:id',
    summary:
      'Changes an item: names, SKU, category, price, tax class, active, barcodes (sent to terminals)',
    auth: admin(roleGroups.adminOnly),
    request: { params: byId, body: catalogueItemInput },
    responses: { 200: catalogueItemView, 404: errorBody, 409: errorBody },
  }),
  'catalogue.setStorePrice': route({
    method: 'PUT',
    path: '/admin/catalogue/items/:id/store-prices/:storeId',
    summary: "Sets a store's own price of an item (its terminals sell at it)",
    auth: admin(roleGroups.adminOnly),
    request: { params: byItemAndStore, body: storePriceInput },
    responses: { 200: catalogueItemView, 404: errorBody },
  }),
  'catalogue.clearStorePrice': route({
    method: 'DELETE',
    path: '/admin/catalogue/items/:id/store-prices/:storeId',
    summary: "Clears a store's own price of an item: its terminals sell at the list price",
    auth: admin(roleGroups.adminOnly),
    request: { params: byItemAndStore },
    responses: { 200: catalogueItemView, 404: errorBody },
  }),
  'catalogue.categories': route({
    method: 'GET',
    path: '/admin/catalogue/categories',
    summary: 'Catalogue categories with their names and how many items each has',
    auth: admin(roleGroups.everyone),
    request: {},
    responses: { 200: categoryList },
  }),
  'catalogue.saveCategory': route({
    method: 'PUT',
    path: '/admin/catalogue/categories/:code',
    summary: 'Adds or renames a category (its items are sent to terminals again with the names)',
    auth: admin(roleGroups.adminOnly),
    request: { params: byCode, body: categoryInput },
    responses: { 200: categoryList },
  }),
  'catalogue.taxClasses': route({
    method: 'GET',
    path: '/admin/catalogue/tax-classes',
    summary: 'Tax classes with their rates in basis points',
    auth: admin(roleGroups.everyone),
    request: {},
    responses: { 200: taxClassList },
  }),
  'catalogue.saveTaxClass': route({
    method: 'PUT',
    path: '/admin/catalogue/tax-classes/:code',
    summary: 'Adds or changes a tax class',
    auth: admin(roleGroups.adminOnly),
    request: { params: byTaxCode, body: taxClassInput },
    responses: { 200: taxClassList },
  }),
  'catalogue.import': route({
    method: 'POST',
    path: '/admin/catalogue/import',
    summary:
      'Imports the catalogue from a CSV, or dry-runs it: a per-row report (created, updated, unchanged, error)',
    auth: admin(roleGroups.adminOnly),
    request: { body: catalogueImportRequest },
    responses: { 200: catalogueImportReport },
  }),
};
