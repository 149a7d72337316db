import { useEffect, useState, type FormEvent } from 'react';
import type { ShiftSummary } from '../../../../shared/staff';
import type { AppError } from '../../../../shared/result';
import { parseAmount } from '../../../../shared/money';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { useApprovalPin } from '../staff/useApprovalPin';
import { ShiftTenderTable } from './ShiftTenderTable';

/** The manager counts the drawer; a difference from what is expected needs a note. */
export function ShiftCloseForm() {
  const t = useT();
  const format = useFormat();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const loadShift = useAppStore((s) => s.loadShift);
  const managerPin = useApprovalPin('shiftClose');
  const [summary, setSummary] = useState<ShiftSummary | null>(null);
  const [closed, setClosed] = useState<ShiftSummary | null>(null);
  const [counted, setCounted] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.invoke('shift.summary', managerPin ? { managerPin } : {}).then((result) => {
      if (result.ok) setSummary(result.value);
      else setError(result.error);
    });
  }, [managerPin]);

  const countedMinor = parseAmount(counted, currency);
  const difference =
    summary && countedMinor !== null ? countedMinor - summary.expectedCashMinor : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!summary || countedMinor === null || busy) return;
    setBusy(true);
    const result = await api.invoke('shift.close', {
      shiftId: summary.shift.id,
      countedMinor,
      ...(note.trim() ? { note } : {}),
      ...(managerPin ? { managerPin } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setClosed(result.value);
    await loadShift();
  }

  if (closed) {
    return (
      <section className="card" aria-labelledby="shift-closed-title">
        <h2 id="shift-closed-title">{t('shift.close.done')}</h2>
        <p role="status">
          {t('shift.close.doneSummary', {
            counted: format.money(closed.countedMinor ?? 0),
            expected: format.money(closed.expectedCashMinor),
            difference: format.money(closed.differenceMinor ?? 0),
          })}
        </p>
        <ShiftTenderTable summary={closed} />
      </section>
    );
  }
  if (!summary) return <FieldError error={error} />;
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="shift-close-form">
      <h2 id="shift-close-form">
        {t('shift.close.since', {
          time: format.dateTime(summary.shift.openedAt),
          name: summary.shift.openedByName,
        })}
      </h2>
      <dl className="facts">
        <dt>{t('shift.close.float')}</dt>
        <dd>{format.money(summary.shift.floatMinor)}</dd>
        <dt>{t('shift.close.cashSales')}</dt>
        <dd>{format.money(summary.cashSalesMinor)}</dd>
        <dt>{t('shift.close.cashRefunds')}</dt>
        <dd>{format.money(summary.cashRefundsMinor)}</dd>
        <dt>{t('shift.close.expected')}</dt>
        <dd data-testid="shift-expected">{format.money(summary.expectedCashMinor)}</dd>
      </dl>
      <ShiftTenderTable summary={summary} />
      <label>
        {t('shift.close.counted', { currency })}
        <input
          value={counted}
          onChange={(e) => setCounted(e.target.value)}
          inputMode="decimal"
          autoComplete="off"
          autoFocus
          aria-invalid={counted !== '' && countedMinor === null}
        />
      </label>
      {difference !== null && (
        <p className={difference === 0 ? 'ok' : 'field-error'} data-testid="shift-difference">
          {t('shift.close.difference', { amount: format.money(difference) })}
        </p>
      )}
      <label>
        {t('shift.close.note')}
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={300}
          required={difference !== null && difference !== 0}
        />
      </label>
      <FieldError error={error} />
      <button
        type="submit"
        className="primary"
        disabled={countedMinor === null || (difference !== 0 && note.trim() === '')}
        aria-disabled={busy}
      >
        {t('shift.close.submit')}
      </button>
    </form>
  );
}
