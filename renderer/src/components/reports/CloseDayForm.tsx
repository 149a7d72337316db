import { useState, type FormEvent } from 'react';
import type { Report } from '../../../../shared/reports/report';
import { api } from '../../api';
import { useErrorText, useT } from '../../i18n/useT';

/** Closes the business day's Z report with a manager's PIN. */
export function CloseDayForm({
  businessDay,
  onClosed,
}: {
  businessDay: string;
  onClosed: (report: Report) => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

  const close = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.invoke('report.closeDay', { businessDay, managerPin: pin });
    setPin('');
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    setError(null);
    onClosed(result.value);
  };

  return (
    <form className="close-day no-print" onSubmit={(e) => void close(e)}>
      <p className="hint">{t('report.screen.closeHint')}</p>
      <label>
        {t('report.screen.closePin')}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
          required
        />
      </label>
      <button type="submit">{t('report.screen.closeDay')}</button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
