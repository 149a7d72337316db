import { useState } from 'react';
import { useAppStore } from '../../store';
import { useErrorText, useFormat, useT } from '../../i18n/useT';
import type { AppError } from '../../../../shared/result';
import { useCouponSummary } from '../loyalty/useCouponSummary';

/** The attached member's usable coupons, each one button press from this sale. */
export function MemberCouponList() {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const summary = useCouponSummary();
  const coupons = useAppStore((s) => s.memberLoyalty?.coupons);
  const applied = useAppStore((s) => s.couponCodes);
  const applyCoupon = useAppStore((s) => s.applyCoupon);
  const [refused, setRefused] = useState<{ code: string; error: AppError } | null>(null);
  const usable = (coupons ?? []).filter((c) => c.state === 'usable' && !applied.includes(c.code));
  if (usable.length === 0) return null;

  async function apply(code: string) {
    const error = await applyCoupon(code);
    setRefused(error ? { code, error } : null);
  }

  return (
    <div className="member-coupons">
      <h3 id="member-coupons-title">{t('sale.memberCoupons')}</h3>
      <ul className="coupon-list" aria-labelledby="member-coupons-title">
        {usable.map((coupon) => (
          <li key={coupon.id}>
            <div>
              <strong>{coupon.campaignName}</strong>
              <span className="hint">
                {summary(coupon)}
                {coupon.validTo
                  ? ` · ${t('coupon.validTo', { date: format.day(coupon.validTo) })}`
                  : ''}
              </span>
              {refused?.code === coupon.code && (
                <span className="field-error" role="alert">
                  {errorText(refused.error)}
                </span>
              )}
            </div>
            <button
              type="button"
              onClick={() => void apply(coupon.code)}
              aria-label={t('sale.applyCouponNamed', { name: coupon.campaignName })}
            >
              {t('sale.applyCoupon')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
