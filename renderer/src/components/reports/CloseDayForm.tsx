import { useState, type FormEvent } from 'react';
import type { Report } from '../../../../shared/reports/report';
import { api } from '../../api';
import { useErrorText, useFormat, useT } from '../../i18n/useT';
import { PinInput } from '../staff/PinInput';

/**
 * Closes the business day's Z report with a manager's PIN. Before the day has ended the manager
 * ticks "close early" first: what is sold after that goes into the next day's Z.
 */
export function CloseDayForm({
  businessDay,
  endsAt,
  onClosed,
}: {
  businessDay: string;
  /** When the business day ends, if that is still to come. */
  endsAt: string | null;
  onClosed: (report: Report) => void;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const [pin, setPin] = useState('');
  const [early, setEarly] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.invoke('report.closeDay', {
      businessDay,
      managerPin: pin,
      ...(early ? { closeEarly: true } : {}),
    });
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
      {endsAt && (
        <label className="radio">
          <input
            type="checkbox"
            checked={early}
            onChange={(e) => setEarly(e.target.checked)}
            required
          />
          {t('report.screen.closeEarly', { end: format.dateTime(endsAt) })}
        </label>
      )}
      <label>
        {t('report.screen.closePin')}
        <PinInput value={pin} onPin={setPin} autoComplete="off" required />
      </label>
      <button type="submit">{t('report.screen.closeDay')}</button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
