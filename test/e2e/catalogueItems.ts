import type { CatalogueItemInput } from '../../shared/office/catalogue';
import { ean13 } from '../unit/helpers/catalogue';

/** The catalogue spec's head office catalogue: a few drinks and bakes with their barcodes. */
export const milkTeaBarcode = ean13('489123400001');
export const lemonTeaBarcode = ean13('489123400002');
export const pineappleBunBarcode = ean13('489123400003');
export const unknownBarcode = ean13('489123499999');

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
];

/** The spec's store sells the milk tea below the list price: HK$20.00, not HK$22.00. */
export const milkTeaStorePriceMinor = 2000;
