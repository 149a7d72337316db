import { useState } from 'react';
import { parseAmount, type Currency } from '../../../shared/money';
import type { CatalogueItemView } from '../../../shared/office/catalogue';
import type { StoreView } from '../../../shared/office/stores';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

/** A store's own price of the item (its terminals sell at it), set or cleared per store. */
export function StorePrices(props: {
  item: CatalogueItemView;
  stores: StoreView[];
  currency: Currency;
  canEdit: boolean;
  onChange: (item: CatalogueItemView) => void;
}) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const [storeId, setStoreId] = useState('');
  const [price, setPrice] = useState('');
  const [priceWrong, setPriceWrong] = useState(false);
  const [error, setError] = useState<OfficeError | null>(null);
  const chosenStore = storeId || (props.stores[0]?.id ?? '');

  async function setStorePrice() {
    const priceMinor = parseAmount(price, props.currency);
    setPriceWrong(priceMinor === null);
    if (priceMinor === null || chosenStore === '') return;
    const answer = await call('catalogue.setStorePrice', {
      params: { id: props.item.id, storeId: chosenStore },
      body: { priceMinor },
    });
    setError(answer.ok ? null : answer.error);
    if (answer.ok) {
      setPrice('');
      props.onChange(answer.value);
    }
  }

  async function clear(store: string) {
    const answer = await call('catalogue.clearStorePrice', {
      params: { id: props.item.id, storeId: store },
    });
    setError(answer.ok ? null : answer.error);
    if (answer.ok) props.onChange(answer.value);
  }

  return (
    <div aria-labelledby="store-prices-title">
      <h3 id="store-prices-title">{t('office.catalogue.storePrices.title')}</h3>
      <p className="hint">{t('office.catalogue.storePrices.hint')}</p>
      {props.item.storePrices.length === 0 ? (
        <p className="hint">{t('office.catalogue.storePrices.none')}</p>
      ) : (
        <ul>
          {props.item.storePrices.map((p) => (
            <li key={p.storeId}>
              {`${p.storeName}: ${format.money(p.priceMinor, props.currency)} `}
              {props.canEdit && (
                <button
                  type="button"
                  aria-label={t('office.catalogue.storePrices.clear', { store: p.storeName })}
                  onClick={() => void clear(p.storeId)}
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canEdit && props.stores.length > 0 && (
        <form
          className="office-form"
          onSubmit={(e) => {
            e.preventDefault();
            void setStorePrice();
          }}
        >
          <label>
            {t('office.catalogue.storePrices.store')}
            <select value={chosenStore} onChange={(e) => setStoreId(e.target.value)}>
              {props.stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.catalogue.storePrices.price', { currency: props.currency })}
            <input
              value={price}
              inputMode="decimal"
              aria-invalid={priceWrong || undefined}
              onChange={(e) => setPrice(e.target.value)}
            />
          </label>
          <button type="submit">{t('office.catalogue.storePrices.set')}</button>
        </form>
      )}
      {priceWrong && (
        <p role="alert" className="field-error">
          {t('office.catalogue.item.priceInvalid')}
        </p>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
