import { useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/result';
import { amountToInput, parseAmount } from '../../../../shared/money';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { ManagerPinField } from './ManagerPinField';

/** The store's refund limit: above it a cashier's refund needs a manager's PIN. */
export function RefundLimitForm() {
  const t = useT();
  const format = useFormat();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const [current, setCurrent] = useState<number | null>(null);
  const [limit, setLimit] = useState('');
  const [managerPin, setManagerPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const limitMinor = parseAmount(limit, currency);

  useEffect(() => {
    void api.invoke('policy.get', {}).then((result) => {
      if (!result.ok) return;
      setCurrent(result.value.refundLimitMinor);
      setLimit(amountToInput(result.value.refundLimitMinor, currency));
    });
  }, [currency]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (limitMinor === null || managerPin.length < 4) return;
    const result = await api.invoke('policy.setRefundLimit', {
      refundLimitMinor: limitMinor,
      managerPin,
    });
    setManagerPin('');
    setError(result.ok ? null : result.error);
    setSaved(result.ok);
    if (result.ok) setCurrent(result.value.refundLimitMinor);
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="refund-limit-title">
      <h2 id="refund-limit-title">{t('staff.refundLimit.title')}</h2>
      <p className="hint">
        {current === null
          ? t('app.loading')
          : t('staff.refundLimit.explain', { amount: format.money(current) })}
      </p>
      <label>
        {t('staff.refundLimit.amount', { currency })}
        <input
          value={limit}
          onChange={(e) => {
            setLimit(e.target.value);
            setSaved(false);
          }}
          inputMode="decimal"
          aria-invalid={limit !== '' && limitMinor === null}
        />
      </label>
      <ManagerPinField value={managerPin} onChange={setManagerPin} />
      <FieldError error={error} />
      {saved && (
        <p className="ok" role="status">
          {t('settings.saved')}
        </p>
      )}
      <button
        type="submit"
        className="primary"
        disabled={limitMinor === null || managerPin.length < 4}
      >
        {t('staff.refundLimit.save')}
      </button>
    </form>
  );
}
