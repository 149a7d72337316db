import type { CatalogueCodes } from '../../../shared/office/catalogue';

/** The id of the one datalist of the catalogue's SKUs and category codes on the program page. */
export const CATALOGUE_CODES_LIST = 'catalogue-codes';

/**
 * Whether a typed rule or coupon target names nothing in the catalogue: worth a warning, never a
 * refusal (a shop without a catalogue types its own codes, and a code may come before its item).
 */
export function unknownCatalogueCode(codes: CatalogueCodes | null, typed: string): boolean {
  const code = typed.trim();
  if (!codes || code === '') return false;
  if (codes.skus.length === 0 && codes.categories.length === 0) return false;
  return !codes.skus.includes(code) && !codes.categories.includes(code);
}
