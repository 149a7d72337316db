import { ean13CheckDigit } from '../../../shared/card';
import type { PulledProduct } from '../../../shared/catalogue';
import { MAX_PULL_PAGE, type PullResponse } from '../../../shared/sync/protocol';

/** Catalogue items as head office's products stream sends them, for terminal tests and benches. */

/** An EAN-13 from its first 12 digits. */
export function ean13(first12: string): string {
  return `${first12}${ean13CheckDigit(first12)}`;
}

/** A UPC-A from its first 11 digits (an EAN-13 with a leading 0, printed without it). */
export function upcA(first11: string): string {
  return ean13(`0${first11}`).slice(1);
}

/** A stable item id for item number `n`. */
export function itemIdOf(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0190a000-0000-7000-8000-${hex}`;
}

export function product(n: number, fields: Partial<PulledProduct> = {}): PulledProduct {
  return {
    itemId: itemIdOf(n),
    sku: `SKU-${n}`,
    barcodes: [ean13(`489${String(n).padStart(9, '0')}`)],
    names: { en: `Item ${n}`, 'zh-Hant': '', 'zh-Hans': '' },
    category: null,
    priceMinor: 1000,
    taxClass: null,
    active: true,
    ...fields,
  };
}

/** Pages of the products stream holding `items`, cursors counting on from `after`. */
export function productPages(items: PulledProduct[], after = 0): PullResponse[] {
  const pages: PullResponse[] = [];
  for (let start = 0; start < items.length; start += MAX_PULL_PAGE) {
    const slice = items.slice(start, start + MAX_PULL_PAGE);
    pages.push({
      stream: 'products',
      items: slice.map((data, i) => ({ seq: after + start + i + 1, stream: 'products', data })),
      cursor: after + start + slice.length,
      hasMore: start + MAX_PULL_PAGE < items.length,
      terminalHighWaterMark: 0,
      serverTime: new Date().toISOString(),
    });
  }
  return pages;
}
