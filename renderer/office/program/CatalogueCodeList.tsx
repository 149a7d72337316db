import type { CatalogueCodes } from '../../../shared/office/catalogue';
import { CATALOGUE_CODES_LIST } from './catalogueCodes';

/** The catalogue's SKUs and category codes, offered by the fields that name one. */
export function CatalogueCodeList({ codes }: { codes: CatalogueCodes | null }) {
  if (!codes) return null;
  return (
    <datalist id={CATALOGUE_CODES_LIST}>
      {codes.categories.map((code) => (
        <option key={`c:${code}`} value={code} />
      ))}
      {codes.skus.map((sku) => (
        <option key={`s:${sku}`} value={sku} />
      ))}
    </datalist>
  );
}
