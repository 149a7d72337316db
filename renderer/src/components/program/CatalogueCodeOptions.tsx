import { useEffect, useState } from 'react';
import type { CatalogueCodes } from '../../../../shared/api/catalogue';
import { api } from '../../api';

/** How long typing rests before the SKUs starting with it are asked for. */
const LOOKUP_DELAY_MS = 150;
const SKUS = 30;

/**
 * The local catalogue's SKUs starting with what is typed, and its category codes, as a datalist
 * for a field that matches sale lines (an earn multiplier, a free item). An empty catalogue
 * offers nothing and the field still takes any code.
 */
export function CatalogueCodeOptions({ id, prefix }: { id: string; prefix: string }) {
  const [codes, setCodes] = useState<CatalogueCodes>({ skus: [], categories: [] });
  const typed = prefix.trim();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('catalogue.codes', { prefix: typed, limit: SKUS }).then((result) => {
        if (current && result.ok) setCodes(result.value);
      });
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed]);

  return (
    <datalist id={id}>
      {codes.categories.map((category) => (
        <option key={`c:${category.code}`} value={category.code}>
          {category.name}
        </option>
      ))}
      {codes.skus.map((item) => (
        <option key={`s:${item.sku}`} value={item.sku}>
          {item.name}
        </option>
      ))}
    </datalist>
  );
}
