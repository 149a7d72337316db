import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { useFormat, useT } from '../../i18n/useT';
import type { FeedbackFollowUp } from '../../../../shared/api/feedback';
import { formatPhone } from '../../../../shared/phone';
import type { AppError } from '../../../../shared/result';
import { FieldError } from '../FieldError';

/** Detractors waiting for the manager's call (whom to call, for a member), overdue ones flagged. */
export function FollowUpList() {
  const t = useT();
  const format = useFormat();
  const [list, setList] = useState<FeedbackFollowUp[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(() => {
    void api.invoke('feedback.followUps', { includeDone: false }).then((result) => {
      if (result.ok) setList(result.value);
      else setError(result.error);
    });
  }, []);
  useEffect(load, [load]);

  async function done(feedbackId: string) {
    const result = await api.invoke('feedback.followUpDone', {
      feedbackId,
      note: notes[feedbackId] ?? '',
    });
    setError(result.ok ? null : result.error);
    if (result.ok) load();
  }

  return (
    <section className="card" aria-labelledby="follow-ups-title" data-testid="follow-ups">
      <h2 id="follow-ups-title">{t('feedback.followUps')}</h2>
      <p>
        {list.length === 0
          ? t('feedback.followUps.none')
          : t('feedback.followUps.count', { count: list.length })}
      </p>
      <ul className="follow-ups">
        {list.map((f) => (
          <li key={f.feedbackId} className={f.overdue ? 'overdue' : undefined}>
            <strong>
              {t(`feedback.scale.${f.scale}`)}: {f.score}
            </strong>{' '}
            {f.reasons.map((r) => t(`feedback.reason.${r}` as 'feedback.reason.speed')).join(', ')}
            {f.comment && ` · ${f.comment}`}
            <br />
            {f.member && (
              <>
                {t('feedback.followUp.whom', {
                  name: f.member.name,
                  phone: formatPhone(f.member.phone),
                })}
                <br />
              </>
            )}
            {f.overdue ? (
              <span className="badge warning">{t('feedback.followUp.overdue')}</span>
            ) : (
              t('feedback.followUp.due', { when: format.dateTime(f.dueAt) })
            )}
            <label>
              {t('feedback.followUp.note')}
              <input
                value={notes[f.feedbackId] ?? ''}
                onChange={(e) => setNotes({ ...notes, [f.feedbackId]: e.target.value })}
                maxLength={500}
              />
            </label>
            <button type="button" onClick={() => void done(f.feedbackId)}>
              {t('feedback.followUp.done')}
            </button>
          </li>
        ))}
      </ul>
      <FieldError error={error} />
    </section>
  );
}
