import type { catalogueRoutes } from '../../shared/office/catalogue';
import type { HeadOffice } from '../headOffice';
import { succeed } from '../platform/errors';
import type { RouteHandlers } from './registerRoutes';

/**
 * /admin/catalogue: the products terminals sell, and their import. A store manager reads an item
 * with their own store's price only.
 */
export function catalogueHandlers(headOffice: HeadOffice): RouteHandlers<typeof catalogueRoutes> {
  const { catalogue } = headOffice;
  return {
    'catalogue.items': ({ query }) => catalogue.searchCatalogue(query),
    'catalogue.codes': () => catalogue.catalogueCodes(),
    'catalogue.item': async ({ auth, params }) => {
      const item = await catalogue.catalogueItem(params.id);
      if (!item.ok || auth.role !== 'storeManager') return item;
      // A store manager sees their own store's price, not what the chain charges elsewhere.
      const storePrices = item.value.storePrices.filter((p) => p.storeId === auth.storeId);
      return succeed({ ...item.value, storePrices });
    },
    'catalogue.createItem': ({ auth, body }) => catalogue.createItem(auth.actor, body),
    'catalogue.updateItem': ({ auth, params, body }) =>
      catalogue.updateItem(auth.actor, params.id, body),
    'catalogue.setStorePrice': ({ auth, params, body }) =>
      catalogue.setStorePrice(auth.actor, params.id, params.storeId, body),
    'catalogue.clearStorePrice': ({ auth, params }) =>
      catalogue.clearStorePrice(auth.actor, params.id, params.storeId),
    'catalogue.categories': () => catalogue.categories(),
    'catalogue.saveCategory': ({ auth, params, body }) =>
      catalogue.saveCategory(auth.actor, params.code, body),
    'catalogue.taxClasses': () => catalogue.taxClasses(),
    'catalogue.saveTaxClass': ({ auth, params, body }) =>
      catalogue.saveTaxClass(auth.actor, params.code, body),
    'catalogue.import': ({ auth, body }) => catalogue.importCatalogue(auth.actor, body),
  };
}
