import { useEffect, useRef, useState } from 'react';
import type { FeedbackReasonTag } from '../../shared/rules/feedback';
import type { DisplayQuestion } from '../../shared/display/displayView';
import type { DisplayClient } from './displayClient';
import type { DisplayWords } from './displayWords';

/** A score left without reasons is sent on its own after this long: it is never lost. */
export const SEND_SCORE_AFTER_MS = 45_000;

const scoresOf = (scale: DisplayQuestion['scale']): number[] =>
  scale === 'nps' ? Array.from({ length: 11 }, (_, i) => i) : [1, 2, 3, 4, 5];

/**
 * The program's one closing question, with big targets for a finger: the score first, then
 * optional reason tags and a short comment. The answer goes to feedback.record for this sale;
 * the core fills in the member and refuses an answer to any other sale.
 */
export function ClosingQuestion({
  question,
  client,
  words,
  onDone,
}: {
  question: DisplayQuestion;
  client: DisplayClient;
  words: DisplayWords;
  onDone(answered: boolean): void;
}) {
  const { t } = words;
  const [score, setScore] = useState<number | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const sending = useRef(false);

  const send = async (chosen: number) => {
    if (sending.current) return;
    sending.current = true;
    const text = comment.trim();
    await client.invoke('feedback.record', {
      saleId: question.saleId,
      scale: question.scale,
      score: chosen,
      reasons: reasons as FeedbackReasonTag[],
      ...(text ? { comment: text } : {}),
    });
    onDone(true);
  };

  useEffect(() => {
    if (score === null) return;
    const timer = setTimeout(() => void send(score), SEND_SCORE_AFTER_MS);
    return () => clearTimeout(timer);
    // The timer restarts with each tap of a reason or key of the comment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [score, reasons, comment]);

  const scores = scoresOf(question.scale);
  const low = question.scale === 'nps' ? t('display.npsLow') : t('display.csatLow');
  const high = question.scale === 'nps' ? t('display.npsHigh') : t('display.csatHigh');
  return (
    <section className="display-question" aria-labelledby="display-question-title">
      <h1 id="display-question-title">{t(`display.question.${question.scale}`)}</h1>
      {score === null ? (
        <>
          <div className={`display-scores display-scores-${question.scale}`} role="group">
            {scores.map((value) => (
              <button
                key={value}
                type="button"
                className="display-score"
                aria-label={t('display.score', { score: value })}
                onClick={() => setScore(value)}
              >
                {value}
              </button>
            ))}
          </div>
          <p className="display-scale-ends" aria-hidden="true">
            <span>{low}</span>
            <span>{high}</span>
          </p>
          <button type="button" className="display-skip" onClick={() => onDone(false)}>
            {t('display.skip')}
          </button>
        </>
      ) : (
        <form
          className="display-reasons"
          onSubmit={(event) => {
            event.preventDefault();
            void send(score);
          }}
        >
          <p className="display-chosen">{t('display.score', { score })}</p>
          {question.reasonTags.length > 0 && (
            <fieldset>
              <legend>{t('display.reasons')}</legend>
              {question.reasonTags.map((tag) => {
                const on = reasons.includes(tag);
                return (
                  <button
                    key={tag}
                    type="button"
                    className={on ? 'display-tag active' : 'display-tag'}
                    aria-pressed={on}
                    onClick={() =>
                      setReasons(on ? reasons.filter((r) => r !== tag) : [...reasons, tag])
                    }
                  >
                    {words.reason(tag)}
                  </button>
                );
              })}
            </fieldset>
          )}
          <label className="display-comment">
            {t('display.comment')}
            <textarea
              maxLength={500}
              rows={2}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          </label>
          <button type="submit" className="primary display-send">
            {t('display.send')}
          </button>
        </form>
      )}
    </section>
  );
}
