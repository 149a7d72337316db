import { useState } from 'react';
import { api } from '../../api';
import { useFormat, useT } from '../../i18n/useT';
import type { ComplaintView } from '../../../../shared/api/complaint';
import type { AppError } from '../../../../shared/result';
import { isOpenStatus, type ComplaintStep } from '../../../../shared/rules/complaint';
import { FieldError } from '../FieldError';
import { ManagerPinField } from '../staff/ManagerPinField';

type ScreenStep = Exclude<ComplaintStep, 'assigned'>;

function nextSteps(c: ComplaintView): ScreenStep[] {
  switch (c.status) {
    case 'open':
      return [
        'acknowledged',
        'started',
        'responded',
        ...(c.escalated ? [] : ['escalated' as const]),
        'resolved',
      ];
    case 'acknowledged':
      return ['started', 'responded', ...(c.escalated ? [] : ['escalated' as const]), 'resolved'];
    case 'in_progress':
      return ['responded', ...(c.escalated ? [] : ['escalated' as const]), 'resolved'];
    case 'resolved':
      return ['responded', 'closed', 'reopened'];
    case 'closed':
      return ['reopened'];
  }
}

/** One complaint for the manager: its facts, deadlines, every event, and the next steps. */
export function ComplaintCard({
  complaint,
  onChange,
}: {
  complaint: ComplaintView;
  onChange: (c: ComplaintView) => void;
}) {
  const t = useT();
  const format = useFormat();
  const [note, setNote] = useState('');
  const [pin, setPin] = useState('');
  const [points, setPoints] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const c = complaint;

  async function step(s: ScreenStep) {
    const result = await api.invoke('complaint.step', {
      complaintId: c.complaintId,
      step: s,
      note,
      ...(pin ? { managerPin: pin } : {}),
    });
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setNote('');
      onChange(result.value);
    }
  }

  async function goodwill() {
    const result = await api.invoke('complaint.goodwill', {
      complaintId: c.complaintId,
      points: Number(points),
      campaignId: null,
      note,
      managerPin: pin,
    });
    setError(result.ok ? null : result.error);
    setPin('');
    if (result.ok) {
      setPoints('');
      onChange(result.value);
    }
  }

  return (
    <article
      className={c.breached ? 'card complaint breached' : 'card complaint'}
      data-testid="complaint"
    >
      <header className="row">
        <strong className="code">{c.details.ticket}</strong>
        <span>{t(`complaint.status.${c.status}`)}</span>
        <span>{t(`complaint.severity.${c.details.severity}`)}</span>
        <span>{t(`complaint.category.${c.details.category}`)}</span>
        {c.escalated && <span className="badge">{t('complaint.escalated')}</span>}
        {c.breached && (
          <span className="badge warning" data-testid="complaint-breached">
            {t('complaint.breached')}
          </span>
        )}
      </header>
      <p>{c.details.whatHappened}</p>
      {c.details.customerWants && <p className="hint">{c.details.customerWants}</p>}
      {isOpenStatus(c.status) && (
        <p className="hint">
          {t('complaint.dueFirst', { when: format.dateTime(c.firstResponseDueAt) })} ·{' '}
          {t('complaint.dueResolve', { when: format.dateTime(c.resolutionDueAt) })}
        </p>
      )}
      {c.goodwillCostMinor > 0 && (
        <p>{t('complaint.goodwill.cost', { amount: format.money(c.goodwillCostMinor) })}</p>
      )}
      <ol className="complaint-events">
        {c.events.map((e) => (
          <li key={e.id}>
            {format.dateTime(e.at)} · {t(`complaint.event.${e.kind}`)}
            {e.origin === 'head_office' && ` (${t('complaint.fromHeadOffice')})`}
            {e.note && `: ${e.note}`}
          </li>
        ))}
      </ol>
      <label>
        {t('complaint.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      </label>
      <ManagerPinField value={pin} onChange={setPin} />
      <div className="row">
        {nextSteps(c).map((s) => (
          <button key={s} type="button" onClick={() => void step(s)}>
            {t(`complaint.step.${s}`)}
          </button>
        ))}
      </div>
      {c.details.memberId && (
        <div className="row bottom">
          <label>
            {t('complaint.goodwill.points')}
            <input
              value={points}
              onChange={(e) => setPoints(e.target.value.replace(/\D/g, ''))}
              inputMode="numeric"
              maxLength={7}
            />
          </label>
          <button
            type="button"
            disabled={!points || pin.length < 4}
            onClick={() => void goodwill()}
          >
            {t('complaint.goodwill.give')}
          </button>
        </div>
      )}
      <FieldError error={error} />
    </article>
  );
}
