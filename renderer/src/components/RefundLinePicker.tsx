import { useFormat, useT } from '../i18n/useT';
import type { SaleLine } from '../../../shared/domain';
import { lineName } from '../../../shared/lineName';

/** Each line of the sale with what was sold, what is already refunded, and how many to refund. */
export function RefundLinePicker({
  lines,
  quantities,
  onChange,
}: {
  lines: SaleLine[];
  quantities: Record<number, number>;
  onChange(lineNo: number, quantity: number): void;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <table className="refund-lines" aria-label={t('refund.lines')}>
      <thead>
        <tr>
          <th scope="col">{t('sale.description')}</th>
          <th scope="col" className="num">
            {t('refund.sold')}
          </th>
          <th scope="col" className="num">
            {t('refund.toRefund')}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const left = line.quantity - line.refundedQuantity;
          return (
            <tr key={line.lineNo} className={left === 0 ? 'refunded' : undefined}>
              <td>
                {lineName(line, t)}
                <span className="line-details">{format.money(line.netMinor)}</span>
                {line.refundedQuantity > 0 && (
                  <span className="line-details" data-testid="line-refunded">
                    {left === 0
                      ? t('refund.lineDone')
                      : t('refund.lineSome', { count: format.number(line.refundedQuantity) })}
                  </span>
                )}
              </td>
              <td className="num">{format.number(line.quantity)}</td>
              <td className="num">
                {left > 0 ? (
                  <input
                    className="quantity"
                    type="number"
                    min={0}
                    max={left}
                    step={1}
                    value={quantities[line.lineNo] ?? 0}
                    onChange={(e) => {
                      const value = Math.trunc(Number(e.target.value));
                      onChange(
                        line.lineNo,
                        Number.isFinite(value) ? Math.min(Math.max(value, 0), left) : 0,
                      );
                    }}
                    aria-label={t('refund.quantityOf', {
                      description: lineName(line, t),
                      left: format.number(left),
                    })}
                  />
                ) : (
                  '—'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
