import { firstNameOf } from '../../../shared/rules/memberDisplay';
import { useEffect, useState } from 'react';
import { useAppStore } from '../store';
import { useFormat, useT } from '../i18n/useT';
import { saleTenders, tendersText } from '../sale/saleTenders';

/** Today's and recent sales, to reprint a receipt or refund a sale. */
export function SalesScreen() {
  const t = useT();
  const format = useFormat();
  const sales = useAppStore((s) => s.recentSales);
  const loadRecentSales = useAppStore((s) => s.loadRecentSales);
  const openReceipt = useAppStore((s) => s.openReceipt);
  const [query, setQuery] = useState('');

  useEffect(() => {
    void loadRecentSales(query.trim() || undefined);
  }, [loadRecentSales, query]);

  return (
    <section aria-labelledby="sales-title">
      <h1 id="sales-title">{t('sales.title')}</h1>
      <label className="search-box">
        {t('sales.search')}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value.slice(0, 40))}
          inputMode="numeric"
          autoFocus
        />
      </label>
      {sales.length === 0 ? (
        <p className="empty">{t('sales.none')}</p>
      ) : (
        <table className="sales" aria-label={t('sales.title')}>
          <thead>
            <tr>
              <th scope="col">{t('sales.number')}</th>
              <th scope="col">{t('member.when')}</th>
              <th scope="col">{t('sale.member')}</th>
              <th scope="col" className="num">
                {t('sale.total')}
              </th>
              <th scope="col">{t('tender.column')}</th>
              <th scope="col">{t('sales.state')}</th>
            </tr>
          </thead>
          <tbody>
            {sales.map((sale) => (
              <tr key={sale.id}>
                <td>
                  <button type="button" className="link" onClick={() => void openReceipt(sale.id)}>
                    {sale.number}
                  </button>
                </td>
                <td>{format.dateTime(sale.createdAt)}</td>
                <td>{sale.member ? firstNameOf(sale.member.name) : '—'}</td>
                <td className="num">{format.money(sale.totalMinor)}</td>
                <td data-testid="sale-tender">
                  {tendersText(saleTenders(sale), t, format.money) ?? '—'}
                </td>
                <td>
                  {sale.kind === 'refund'
                    ? t('sales.isRefund')
                    : sale.refundState === 'full'
                      ? t('sales.refunded')
                      : sale.refundState === 'partial'
                        ? t('sales.partlyRefunded')
                        : t('sales.completed')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
