import { useCallback } from 'react';
import type { CouponView } from '../../../../shared/domain';
import { useFormat, useT } from '../../i18n/useT';

/** What a coupon gives, in a few words: "10% off", "HK$20.00 off", "Buy 2, get 1 free". */
export function useCouponSummary(): (coupon: CouponView) => string {
  const t = useT();
  const format = useFormat();
  return useCallback(
    (coupon) => {
      const on = coupon.appliesTo ?? '';
      switch (coupon.kind) {
        case 'percent':
          return on
            ? t('coupon.percentOffOn', { percent: format.percent(coupon.percentOff ?? 0), on })
            : t('coupon.percentOff', { percent: format.percent(coupon.percentOff ?? 0) });
        case 'amount':
          return on
            ? t('coupon.amountOffOn', { amount: format.money(coupon.amountOffMinor ?? 0), on })
            : t('coupon.amountOff', { amount: format.money(coupon.amountOffMinor ?? 0) });
        case 'free_item':
          return on ? t('coupon.freeItemOn', { on }) : t('coupon.freeItem');
        case 'buy_x_get_y': {
          const params = {
            buy: format.number(coupon.buyQuantity ?? 1),
            get: format.number(coupon.getQuantity ?? 1),
          };
          return on ? t('coupon.buyGetOn', { ...params, on }) : t('coupon.buyGet', params);
        }
        default: {
          const never: never = coupon.kind;
          return never;
        }
      }
    },
    [t, format],
  );
}
