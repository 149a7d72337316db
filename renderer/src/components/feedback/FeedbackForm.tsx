import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n/useT';
import type { AppError } from '../../../../shared/result';
import {
  scoresOf,
  type FeedbackReasonTag,
  type FeedbackScale,
} from '../../../../shared/rules/feedback';
import { FieldError } from '../FieldError';

/**
 * The closing question, the same form the customer display shows: score buttons, then optional
 * reason tags and a short comment. Skipping is always one click: asking never holds up the queue.
 */
export function FeedbackForm({
  saleId,
  memberId,
  scale,
  reasonTags,
  onDone,
}: {
  saleId: string | null;
  memberId: string | null;
  scale: FeedbackScale;
  reasonTags: readonly FeedbackReasonTag[];
  onDone: (sent: boolean) => void;
}) {
  const t = useT();
  const [score, setScore] = useState<number | null>(null);
  const [reasons, setReasons] = useState<FeedbackReasonTag[]>([]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (tag: FeedbackReasonTag) =>
    setReasons((list) => (list.includes(tag) ? list.filter((x) => x !== tag) : [...list, tag]));

  async function send(event: FormEvent) {
    event.preventDefault();
    if (score === null) return;
    setBusy(true);
    const result = await api.invoke('feedback.record', {
      ...(saleId ? { saleId } : {}),
      ...(memberId ? { memberId } : {}),
      scale,
      score,
      reasons,
      ...(comment.trim() ? { comment } : {}),
    });
    setBusy(false);
    if (result.ok) onDone(true);
    else setError(result.error);
  }

  return (
    <form className="card form feedback-form" onSubmit={send} aria-labelledby="feedback-question">
      <h2 id="feedback-question">{t(`feedback.question.${scale}`)}</h2>
      <div className="feedback-scores" role="group" aria-labelledby="feedback-question">
        {scoresOf(scale).map((value) => (
          <button
            key={value}
            type="button"
            className={score === value ? 'score active' : 'score'}
            aria-pressed={score === value}
            aria-label={t('feedback.scoreLabel', { score: value })}
            onClick={() => setScore(value)}
          >
            {value}
          </button>
        ))}
      </div>
      <p className="hint feedback-ends">
        <span>{t(`feedback.low.${scale}`)}</span>
        <span>{t(`feedback.high.${scale}`)}</span>
      </p>
      {score !== null && (
        <>
          {reasonTags.length > 0 && (
            <fieldset className="feedback-reasons">
              <legend>{t('feedback.reasons')}</legend>
              {reasonTags.map((tag) => (
                <button
                  key={tag}
                  type="button"
                  className={reasons.includes(tag) ? 'chip active' : 'chip'}
                  aria-pressed={reasons.includes(tag)}
                  onClick={() => toggle(tag)}
                >
                  {t(`feedback.reason.${tag}`)}
                </button>
              ))}
            </fieldset>
          )}
          <label>
            {t('feedback.comment')}
            <textarea
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              maxLength={500}
              rows={2}
            />
          </label>
        </>
      )}
      <FieldError error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || score === null}>
          {t('feedback.send')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('feedback.skip')}
        </button>
      </div>
    </form>
  );
}
