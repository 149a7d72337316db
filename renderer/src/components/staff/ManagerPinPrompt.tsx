import { useId, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/result';
import { useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { ManagerPinField } from './ManagerPinField';

/**
 * Asks a manager for their PIN on the spot: why, the PIN, approve. `approve` sends the PIN with
 * whatever needs it and answers with the core's refusal, if any; the PIN is cleared either way.
 */
export function ManagerPinPrompt({
  title,
  explain,
  submitLabel,
  approve,
  onCancel,
}: {
  title: string;
  explain: string;
  submitLabel: string;
  approve: (pin: string) => Promise<AppError | null>;
  onCancel?: () => void;
}) {
  const t = useT();
  const id = useId();
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

  return (
    <form className="card override-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="hint" id={`${id}-explain`}>
        {explain}
      </p>
      <div className="row bottom">
        <ManagerPinField
          value={pin}
          onChange={setPin}
          autoFocus
          describedBy={`${id}-explain`}
          invalid={error !== null}
        />
        <button type="submit" className="primary" disabled={pin.length < 4} aria-disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      <FieldError error={error} />
    </form>
  );
}
