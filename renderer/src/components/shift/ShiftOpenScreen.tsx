import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/result';
import { parseAmount } from '../../../../shared/money';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';

/** Before the first sale: count the float into the drawer and open the shift. */
export function ShiftOpenScreen() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const cashier = useAppStore((s) => s.terminal?.cashier.name ?? '');
  const openShift = useAppStore((s) => s.openShift);
  const [float, setFloat] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const floatMinor = parseAmount(float, currency);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || floatMinor === null) return;
    setBusy(true);
    setError(await openShift(floatMinor));
    setBusy(false);
  }

  return (
    <section aria-labelledby="shift-open-title">
      <form className="card form" onSubmit={submit} aria-labelledby="shift-open-title">
        <h1 id="shift-open-title">{t('shift.open.title')}</h1>
        <p className="hint" id="shift-open-explain">
          {t('shift.open.explain', { name: cashier })}
        </p>
        <label>
          {t('shift.open.float', { currency })}
          <input
            value={float}
            onChange={(e) => setFloat(e.target.value)}
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            aria-describedby="shift-open-explain"
            aria-invalid={float !== '' && floatMinor === null}
          />
        </label>
        <FieldError error={error} />
        <button
          type="submit"
          className="primary"
          disabled={floatMinor === null}
          aria-disabled={busy}
        >
          {t('shift.open.submit')}
        </button>
      </form>
    </section>
  );
}
