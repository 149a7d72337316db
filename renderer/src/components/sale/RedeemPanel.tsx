import { useState } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';

/** Part-payment with points: never more than the balance, never more than the sale. */
export function RedeemPanel() {
  const t = useT();
  const format = useFormat();
  const member = useAppStore((s) => s.saleMember);
  const preview = useAppStore((s) => s.preview);
  const redeemPoints = useAppStore((s) => s.redeemPoints);
  const setRedeemPoints = useAppStore((s) => s.setRedeemPoints);
  const [text, setText] = useState('');
  if (!member || !preview) return null;
  if (preview.maxRedeemablePoints === 0 && redeemPoints === 0) {
    return (
      <p className="hint card" data-testid="redeem-unavailable">
        {t('sale.redeemNone')}
      </p>
    );
  }

  function apply(value: string) {
    const digits = value.replace(/\D/g, '').slice(0, 9);
    setText(digits);
    setRedeemPoints(digits === '' ? 0 : Number(digits));
  }

  return (
    <section className="card redeem-panel" aria-label={t('sale.redeem')}>
      <label>
        {t('sale.redeemPoints')}
        <input
          value={text}
          onChange={(e) => apply(e.target.value)}
          inputMode="numeric"
          aria-describedby="redeem-hint"
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
      </p>
      {redeemPoints > 0 && (
        <p>{t('sale.redeemValue', { value: format.money(preview.redeemValueMinor) })}</p>
      )}
    </section>
  );
}
