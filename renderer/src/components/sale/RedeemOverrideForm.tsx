import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/result';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';

/**
 * A manager lets this sale use more points than head office's offline limit. The PIN stays with
 * this sale only, goes with its preview and record, and the core audits the override.
 */
export function RedeemOverrideForm() {
  const t = useT();
  const approve = useAppStore((s) => s.approveRedeemOverride);
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || pin.length < 4) return;
    setBusy(true);
    const refusal = await approve(pin);
    setBusy(false);
    setPin('');
    setError(refusal);
  }

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('sale.override')}
      </button>
    );
  }
  return (
    <form className="override-form" onSubmit={submit} aria-label={t('sale.override')}>
      <p className="hint" id="override-explain">
        {t('sale.overrideExplain')}
      </p>
      <div className="row bottom">
        <label>
          {t('settings.managerPin')}
          <input
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            // The manager came to the till to type it: the field is ready for them.
            autoFocus
            aria-describedby="override-explain"
            aria-invalid={error !== null}
          />
        </label>
        <button type="submit" className="primary" disabled={pin.length < 4} aria-disabled={busy}>
          {t('sale.overrideApprove')}
        </button>
      </div>
      <FieldError error={error} />
    </form>
  );
}
