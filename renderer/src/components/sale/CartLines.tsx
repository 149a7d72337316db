import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { focusPriceField } from '../../sale/focusPriceField';
import { lineName } from '../../sale/lineName';

export function CartLines() {
  const t = useT();
  const format = useFormat();
  const lines = useAppStore((s) => s.lines);
  const pricedLines = useAppStore((s) => s.preview?.lines);
  const removeLine = useAppStore((s) => s.removeLine);
  if (lines.length === 0) return <p className="empty">{t('sale.empty')}</p>;
  // The preview prices the same lines in the same order; a stale one is simply not used.
  const priced = pricedLines?.length === lines.length ? pricedLines : undefined;
  return (
    <table className="lines" aria-label={t('sale.lines')}>
      <thead>
        <tr>
          <th scope="col">{t('sale.description')}</th>
          <th scope="col" className="num">
            {t('sale.quantity')}
          </th>
          <th scope="col" className="num">
            {t('sale.unitPrice')}
          </th>
          <th scope="col" className="num">
            {t('sale.amount')}
          </th>
          <th scope="col">
            <span className="sr-only">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => {
          const discount = priced?.[index]?.discountMinor ?? 0;
          const details = [
            line.kind === 'gift_card' ? t('sale.kindGiftCard') : '',
            line.kind === 'gift_card_topup' ? t('sale.kindTopUp') : '',
            line.sku ?? '',
            line.category ?? '',
          ].filter(Boolean);
          const name = lineName(line, t);
          return (
            <tr key={line.key}>
              <td>
                {name}
                {details.length > 0 && <span className="line-details">{details.join(' · ')}</span>}
              </td>
              <td className="num">{format.number(line.quantity)}</td>
              <td className="num">{format.money(line.unitPriceMinor)}</td>
              <td className="num">
                {format.money(line.unitPriceMinor * line.quantity)}
                {discount > 0 && (
                  <span className="line-details">
                    {t('sale.lineDiscount', { amount: format.money(-discount) })}
                  </span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    removeLine(line.key);
                    focusPriceField();
                  }}
                  aria-label={t('sale.removeLine', { description: name })}
                >
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
