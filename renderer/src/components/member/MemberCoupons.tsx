import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import type { MessageKey } from '../../../../shared/i18n';
import { useCouponSummary } from '../loyalty/useCouponSummary';

/** The member's coupons, usable first, each with what it gives, until when, and its state. */
export function MemberCoupons() {
  const t = useT();
  const format = useFormat();
  const summary = useCouponSummary();
  const coupons = useAppStore((s) => s.loyalty?.coupons);
  if (!coupons) return null;
  if (coupons.length === 0) return <p className="empty">{t('member.noCoupons')}</p>;
  const sorted = [...coupons].sort(
    (a, b) => Number(b.state === 'usable') - Number(a.state === 'usable'),
  );
  return (
    <table className="coupons" aria-label={t('member.coupons')}>
      <thead>
        <tr>
          <th scope="col">{t('member.couponCampaign')}</th>
          <th scope="col">{t('member.couponCode')}</th>
          <th scope="col">{t('member.couponValid')}</th>
          <th scope="col">{t('member.couponState')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((coupon) => (
          <tr key={coupon.id} data-testid="member-coupon">
            <td>
              {coupon.campaignName}
              <span className="line-details">
                {summary(coupon)} · {t(`coupon.source.${coupon.source}` as MessageKey)}
              </span>
            </td>
            <td className="code">{coupon.code}</td>
            <td>
              {coupon.validFrom && coupon.validTo
                ? `${format.day(coupon.validFrom)} – ${format.day(coupon.validTo)}`
                : coupon.validTo
                  ? t('member.couponUntil', { date: format.day(coupon.validTo) })
                  : coupon.validFrom
                    ? t('member.couponFrom', { date: format.day(coupon.validFrom) })
                    : t('member.couponNoEnd')}
            </td>
            <td>
              <span className={`state state-${coupon.state}`} data-testid="coupon-state">
                {t(`coupon.state.${coupon.state}` as MessageKey)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
