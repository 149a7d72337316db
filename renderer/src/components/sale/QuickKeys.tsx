import { useEffect, useState } from 'react';
import type { CatalogueItem } from '../../../../shared/api/catalogue';
import { itemNameIn } from '../../../../shared/catalogue';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { useFormat, useLocale, useT } from '../../i18n/useT';
import { focusPriceField } from '../../sale/focusPriceField';

const KEYS = 6;

/**
 * The store's best sellers of its last 30 shop days as one strip of tiles: a tap adds the item.
 * Read again for each new sale; a store with no catalogue sales yet shows no strip at all.
 */
export function QuickKeys() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const saleId = useAppStore((s) => s.saleId);
  const addCatalogueItem = useAppStore((s) => s.addCatalogueItem);
  const [keys, setKeys] = useState<CatalogueItem[]>([]);

  useEffect(() => {
    let current = true;
    void api.invoke('catalogue.quickKeys', { limit: KEYS }).then((result) => {
      if (current && result.ok) setKeys(result.value);
    });
    return () => {
      current = false;
    };
  }, [saleId]);

  if (keys.length === 0) return null;
  return (
    <div className="quick-keys" role="group" aria-label={t('catalogue.quickKeys')}>
      {keys.map((item) => (
        <button
          key={item.itemId}
          type="button"
          onClick={() => {
            addCatalogueItem(item);
            focusPriceField();
          }}
        >
          <span className="catalogue-name">{itemNameIn(item.names, locale)}</span>
          <span className="muted">{format.money(item.priceMinor)}</span>
        </button>
      ))}
    </div>
  );
}
