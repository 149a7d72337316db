import type { catalogueRoutes } from '../../shared/office/catalogue';
import type { HeadOffice } from '../headOffice';
import type { RouteHandlers } from './registerRoutes';

/** /admin/catalogue: the products terminals sell, and their import. */
export function catalogueHandlers(headOffice: HeadOffice): RouteHandlers<typeof catalogueRoutes> {
  const { catalogue } = headOffice;
  return {
    'catalogue.items': ({ query }) => catalogue.searchCatalogue(query),
    'catalogue.codes': () => catalogue.catalogueCodes(),
    'catalogue.item': ({ params }) => catalogue.catalogueItem(params.id),
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
