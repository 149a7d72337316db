import type { Receipt } from '../../../../shared/domain';
import { useFormat, useT } from '../../i18n/useT';
import { Code39Barcode } from '../Code39Barcode';

/** Coupons used on this sale, and new ones it earned, printed with code and barcode. */
export function ReceiptCoupons({ receipt }: { receipt: Receipt }) {
  const t = useT();
  const format = useFormat();
  const { couponsRedeemed, couponsIssued } = receipt;
  if (couponsRedeemed.length === 0 && couponsIssued.length === 0) return null;
  return (
    <section className="receipt-coupons">
      {couponsRedeemed.length > 0 && (
        <>
          <h2>{t('receipt.couponsRedeemed')}</h2>
          <ul data-testid="receipt-coupons-redeemed">
            {couponsRedeemed.map((coupon) => (
              <li key={coupon.code}>
                {coupon.campaignName} · <span className="code">{coupon.code}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {couponsIssued.length > 0 && (
        <>
          <h2>{t('receipt.couponsIssued')}</h2>
          <ul className="receipt-barcodes" data-testid="receipt-coupons-issued">
            {couponsIssued.map((coupon) => (
              <li key={coupon.code}>
                <p>
                  <strong>{coupon.campaignName}</strong>
                  {coupon.validTo &&
                    ` · ${t('coupon.validTo', { date: format.day(coupon.validTo) })}`}
                </p>
                <Code39Barcode
                  code={coupon.code}
                  label={t('receipt.couponBarcode', { code: coupon.code })}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
