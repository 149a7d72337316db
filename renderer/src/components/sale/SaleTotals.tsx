import { Fragment } from 'react';
import { useAppStore } from '../../store';
import { offerSize } from '../../../../shared/rules/campaignOffer';
import { useFormat, useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { TenderPanel } from './TenderPanel';

/** Errors the coupon, gift-card and points panels already show beside their own fields. */
function shownElsewhere(error: { code: string; field?: string }): boolean {
  return (
    ['couponCodes', 'giftCardPayments', 'redeemPoints'].includes(error.field ?? '') ||
    /^(coupon_|gift_card_|redeem_|insufficient_points)/.test(error.code)
  );
}

export function SaleTotals() {
  const t = useT();
  const format = useFormat();
  const preview = useAppStore((s) => s.preview);
  const saleError = useAppStore((s) => s.saleError);
  const recording = useAppStore((s) => s.recording);
  const hasMember = useAppStore((s) => s.saleMember !== null);
  const hasLines = useAppStore((s) => s.lines.length > 0);
  const recordSale = useAppStore((s) => s.recordSale);
  const saleId = useAppStore((s) => s.saleId);
  // Cash handed over short of what is due: the sale waits until the amount is right or cleared.
  const cashShort = useAppStore(
    (s) =>
      s.moneyTender === 'cash' &&
      s.cashReceivedMinor !== null &&
      s.cashReceivedMinor < (s.preview?.paidMinor ?? 0),
  );

  return (
    <section className="card totals" aria-label={t('sale.totals')}>
      <dl>
        {preview && preview.discountMinor > 0 && (
          <>
            <dt>{t('sale.subtotal')}</dt>
            <dd data-testid="sale-subtotal">{format.money(preview.subtotalMinor)}</dd>
            {preview.couponDiscounts.map((coupon) => (
              <Fragment key={coupon.code}>
                <dt>{t('sale.couponDiscount', { name: coupon.campaignName })}</dt>
                <dd data-testid="sale-coupon-discount">{format.money(-coupon.discountMinor)}</dd>
              </Fragment>
            ))}
          </>
        )}
        {preview?.taxMode === 'exclusive' && preview.taxMinor !== 0 && (
          <>
            <dt>{t('sale.tax')}</dt>
            <dd data-testid="sale-tax">{format.money(preview.taxMinor)}</dd>
          </>
        )}
        <dt>{t('sale.total')}</dt>
        <dd data-testid="sale-total">{format.money(preview?.totalMinor ?? 0)}</dd>
        {preview?.taxMode === 'inclusive' && preview.taxMinor !== 0 && (
          <>
            <dt className="tax-included">{t('sale.includesTax')}</dt>
            <dd className="tax-included" data-testid="sale-tax-included">
              {format.money(preview.taxMinor)}
            </dd>
          </>
        )}
        {preview && preview.redeemValueMinor > 0 && (
          <>
            <dt>{t('sale.paidWithPoints', { points: format.points(preview.pointsRedeemed) })}</dt>
            <dd>{format.money(-preview.redeemValueMinor)}</dd>
          </>
        )}
        {preview && preview.giftCardMinor > 0 && (
          <>
            <dt>{t('sale.paidWithGiftCards')}</dt>
            <dd data-testid="sale-gift-card">{format.money(-preview.giftCardMinor)}</dd>
          </>
        )}
        <dt className="due">{t('sale.toPay')}</dt>
        <dd className="due" data-testid="sale-to-pay">
          {format.money(preview?.paidMinor ?? 0)}
        </dd>
        {hasMember && preview && (
          <>
            <dt>{t('sale.pointsToEarn')}</dt>
            <dd data-testid="points-to-earn">+{format.points(preview.pointsEarned)}</dd>
          </>
        )}
      </dl>
      {hasMember &&
        preview &&
        (preview.tierPercent !== 100 || preview.promotionPercent !== 100) && (
          <p className="hint earn-factors" data-testid="earn-factors">
            {[
              preview.tierPercent !== 100
                ? t('sale.tierFactor', { percent: format.percent(preview.tierPercent) })
                : '',
              preview.promotionPercent !== 100
                ? t('sale.promotionFactor', { percent: format.percent(preview.promotionPercent) })
                : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        )}
      {hasMember && preview?.campaignOffer && (
        <p className="campaign-offer" data-testid="sale-campaign-offer">
          {t('sale.campaignOffer', {
            size: offerSize(preview.campaignOffer.percent),
            percent: format.percent(preview.campaignOffer.percent),
            to: preview.campaignOffer.to ? format.date(preview.campaignOffer.to) : '',
            campaign: preview.campaignOffer.campaignName,
          })}
        </p>
      )}
      {!hasMember && hasLines && <p className="hint">{t('sale.noMemberHint')}</p>}
      {saleError && !shownElsewhere(saleError) && <FieldError error={saleError} />}
      {saleError && shownElsewhere(saleError) && (
        <p className="field-error">{t('sale.fixBeforeConfirm')}</p>
      )}
      {hasLines && <TenderPanel key={saleId} />}
      <button
        type="button"
        className="primary big"
        disabled={!hasLines || recording || saleError !== null || cashShort}
        onClick={() => void recordSale()}
        aria-keyshortcuts="F9"
      >
        {t('sale.confirm')} <kbd>F9</kbd>
      </button>
    </section>
  );
}
