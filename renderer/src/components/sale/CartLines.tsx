import { Fragment, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { focusPriceField } from '../../sale/focusPriceField';
import { lineName } from '../../../../shared/lineName';
import { LinePriceForm } from './LinePriceForm';

/**
 * The sale's lines, in a list that scrolls inside its own box so the pay panel never moves. Each
 * line can be edited by touch: one fewer or one more, a new price (with a manager's PIN), or gone.
 */
export function CartLines() {
  const t = useT();
  const format = useFormat();
  const lines = useAppStore((s) => s.lines);
  const pricedLines = useAppStore((s) => s.preview?.lines);
  const removeLine = useAppStore((s) => s.removeLine);
  const setLineQuantity = useAppStore((s) => s.setLineQuantity);
  const [repricing, setRepricing] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const shown = useRef(lines.length);
  // A line just added is in view: the list scrolls to it, never the page.
  useEffect(() => {
    if (lines.length > shown.current && list.current) {
      list.current.scrollTop = list.current.scrollHeight;
    }
    shown.current = lines.length;
  }, [lines.length]);
  if (lines.length === 0) return <p className="empty">{t('sale.empty')}</p>;
  // The preview prices the same lines in the same order; a stale one is simply not used.
  const priced = pricedLines?.length === lines.length ? pricedLines : undefined;
  return (
    <div className="lines-scroll" data-testid="sale-lines" ref={list}>
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
            // A gift card's value is what was loaded on it: not a price to change or multiply.
            const goods = line.kind === 'goods';
            return (
              <Fragment key={line.key}>
                <tr>
                  <td>
                    {name}
                    {details.length > 0 && (
                      <span className="line-details">{details.join(' · ')}</span>
                    )}
                  </td>
                  <td className="num">
                    <span className="stepper">
                      {goods && (
                        <button
                          type="button"
                          className="small"
                          disabled={line.quantity <= 1}
                          aria-label={t('sale.lineFewer', { description: name })}
                          onClick={() => setLineQuantity(line.key, line.quantity - 1)}
                        >
                          −
                        </button>
                      )}
                      <span className="quantity">{format.number(line.quantity)}</span>
                      {goods && (
                        <button
                          type="button"
                          className="small"
                          disabled={line.quantity >= 9999}
                          aria-label={t('sale.lineMore', { description: name })}
                          onClick={() => setLineQuantity(line.key, line.quantity + 1)}
                        >
                          +
                        </button>
                      )}
                    </span>
                  </td>
                  <td className="num">
                    {goods ? (
                      <button
                        type="button"
                        className="small price-button"
                        aria-expanded={repricing === line.key}
                        onClick={() => setRepricing(repricing === line.key ? null : line.key)}
                      >
                        {/* The name says what the button does and keeps the price it shows. */}
                        <span className="sr-only">
                          {t('sale.changePrice', { description: name })}{' '}
                        </span>
                        {format.money(line.unitPriceMinor)}
                      </button>
                    ) : (
                      format.money(line.unitPriceMinor)
                    )}
                  </td>
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
                        if (repricing === line.key) setRepricing(null);
                        focusPriceField();
                      }}
                      aria-label={t('sale.removeLine', { description: name })}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
                {repricing === line.key && (
                  <tr className="line-price-row">
                    <td colSpan={5}>
                      <LinePriceForm
                        line={line}
                        name={name}
                        onDone={() => {
                          setRepricing(null);
                          focusPriceField();
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
