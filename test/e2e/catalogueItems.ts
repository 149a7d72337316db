import type { CatalogueItemInput } from '../../shared/office/catalogue';
import { ean13 } from '../unit/helpers/catalogue';

/** The catalogue spec's head office catalogue: a few drinks and bakes with their barcodes. */
export const milkTeaBarcode = ean13('489123400001');
export const lemonTeaBarcode = ean13('489123400002');
export const pineappleBunBarcode = ean13('489123400003');
export const unknownBarcode = ean13('489123499999');
/** A Code 128 label's text: letters, digits and a dash, as a wedge scanner types it. */
export const eggTartCode128 = 'ET-BOX-6';
/** An item head office has withdrawn: the till knows it, and does not sell it. */
export const withdrawnBarcode = ean13('489123400009');

export const catalogueCategories = [
  { code: 'DRINKS', names: { en: 'Drinks', 'zh-Hant': '飲品', 'zh-Hans': '饮品' } },
  { code: 'BAKERY', names: { en: 'Bakery', 'zh-Hant': '麵包', 'zh-Hans': '面包' } },
];

export const catalogueItems: CatalogueItemInput[] = [
  {
    sku: 'MT-001',
    names: { en: 'Milk tea', 'zh-Hant': '港式奶茶', 'zh-Hans': '港式奶茶' },
    categoryCode: 'DRINKS',
    listPriceMinor: 2200,
    taxClass: null,
    active: true,
    barcodes: [milkTeaBarcode],
  },
  {
    sku: 'LT-002',
    names: { en: 'Lemon tea', 'zh-Hant': '凍檸茶', 'zh-Hans': '冻柠茶' },
    categoryCode: 'DRINKS',
    listPriceMinor: 1800,
    taxClass: null,
    active: true,
    barcodes: [lemonTeaBarcode],
  },
  {
    sku: 'PB-003',
    names: { en: 'Pineapple bun', 'zh-Hant': '菠蘿包', 'zh-Hans': '菠萝包' },
    categoryCode: 'BAKERY',
    listPriceMinor: 1200,
    taxClass: null,
    active: true,
    barcodes: [pineappleBunBarcode],
  },
  {
    sku: 'ET-006',
    names: { en: 'Egg tarts (6)', 'zh-Hant': '蛋撻（6件）', 'zh-Hans': '蛋挞（6件）' },
    categoryCode: 'BAKERY',
    listPriceMinor: 3600,
    taxClass: null,
    active: true,
    barcodes: [eggTartCode128],
  },
  {
    sku: 'CB-009',
    names: { en: 'Cocktail bun', 'zh-Hant': '雞尾包', 'zh-Hans': '鸡尾包' },
    categoryCode: 'BAKERY',
    listPriceMinor: 900,
    taxClass: null,
    active: false,
    barcodes: [withdrawnBarcode],
  },
];

/** The spec's store sells the milk tea below the list price: HK$20.00, not HK$22.00. */
export const milkTeaStorePriceMinor = 2000;
