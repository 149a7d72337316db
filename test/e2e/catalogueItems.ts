import type { PulledProduct } from '../../shared/catalogue';
import { ean13, itemIdOf, product } from '../unit/helpers/catalogue';

/** The catalogue the catalogue spec's till pulls: a few drinks and bakes with their barcodes. */
export const milkTeaBarcode = ean13('489123400001');
export const unknownBarcode = ean13('489123499999');

export const catalogueItems: PulledProduct[] = [
  product(1, {
    sku: 'MT-001',
    barcodes: [milkTeaBarcode],
    names: { en: 'Milk tea', 'zh-Hant': '港式奶茶', 'zh-Hans': '港式奶茶' },
    category: { code: 'DRINKS', names: { en: 'Drinks', 'zh-Hant': '飲品', 'zh-Hans': '饮品' } },
    priceMinor: 2200,
  }),
  product(2, {
    sku: 'LT-002',
    barcodes: [ean13('489123400002')],
    names: { en: 'Lemon tea', 'zh-Hant': '凍檸茶', 'zh-Hans': '冻柠茶' },
    category: { code: 'DRINKS', names: { en: 'Drinks', 'zh-Hant': '飲品', 'zh-Hans': '饮品' } },
    priceMinor: 1800,
  }),
  product(3, {
    itemId: itemIdOf(3),
    sku: 'PB-003',
    barcodes: ['PB-BUN-3'],
    names: { en: 'Pineapple bun', 'zh-Hant': '菠蘿包', 'zh-Hans': '菠萝包' },
    category: { code: 'BAKERY', names: { en: 'Bakery', 'zh-Hant': '麵包', 'zh-Hans': '面包' } },
    priceMinor: 1200,
  }),
];
