import { useState } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';

const redeemErrors = new Set([
  'insufficient_points',
  'redeem_exceeds_total',
  'redeem_step',
  'redeem_minimum',
  'member_required',
]);

/**
 * Part-payment with points: in whole steps, at least the program's minimum, never more than the
 * spendable balance or the share of the sale points may pay. The core decides; this shows why.
 */
export function RedeemPanel() {
  const t = useT();
  const format = useFormat();
  const member = useAppStore((s) => s.saleMember);
  const preview = useAppStore((s) => s.preview);
  const redeemPoints = useAppStore((s) => s.redeemPoints);
  const saleError = useAppStore((s) => s.saleError);
  const setRedeemPoints = useAppStore((s) => s.setRedeemPoints);
  const [text, setText] = useState('');
  if (!member || !preview) return null;
  if (preview.maxRedeemablePoints === 0 && redeemPoints === 0) {
    return (
      <p className="hint card" data-testid="redeem-unavailable">
        {preview.minimumRedeemPoints > 0
          ? t('sale.redeemNoneMinimum', { minimum: format.points(preview.minimumRedeemPoints) })
          : t('sale.redeemNone')}
      </p>
    );
  }

  function apply(value: string) {
    const digits = value.replace(/\D/g, '').slice(0, 9);
    setText(digits);
    setRedeemPoints(digits === '' ? 0 : Number(digits));
  }

  const error =
    saleError && (saleError.field === 'redeemPoints' || redeemErrors.has(saleError.code))
      ? saleError
      : null;

  return (
    <section className="card redeem-panel" aria-label={t('sale.redeem')}>
      <label>
        {t('sale.redeemPoints')}
        <input
          value={text}
          onChange={(e) => apply(e.target.value)}
          inputMode="numeric"
          aria-describedby="redeem-hint"
          aria-invalid={error !== null}
        />
      </label>
      <button
        type="button"
        onClick={() => apply(String(preview.maxRedeemablePoints))}
        disabled={preview.maxRedeemablePoints === 0}
      >
        {t('sale.redeemMax', { points: format.points(preview.maxRedeemablePoints) })}
      </button>
      <p className="hint" id="redeem-hint">
        {t('sale.redeemHint', {
          max: format.points(preview.maxRedeemablePoints),
          step: format.points(preview.redeemStep),
        })}
        {preview.minimumRedeemPoints > 0 &&
          ` ${t('sale.redeemMinimum', { minimum: format.points(preview.minimumRedeemPoints) })}`}
      </p>
      <FieldError error={error} />
      {redeemPoints > 0 && !error && (
        <p>{t('sale.redeemValue', { value: format.money(preview.redeemValueMinor) })}</p>
      )}
    </section>
  );
}
