import {
  catalogueItemInput,
  catalogueSearchQuery,
  categoryInput,
  storePriceInput,
  taxClassInput,
  type CatalogueCodes,
  type CatalogueItemPage,
  type CatalogueItemView,
  type CategoryList,
  type TaxClassList,
} from '../../shared/office/catalogue';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import { isoAt, type ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import {
  catalogueCodesOf,
  itemView,
  itemsByIds,
  listCategories,
  listTaxClasses,
  searchItems,
} from './catalogueReads';
import {
  lockCatalogue,
  writeCategory,
  writeItem,
  writeStorePrice,
  writeTaxClass,
  type ItemDraft,
} from './catalogueWrites';

function draftOf(body: unknown): ItemDraft {
  const input = parseInput(catalogueItemInput, body, 'catalogue item');
  return { ...input, barcodes: [...new Set(input.barcodes)] };
}

async function viewOrMissing(tx: Queryable, id: string): Promise<CatalogueItemView> {
  const view = await itemView(tx, id);
  if (!view) throw new HeadOfficeFailure('not_found', 'No such catalogue item');
  return view;
}

/**
 * The catalogue at head office (issue 16 §2): reads for everyone who signs in, writes for
 * admins, each write audited and sent to terminals on the products stream (catalogueWrites.ts).
 */
export function catalogueService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  const read = <T>(work: (tx: Queryable) => Promise<T>) =>
    db.transaction(work, { isolation: 'repeatable read', readOnly: true });

  return {
    searchCatalogue(query: unknown): Promise<Outcome<CatalogueItemPage>> {
      return guard(async () => {
        const parsed = parseInput(catalogueSearchQuery, query, 'catalogue search');
        return succeed(await read((tx) => searchItems(tx, parsed)));
      });
    },

    catalogueCodes(): Promise<Outcome<CatalogueCodes>> {
      return guard(async () => succeed(await read((tx) => catalogueCodesOf(tx))));
    },

    catalogueItem(id: string): Promise<Outcome<CatalogueItemView>> {
      return guard(async () => succeed(await read((tx) => viewOrMissing(tx, id))));
    },

    createItem(actor: string, body: unknown): Promise<Outcome<CatalogueItemView>> {
      return guard(async () => {
        const draft = draftOf(body);
        const now = clock.now();
        const at = new Date(now).toISOString();
        const view = await db.transaction(async (tx) => {
          await lockCatalogue(tx);
          const { itemId } = await writeItem(tx, null, random.uuidv7(now), draft, at);
          await recordAudit(tx, {
            at,
            actor,
            action: 'catalogue.item.create',
            subject: itemId,
            details: { sku: draft.sku },
          });
          return viewOrMissing(tx, itemId);
        });
        return succeed(view);
      });
    },

    updateItem(actor: string, id: string, body: unknown): Promise<Outcome<CatalogueItemView>> {
      return guard(async () => {
        const draft = draftOf(body);
        const at = isoAt(clock);
        const view = await db.transaction(async (tx) => {
          await lockCatalogue(tx);
          const current = (await itemsByIds(tx, [id])).get(id);
          if (!current) throw new HeadOfficeFailure('not_found', 'No such catalogue item');
          const { outcome } = await writeItem(tx, current, id, draft, at);
          if (outcome !== 'unchanged') {
            await recordAudit(tx, {
              at,
              actor,
              action: 'catalogue.item.update',
              subject: id,
              details: { sku: draft.sku, was: current.sku === draft.sku ? undefined : current.sku },
            });
          }
          return viewOrMissing(tx, id);
        });
        return succeed(view);
      });
    },

    setStorePrice(
      actor: string,
      itemId: string,
      storeId: string,
      body: unknown,
    ): Promise<Outcome<CatalogueItemView>> {
      return guard(async () => {
        const { priceMinor } = parseInput(storePriceInput, body, 'store price');
        return succeed(await storePrice(actor, itemId, storeId, priceMinor));
      });
    },

    clearStorePrice(
      actor: string,
      itemId: string,
      storeId: string,
    ): Promise<Outcome<CatalogueItemView>> {
      return guard(async () => succeed(await storePrice(actor, itemId, storeId, null)));
    },

    categories(): Promise<Outcome<CategoryList>> {
      return guard(async () => succeed({ categories: await read((tx) => listCategories(tx)) }));
    },

    saveCategory(actor: string, code: string, body: unknown): Promise<Outcome<CategoryList>> {
      return guard(async () => {
        const { names } = parseInput(categoryInput, body, 'category');
        const at = isoAt(clock);
        const categories = await db.transaction(async (tx) => {
          await lockCatalogue(tx);
          const outcome = await writeCategory(tx, code, names, at);
          if (outcome !== 'unchanged') {
            await recordAudit(tx, {
              at,
              actor,
              action: `catalogue.category.${outcome === 'created' ? 'create' : 'rename'}`,
              subject: code,
              details: { names },
            });
          }
          return listCategories(tx);
        });
        return succeed({ categories });
      });
    },

    taxClasses(): Promise<Outcome<TaxClassList>> {
      return guard(async () => succeed({ taxClasses: await read((tx) => listTaxClasses(tx)) }));
    },

    saveTaxClass(actor: string, code: string, body: unknown): Promise<Outcome<TaxClassList>> {
      return guard(async () => {
        const { name, rateBasisPoints } = parseInput(taxClassInput, body, 'tax class');
        const at = isoAt(clock);
        const taxClasses = await db.transaction(async (tx) => {
          await lockCatalogue(tx);
          await writeTaxClass(tx, code, name, rateBasisPoints, at);
          await recordAudit(tx, {
            at,
            actor,
            action: 'catalogue.tax_class.save',
            subject: code,
            details: { name, rateBasisPoints },
          });
          return listTaxClasses(tx);
        });
        return succeed({ taxClasses });
      });
    },
  };

  async function storePrice(
    actor: string,
    itemId: string,
    storeId: string,
    priceMinor: number | null,
  ): Promise<CatalogueItemView> {
    const at = isoAt(clock);
    return db.transaction(async (tx) => {
      await lockCatalogue(tx);
      if ((await itemsByIds(tx, [itemId])).size === 0) {
        throw new HeadOfficeFailure('not_found', 'No such catalogue item');
      }
      const { rows } = await tx.query('SELECT 1 FROM store WHERE id = $1', [storeId]);
      if (rows.length === 0) throw new HeadOfficeFailure('not_found', 'No such store');
      if (await writeStorePrice(tx, itemId, storeId, priceMinor, at)) {
        await recordAudit(tx, {
          at,
          actor,
          action: priceMinor === null ? 'catalogue.store_price.clear' : 'catalogue.store_price.set',
          subject: itemId,
          details: { storeId, priceMinor },
        });
      }
      return viewOrMissing(tx, itemId);
    });
  }
}
