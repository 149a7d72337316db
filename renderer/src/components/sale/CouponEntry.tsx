import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useErrorText, useFormat, useT } from '../../i18n/useT';
import type { AppError } from '../../../../shared/result';

/**
 * Scan or type a coupon code. A coupon the core refuses is not applied and the reason shows; an
 * applied coupon shows what it takes off, or why this basket no longer allows it.
 */
export function CouponEntry() {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const couponCodes = useAppStore((s) => s.couponCodes);
  const discounts = useAppStore((s) => s.preview?.couponDiscounts);
  const saleError = useAppStore((s) => s.saleError);
  const applyCoupon = useAppStore((s) => s.applyCoupon);
  const removeCoupon = useAppStore((s) => s.removeCoupon);
  const [code, setCode] = useState('');
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (code.trim() === '') return;
    setBusy(true);
    const error = await applyCoupon(code);
    setBusy(false);
    setRefusal(error);
    if (!error) setCode('');
  }

  return (
    <section className="card coupon-entry" aria-labelledby="coupon-entry-title">
      <h2 id="coupon-entry-title">{t('sale.coupons')}</h2>
      <form className="inline-form" onSubmit={submit}>
        <label>
          {t('sale.couponCode')}
          <input
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setRefusal(null);
            }}
            maxLength={20}
            autoComplete="off"
            spellCheck={false}
            placeholder="CPXX-XXXX-XXXX"
            aria-invalid={refusal !== null}
            aria-describedby={refusal ? 'coupon-refusal' : undefined}
          />
        </label>
        <button type="submit" disabled={busy || code.trim() === ''}>
          {t('sale.applyCoupon')}
        </button>
      </form>
      {refusal && (
        <p className="field-error" role="alert" id="coupon-refusal" data-testid="coupon-refusal">
          {errorText(refusal)}
        </p>
      )}
      {/* A coupon refusal about no coupon listed here (the basket as a whole) still shows. */}
      {saleError &&
        (saleError.field === 'couponCodes' || saleError.code.startsWith('coupon_')) &&
        !couponCodes.includes(String(saleError.details?.code ?? '')) && (
          <p className="field-error" role="alert">
            {errorText(saleError)}
          </p>
        )}
      {couponCodes.length > 0 && (
        <ul className="coupon-list" aria-label={t('sale.appliedCoupons')}>
          {couponCodes.map((applied) => {
            const discount = discounts?.find((d) => d.code === applied);
            const problem = saleError?.details?.code === applied ? saleError : null;
            return (
              <li key={applied} data-testid="applied-coupon">
                <div>
                  <strong className="code">{applied}</strong>
                  {discount && <span>{discount.campaignName}</span>}
                  {problem && (
                    <span className="field-error" role="alert">
                      {errorText(problem)}
                    </span>
                  )}
                </div>
                {discount && (
                  <span className="num" data-testid="coupon-discount">
                    {format.money(-discount.discountMinor)}
                  </span>
                )}
                <button
                  type="button"
                  onClick={() => removeCoupon(applied)}
                  aria-label={t('sale.removeCoupon', { code: applied })}
                >
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
