import { useState, type FormEvent } from 'react';
import type { ReportSettings } from '../../../../shared/reports/report';
import { boundaryText } from '../../../../shared/rules/businessDay';
import { api } from '../../api';
import { useErrorText, useT } from '../../i18n/useT';
import { PinInput } from '../staff/PinInput';

/** The manager's setting for when the business day starts, e.g. 04:00. */
export function DayBoundaryForm({
  settings,
  onSaved,
}: {
  settings: ReportSettings;
  onSaved: (settings: ReportSettings) => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [time, setTime] = useState(boundaryText(settings.boundaryMinutes));
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const [h, m] = time.split(':').map(Number);
    const minutes = (h ?? 0) * 60 + (m ?? 0);
    const result = await api.invoke('report.setDayBoundary', {
      boundaryMinutes: minutes,
      managerPin: pin,
    });
    setPin('');
    if (!result.ok) {
      setMessage(errorText(result.error));
      return;
    }
    setMessage(t('report.screen.boundarySaved', { time: boundaryText(minutes) }));
    onSaved(result.value);
  };

  return (
    <form className="day-boundary no-print" onSubmit={(e) => void save(e)}>
      <label>
        {t('report.screen.boundary')}
        <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
      </label>
      <label>
        {t('report.screen.boundaryPin')}
        <PinInput value={pin} onPin={setPin} autoComplete="off" required />
      </label>
      <button type="submit">{t('report.screen.boundarySave')}</button>
      <p className="hint">{t('report.screen.boundaryHint')}</p>
      {message ? <p role="status">{message}</p> : null}
    </form>
  );
}
