import { useState } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { usablePoints } from '../../sale/redeemLimit';
import { redeemPresets } from '../../../../shared/rules/redeemPresets';
import { OfflineLimitNotice } from './OfflineLimitNotice';

const redeemErrors = new Set([
  'insufficient_points',
  'redeem_exceeds_total',
  'redeem_step',
  'redeem_minimum',
  'member_required',
  'offline_redemption_limit',
]);

/**
 * Part-payment with points: in whole steps, at least the program's minimum, never more than the
 * spendable balance or the share of the sale points may pay, and offline never more than head
 * office's limit unless a manager approves. The core decides; this shows why. Presets (100, 500,
 * max) are offered only where the program would take them as they are.
 */
export function RedeemPanel() {
  const t = useT();
  const format = useFormat();
  const member = useAppStore((s) => s.saleMember);
  const preview = useAppStore((s) => s.preview);
  const redeemPoints = useAppStore((s) => s.redeemPoints);
  const saleError = useAppStore((s) => s.saleError);
  const setRedeemPoints = useAppStore((s) => s.setRedeemPoints);
  const approved = useAppStore((s) => s.overridePin !== null);
  const [text, setText] = useState('');
  if (!member || !preview) return null;
  const max = usablePoints(preview);
  // Offline and capped at nothing: only a manager's approval lets points pay, so no "use max".
  const blocked = preview.offlineLimit !== null && max === 0;
  const presets = redeemPresets(max, {
    step: preview.redeemStep,
    minimum: preview.minimumRedeemPoints,
  });
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
      {(preview.offlineLimit || approved) && <OfflineLimitNotice limit={preview.offlineLimit} />}
      <label>
        {t('sale.redeemPoints')}
        <input
          value={text}
          onChange={(e) => apply(e.target.value)}
          inputMode="numeric"
          data-keypad=""
          aria-describedby={blocked ? undefined : 'redeem-hint'}
          aria-invalid={error !== null}
        />
      </label>
      {!blocked && (
        <>
          <div className="redeem-presets" role="group" aria-label={t('sale.redeemPresets')}>
            {presets
              .filter((preset) => !preset.max)
              .map((preset) => (
                <button
                  key={preset.points}
                  type="button"
                  className={redeemPoints === preset.points ? 'choice active' : 'choice'}
                  aria-pressed={redeemPoints === preset.points}
                  aria-label={t('sale.redeemMax', { points: format.points(preset.points) })}
                  onClick={() => apply(String(preset.points))}
                >
                  {format.points(preset.points)}
                </button>
              ))}
            <button
              type="button"
              className={redeemPoints > 0 && redeemPoints === max ? 'choice active' : 'choice'}
              onClick={() => apply(String(max))}
              disabled={max === 0}
            >
              {t('sale.redeemMax', { points: format.points(max) })}
            </button>
          </div>
          <p className="hint" id="redeem-hint">
            {t('sale.redeemHint', {
              max: format.points(max),
              step: format.points(preview.redeemStep),
            })}
            {preview.minimumRedeemPoints > 0 &&
              ` ${t('sale.redeemMinimum', { minimum: format.points(preview.minimumRedeemPoints) })}`}
          </p>
        </>
      )}
      <FieldError error={error} />
      {redeemPoints > 0 && !error && (
        <p>{t('sale.redeemValue', { value: format.money(preview.redeemValueMinor) })}</p>
      )}
    </section>
  );
}
