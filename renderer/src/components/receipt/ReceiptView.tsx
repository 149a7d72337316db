import { Fragment } from 'react';
import type { Receipt } from '../../../../shared/domain';
import { useFormat, useT } from '../../i18n/useT';
import { ReceiptMember } from './ReceiptMember';
import { ReceiptCoupons } from './ReceiptCoupons';
import { ReceiptGiftCards } from './ReceiptGiftCards';
import { saleTenders, tenderLabels } from '../../sale/saleTenders';
import { lineName } from '../../../../shared/lineName';
import { taxByRate } from '../../../../shared/rules/tax';
import { taxRateLabel } from '../../../../shared/taxPercent';

/**
 * What prints: shop, sale number, lines, discounts, tax per rate and tenders (cash or card, and for cash what
 * was handed over and the change), then the member's points, the
 * coupons used and issued (with barcodes) and the gift cards sold, loaded or paid with.
 */
export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const t = useT();
  const format = useFormat();
  const { sale } = receipt;
  const refund = sale.kind === 'refund';
  // A refund stores negated amounts; the receipt says "refunded" and shows them as positive.
  const shown = (minor: number) => format.money(refund ? Math.abs(minor) : minor);
  const shortfall = Math.abs(sale.pointsShortfallMinor);
  const { payment } = sale;
  const tenders = saleTenders(sale);
  // Money paid is a line of its own unless gift cards or points paid it all: never "Paid 0.00".
  const moneyLine =
    sale.paidMinor !== 0 || (sale.giftCardMinor === 0 && sale.redeemValueMinor === 0);
  // Tax per rate: added before the total, or said to be inside it; a store without tax shows none.
  const taxes = sale.taxMode === 'none' ? [] : taxByRate(sale.lines);
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
                {lineName(line, t)}
                {Math.abs(line.quantity) > 1 &&
                  ` × ${format.number(Math.abs(line.quantity))} @ ${format.money(line.unitPriceMinor)}`}
              </td>
              <td className="num">{shown(line.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="receipt-totals">
        {sale.discountMinor !== 0 && (
          <>
            <dt>{t('sale.subtotal')}</dt>
            <dd>{shown(sale.subtotalMinor)}</dd>
            {receipt.couponsRedeemed.map((coupon) => (
              <Fragment key={coupon.code}>
                <dt>{t('sale.couponDiscount', { name: coupon.campaignName })}</dt>
                <dd data-testid="receipt-coupon-discount">
                  {format.money(-Math.abs(coupon.discountMinor))}
                </dd>
              </Fragment>
            ))}
          </>
        )}
        {sale.taxMode === 'exclusive' &&
          taxes.map((tax) => (
            <Fragment key={tax.rateBasisPoints}>
              <dt>{t('receipt.taxAtRate', { rate: taxRateLabel(tax.rateBasisPoints) })}</dt>
              <dd data-testid="receipt-tax">{shown(tax.taxMinor)}</dd>
            </Fragment>
          ))}
        <dt>{t('sale.total')}</dt>
        <dd data-testid="receipt-total">{shown(sale.totalMinor)}</dd>
        {sale.taxMode === 'inclusive' &&
          taxes.map((tax) => (
            <Fragment key={tax.rateBasisPoints}>
              <dt>{t('receipt.includesTaxAtRate', { rate: taxRateLabel(tax.rateBasisPoints) })}</dt>
              <dd data-testid="receipt-tax-included">{shown(tax.taxMinor)}</dd>
            </Fragment>
          ))}
        {sale.pointsRedeemed !== 0 && (
          <>
            <dt>
              {t('sale.paidWithPoints', { points: format.points(Math.abs(sale.pointsRedeemed)) })}
            </dt>
            <dd>{format.money(-Math.abs(sale.redeemValueMinor))}</dd>
          </>
        )}
        {sale.giftCardMinor !== 0 && (
          <>
            <dt>{t('sale.paidWithGiftCards')}</dt>
            <dd data-testid="receipt-gift-card">{format.money(-Math.abs(sale.giftCardMinor))}</dd>
          </>
        )}
        {shortfall > 0 && (
          <>
            <dt>{t('receipt.shortfall')}</dt>
            <dd data-testid="receipt-shortfall">{format.money(-shortfall)}</dd>
          </>
        )}
        {moneyLine && (
          <>
            <dt>{refund ? t('receipt.refunded') : t('receipt.paid')}</dt>
            <dd data-testid="receipt-paid">{shown(sale.paidMinor)}</dd>
          </>
        )}
        {tenders.length > 0 && (
          <>
            <dt>{refund ? t('tender.refundedBy') : t('tender.paidBy')}</dt>
            <dd data-testid="receipt-tender">
              {tenders.map((part) => t(tenderLabels[part.kind])).join(' + ')}
            </dd>
          </>
        )}
        {payment && payment.cashReceivedMinor !== null && (
          <>
            <dt>{t('tender.received')}</dt>
            <dd data-testid="receipt-cash-received">{format.money(payment.cashReceivedMinor)}</dd>
            <dt>{t('tender.changeGiven')}</dt>
            <dd data-testid="receipt-change">{format.money(payment.changeMinor ?? 0)}</dd>
          </>
        )}
      </dl>
      {sale.member && <ReceiptMember receipt={receipt} />}
      <ReceiptCoupons receipt={receipt} />
      <ReceiptGiftCards receipt={receipt} />
      {refund && sale.reason && <p>{t('receipt.reason', { reason: sale.reason })}</p>}
      <footer>{t('receipt.thanks')}</footer>
    </article>
  );
}
