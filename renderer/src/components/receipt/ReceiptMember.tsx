import type { Receipt } from '../../../../shared/domain';
import { formatCardNumber } from '../../../../shared/card';
import { offerSize } from '../../../../shared/rules/campaignOffer';
import { useFormat, useT } from '../../i18n/useT';

/** The member's part of the receipt: points won (and pending), spent, balance and tier. */
export function ReceiptMember({ receipt }: { receipt: Receipt }) {
  const t = useT();
  const format = useFormat();
  const { sale } = receipt;
  const refund = sale.kind === 'refund';
  if (!sale.member) return null;
  return (
    <section className="receipt-member">
      <p>
        {sale.member.name} · {formatCardNumber(sale.member.cardNumber)}
      </p>
      {receipt.tierName && (
        <p data-testid="receipt-tier">{t('receipt.tier', { tier: receipt.tierName })}</p>
      )}
      {receipt.tierUpgrade && (
        <p className="receipt-upgrade" data-testid="receipt-tier-upgrade">
          {t('receipt.upgraded', { tier: receipt.tierUpgrade.to })}
        </p>
      )}
      {sale.pointsEarned !== 0 && (
        <p data-testid="receipt-points-earned">
          {refund
            ? t('receipt.pointsReversed', { points: format.points(Math.abs(sale.pointsEarned)) })
            : t('receipt.pointsEarned', { points: format.points(sale.pointsEarned) })}
        </p>
      )}
      {!refund && receipt.campaignOffer && (
        <p data-testid="receipt-campaign-offer">
          {t('receipt.campaignOffer', {
            size: offerSize(receipt.campaignOffer.percent),
            percent: format.percent(receipt.campaignOffer.percent),
            campaign: receipt.campaignOffer.campaignName,
          })}
        </p>
      )}
      {!refund && sale.pointsPending > 0 && (
        <p data-testid="receipt-points-pending">
          {t('receipt.pointsPending', { points: format.points(sale.pointsPending) })}
        </p>
      )}
      {sale.pointsRedeemed !== 0 && (
        <p>
          {refund
            ? t('receipt.pointsReturned', { points: format.points(Math.abs(sale.pointsRedeemed)) })
            : t('receipt.pointsSpent', { points: format.points(sale.pointsRedeemed) })}
        </p>
      )}
      {receipt.balanceAfter !== null && (
        <dl className="receipt-totals">
          <div className="balance" data-testid="receipt-balance-line">
            <dt>{t('receipt.balanceLabel')}</dt>
            <dd data-testid="receipt-balance">
              {t('member.balance', { points: format.points(receipt.balanceAfter) })}
            </dd>
          </div>
        </dl>
      )}
      {receipt.debtAfter !== null && receipt.debtAfter > 0 && (
        <p className="negative" data-testid="receipt-debt">
          {t('receipt.debtAfter', { points: format.points(receipt.debtAfter) })}
        </p>
      )}
      {receipt.pendingAfter !== null && receipt.pendingAfter > 0 && (
        <p data-testid="receipt-pending">
          {t('receipt.pendingAfter', { points: format.points(receipt.pendingAfter) })}
        </p>
      )}
    </section>
  );
}
