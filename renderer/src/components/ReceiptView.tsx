import type { Receipt } from '../../../shared/domain';
import { formatCardNumber } from '../../../shared/card';
import { useFormat, useT } from '../i18n/useT';

/** What prints: shop, sale number, lines, payment, points won and spent, and the new balance. */
export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const t = useT();
  const format = useFormat();
  const { sale } = receipt;
  const refund = sale.kind === 'refund';
  return (
    <article className="receipt print-area" aria-labelledby="receipt-title">
      <header>
        <h1 id="receipt-title">{receipt.storeName}</h1>
        <p>{refund ? t('receipt.refundTitle') : t('receipt.saleTitle')}</p>
        <p>
          {t('receipt.number', { number: sale.number })} · {format.dateTime(sale.createdAt)}
        </p>
        <p>
          {receipt.terminalName} · {t('topBar.cashier', { name: sale.cashierName })}
        </p>
      </header>
      <table className="receipt-lines">
        <tbody>
          {sale.lines.map((line) => (
            <tr key={line.lineNo}>
              <td>
                {line.description}
                {Math.abs(line.quantity) > 1 &&
                  ` × ${format.number(line.quantity)} @ ${format.money(line.unitPriceMinor)}`}
              </td>
              <td className="num">{format.money(line.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="receipt-totals">
        <dt>{t('sale.total')}</dt>
        <dd data-testid="receipt-total">{format.money(sale.totalMinor)}</dd>
        {sale.pointsRedeemed !== 0 && (
          <>
            <dt>
              {t('sale.paidWithPoints', { points: format.points(Math.abs(sale.pointsRedeemed)) })}
            </dt>
            <dd>{format.money(-sale.redeemValueMinor)}</dd>
          </>
        )}
        <dt>{refund ? t('receipt.refunded') : t('receipt.paid')}</dt>
        <dd data-testid="receipt-paid">{format.money(sale.paidMinor)}</dd>
      </dl>
      {sale.member && (
        <section className="receipt-member">
          <p>
            {sale.member.name} · {formatCardNumber(sale.member.cardNumber)}
          </p>
          {sale.pointsEarned !== 0 && (
            <p data-testid="receipt-points-earned">
              {refund
                ? t('receipt.pointsReversed', {
                    points: format.points(Math.abs(sale.pointsEarned)),
                  })
                : t('receipt.pointsEarned', { points: format.points(sale.pointsEarned) })}
            </p>
          )}
          {sale.pointsRedeemed !== 0 && (
            <p>
              {refund
                ? t('receipt.pointsReturned', {
                    points: format.points(Math.abs(sale.pointsRedeemed)),
                  })
                : t('receipt.pointsSpent', { points: format.points(sale.pointsRedeemed) })}
            </p>
          )}
          {receipt.balanceAfter !== null && (
            <p className="balance" data-testid="receipt-balance">
              {t('member.balance', { points: format.points(receipt.balanceAfter) })}
            </p>
          )}
        </section>
      )}
      {refund && sale.reason && <p>{t('receipt.reason', { reason: sale.reason })}</p>}
      <footer>{t('receipt.thanks')}</footer>
    </article>
  );
}
