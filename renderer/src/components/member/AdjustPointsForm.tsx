import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import type { AppError } from '../../../../shared/result';
import { FieldError } from '../FieldError';
import { ManagerPinField } from '../staff/ManagerPinField';

/** A manager adds or takes away points by hand, with a reason; the core audits both balances. */
export function AdjustPointsForm({ memberId }: { memberId: string }) {
  const t = useT();
  const format = useFormat();
  const adjustPoints = useAppStore((s) => s.adjustPoints);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const amount = /^[+-]?\d{1,7}$/.test(points.trim()) ? Number(points.trim()) : null;
  const ready = amount !== null && amount !== 0 && reason.trim() !== '' && pin.length >= 4;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (amount === null) return;
    setBusy(true);
    const failure = await adjustPoints({ memberId, points: amount, reason, managerPin: pin });
    setBusy(false);
    setError(failure);
    setPin('');
    if (!failure) {
      setDone(amount);
      setPoints('');
      setReason('');
    } else setDone(null);
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="adjust-title">
      <h2 id="adjust-title">{t('adjust.title')}</h2>
      <div className="row bottom">
        <label>
          {t('adjust.points')}
          <input
            value={points}
            onChange={(e) => setPoints(e.target.value.replace(/[^\d+-]/g, ''))}
            inputMode="text"
            maxLength={8}
            aria-describedby="adjust-hint"
            aria-invalid={points !== '' && (amount === null || amount === 0)}
          />
        </label>
        <ManagerPinField value={pin} onChange={setPin} />
      </div>
      <p className="hint" id="adjust-hint">
        {t('adjust.hint')}
      </p>
      <label>
        {t('adjust.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </label>
      <FieldError error={error} />
      {done !== null && (
        <p className="ok" role="status">
          {t('adjust.done', { points: `${done > 0 ? '+' : ''}${format.points(done)}` })}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !ready}>
        {t('adjust.submit')}
      </button>
    </form>
  );
}
