import { useEffect, useState, type FormEvent } from 'react';
import { TAX_MODES, type StoreTax, type TaxMode } from '../../../../shared/rules/tax';
import { parseTaxPercent, taxPercentText, taxRateLabel } from '../../../../shared/taxPercent';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { approvalFor } from '../../store/approval';
import { useErrorText, useT } from '../../i18n/useT';

/**
 * Settings › Sales tax: whether the shop has no tax, prices that include it, or tax added at the
 * till, and the default rate for open items (shared/rules/tax.ts). A manager's; audited by the core.
 */
export function TaxSection() {
  const t = useT();
  const errorText = useErrorText();
  const managerApproval = useAppStore((s) => s.managerApproval);
  const approval = approvalFor(managerApproval, 'settings');
  const [saved, setSaved] = useState<StoreTax | null>(null);
  const [mode, setMode] = useState<TaxMode>('none');
  const [rate, setRate] = useState('');
  const [rateInvalid, setRateInvalid] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);

  const show = (settings: StoreTax) => {
    setSaved(settings);
    setMode(settings.mode);
    const unset = settings.mode === 'none' && settings.defaultRateBasisPoints === 0;
    setRate(unset ? '' : taxPercentText(settings.defaultRateBasisPoints));
  };

  useEffect(() => {
    void api.invoke('tax.settings', {}).then((answer) => {
      if (answer.ok) show(answer.value);
      else setError(answer.error);
    });
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    // No tax keeps the default rate it had (its field is hidden); a taxed mode needs an exact one.
    const basisPoints =
      mode === 'none' ? (saved?.defaultRateBasisPoints ?? 0) : parseTaxPercent(rate);
    if (basisPoints === null) {
      setRateInvalid(true);
      setError(null);
      return;
    }
    setRateInvalid(false);
    const answer = await api.invoke('tax.configure', {
      settings: { mode, defaultRateBasisPoints: basisPoints },
      ...approval,
    });
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setDone(true);
    show(answer.value);
    // A sale left open on the sale screen is priced again under the new setting.
    void useAppStore.getState().refreshPreview();
  }

  return (
    <section className="card tax-settings" aria-labelledby="settings-tax">
      <h2 id="settings-tax">{t('tax.title')}</h2>
      <p className="hint">{t('tax.explain')}</p>
      {saved && (
        <p data-testid="tax-current">
          {saved.mode === 'none'
            ? t('tax.current.none')
            : t('tax.current', {
                mode: t(`tax.mode.${saved.mode}`),
                rate: taxRateLabel(saved.defaultRateBasisPoints),
              })}
        </p>
      )}
      <form className="form" onSubmit={save} noValidate>
        <fieldset>
          <legend>{t('tax.mode')}</legend>
          {TAX_MODES.map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="tax-mode"
                value={option}
                checked={mode === option}
                onChange={() => setMode(option)}
              />
              {t(`tax.mode.${option}`)}
            </label>
          ))}
        </fieldset>
        {mode !== 'none' && (
          <label>
            {t('tax.defaultRate')}
            <input
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              inputMode="decimal"
              autoComplete="off"
              maxLength={7}
              aria-invalid={rateInvalid}
              aria-describedby="tax-rate-hint"
            />
          </label>
        )}
        {mode !== 'none' && (
          <p className="hint" id="tax-rate-hint">
            {t('tax.defaultRateHint')}
          </p>
        )}
        {rateInvalid && (
          <p className="error" role="alert">
            {t('tax.rateInvalid')}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {errorText(error)}
          </p>
        )}
        {done && (
          <p className="ok" role="status">
            {t('tax.saved')}
          </p>
        )}
        <button type="submit" className="primary">
          {t('tax.save')}
        </button>
      </form>
    </section>
  );
}
