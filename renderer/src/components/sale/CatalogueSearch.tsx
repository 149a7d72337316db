import { useEffect, useState, type KeyboardEvent } from 'react';
import type { CatalogueItem } from '../../../../shared/api/catalogue';
import { itemNameIn } from '../../../../shared/catalogue';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { useFormat, useLocale, useT } from '../../i18n/useT';
import { focusPriceField } from '../../sale/focusPriceField';

/** How long typing rests before the search runs: one query per word, not per key. */
const SEARCH_DELAY_MS = 120;
const RESULTS = 8;

/**
 * Find an item by name (any language, a Chinese fragment such as 「奶」 too), product code or
 * barcode. The results drop over the lines; Enter or a click adds the chosen one, ↑/↓ choose.
 */
export function CatalogueSearch() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const addCatalogueItem = useAppStore((s) => s.addCatalogueItem);
  const [query, setQuery] = useState('');
  /** The answer and the query it answers: an answer to older typing is never shown. */
  const [found, setFound] = useState<{ query: string; items: CatalogueItem[] } | null>(null);
  const [chosen, setChosen] = useState(0);
  const text = query.trim();
  const results = text !== '' && found?.query === text ? found.items : null;

  useEffect(() => {
    if (text === '') return;
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('catalogue.search', { query: text, limit: RESULTS }).then((result) => {
        if (!current) return;
        setFound({ query: text, items: result.ok ? result.value : [] });
        setChosen(0);
      });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  function add(item: CatalogueItem) {
    addCatalogueItem(item);
    setQuery('');
    focusPriceField();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      setQuery('');
      return;
    }
    if (!results || results.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : results.length - 1;
      setChosen((chosen + step) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = results[chosen];
      if (item) add(item);
    }
  }

  return (
    <div className="catalogue-search" data-item-scan="">
      <input
        type="search"
        aria-label={t('catalogue.search')}
        placeholder={t('catalogue.searchHint')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        maxLength={60}
        autoComplete="off"
        spellCheck={false}
      />
      {results && (
        <div className="catalogue-results">
          {results.length === 0 ? (
            <p className="muted">{t('catalogue.noResults', { query: text })}</p>
          ) : (
            <ul aria-label={t('catalogue.results')}>
              {results.map((item, index) => (
                <li key={item.itemId}>
                  <button
                    type="button"
                    className={index === chosen ? 'chosen' : undefined}
                    onClick={() => add(item)}
                  >
                    <span className="catalogue-name">{itemNameIn(item.names, locale)}</span>
                    <span className="muted">{item.sku}</span>
                    <span className="price-button">{format.money(item.priceMinor)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
