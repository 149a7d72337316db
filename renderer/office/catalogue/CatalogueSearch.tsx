import { useCallback, useState } from 'react';
import { itemNameIn } from '../../../shared/catalogue';
import type { Currency } from '../../../shared/money';
import type { Program } from '../../../shared/program';
import type { CatalogueItemPage, CategoryView } from '../../../shared/office/catalogue';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';
import { earnPercent, itemEarnRule } from './itemEarnRule';

/** Items by SKU, barcode, a name fragment in any language, or category; a page at a time. */
export function CatalogueSearch(props: {
  categories: CategoryView[];
  currency: Currency;
  /** The head-office program, for the earn rule each item gets (null until read). */
  program: Program | null;
  /** Changes when an item was saved elsewhere on the page: the list is read again. */
  refreshKey: number;
  onOpen: (itemId: string) => void;
}) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const locale = useOfficeStore((s) => s.locale);
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [applied, setApplied] = useState({ q: '', category: '' });
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<CatalogueItemPage | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);

  // Read on open, on a search, on a page change, and after a save elsewhere on the page.
  const { refreshKey } = props;
  const fetchPage = useCallback(() => {
    void refreshKey;
    return call('catalogue.items', {
      query: {
        q: applied.q,
        page,
        ...(applied.category === '' ? {} : { category: applied.category }),
      },
    });
  }, [call, applied, page, refreshKey]);
  const showPage = useCallback((answer: Awaited<ReturnType<typeof fetchPage>>) => {
    setResult(answer.ok ? answer.value : null);
    setError(answer.ok ? null : answer.error);
  }, []);
  useLoader(fetchPage, showPage);

  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  return (
    <section className="card" aria-labelledby="catalogue-items">
      <h2 id="catalogue-items">{t('office.catalogue.results')}</h2>
      <form
        className="office-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setApplied({ q, category });
        }}
      >
        <label>
          {t('office.catalogue.search')}
          <input type="search" value={q} maxLength={80} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          {t('office.catalogue.category')}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('office.catalogue.anyCategory')}</option>
            {props.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {`${c.code} · ${itemNameIn(c.names, locale)}`}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('office.catalogue.find')}</button>
      </form>
      <ErrorNotice error={error} />
      {result && (
        <>
          <p role="status">{t('office.catalogue.total', { count: result.total })}</p>
          {result.items.length === 0 ? (
            <p className="hint">{t('office.catalogue.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('office.catalogue.sku')}</th>
                  <th scope="col">{t('office.catalogue.name')}</th>
                  <th scope="col">{t('office.catalogue.category')}</th>
                  <th scope="col">{t('office.catalogue.price')}</th>
                  <th scope="col">{t('office.catalogue.status')}</th>
                  {props.program && <th scope="col">{t('office.catalogue.earns')}</th>}
                </tr>
              </thead>
              <tbody>
                {result.items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <button
                        type="button"
                        aria-label={t('office.catalogue.edit', { sku: item.sku })}
                        onClick={() => props.onOpen(item.id)}
                      >
                        {item.sku}
                      </button>
                    </td>
                    <td>{itemNameIn(item.names, locale)}</td>
                    <td>{item.categoryCode ?? ''}</td>
                    <td>{format.money(item.listPriceMinor, props.currency)}</td>
                    <td>
                      {item.active ? t('office.catalogue.active') : t('office.catalogue.inactive')}
                    </td>
                    {props.program && (
                      <td>{`${earnPercent(itemEarnRule(item, props.program))}%`}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {pages > 1 && (
            <div className="office-form">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t('office.catalogue.previous')}
              </button>
              <span>{t('office.catalogue.page', { page, pages })}</span>
              <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t('office.catalogue.next')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
