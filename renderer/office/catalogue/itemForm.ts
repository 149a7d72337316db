import { normaliseBarcode } from '../../../shared/catalogue';
import { amountToInput, parseAmount, type Currency } from '../../../shared/money';
import type { CatalogueItemInput, CatalogueItemView } from '../../../shared/office/catalogue';

/** An item as the admin types it: text, read into the route's input when saved. */
export interface ItemForm {
  sku: string;
  nameEn: string;
  nameZhHant: string;
  nameZhHans: string;
  /** One barcode a line (or separated by `|`, as in the CSV). */
  barcodes: string;
  price: string;
  categoryCode: string;
  taxClass: string;
  active: boolean;
}

export const emptyItemForm: ItemForm = {
  sku: '',
  nameEn: '',
  nameZhHant: '',
  nameZhHans: '',
  barcodes: '',
  price: '',
  categoryCode: '',
  taxClass: '',
  active: true,
};

export function itemFormOf(item: CatalogueItemView, currency: Currency): ItemForm {
  return {
    sku: item.sku,
    nameEn: item.names.en,
    nameZhHant: item.names['zh-Hant'],
    nameZhHans: item.names['zh-Hans'],
    barcodes: item.barcodes.join('\n'),
    price: amountToInput(item.listPriceMinor, currency),
    categoryCode: item.categoryCode ?? '',
    taxClass: item.taxClass ?? '',
    active: item.active,
  };
}

export type ItemFormRead =
  | { ok: true; input: CatalogueItemInput }
  | { ok: false; problem: 'price' }
  | { ok: false; problem: 'barcode'; barcode: string };

/** The form as the route's input; head office checks the rest (SKU, names) and answers why. */
export function readItemForm(form: ItemForm, currency: Currency): ItemFormRead {
  const listPriceMinor = parseAmount(form.price, currency);
  if (listPriceMinor === null) return { ok: false, problem: 'price' };
  const barcodes: string[] = [];
  for (const text of form.barcodes.split(/[\n|]/)) {
    if (text.trim() === '') continue;
    const found = normaliseBarcode(text);
    if (!found) return { ok: false, problem: 'barcode', barcode: text.trim() };
    if (!barcodes.includes(found.code)) barcodes.push(found.code);
  }
  return {
    ok: true,
    input: {
      sku: form.sku.trim(),
      names: { en: form.nameEn, 'zh-Hant': form.nameZhHant, 'zh-Hans': form.nameZhHans },
      categoryCode: form.categoryCode === '' ? null : form.categoryCode,
      listPriceMinor,
      taxClass: form.taxClass === '' ? null : form.taxClass,
      active: form.active,
      barcodes,
    },
  };
}
