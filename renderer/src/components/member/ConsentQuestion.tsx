import { useT } from '../../i18n/useT';

/**
 * The marketing question with its two answers and no default: nothing is ticked until the
 * customer answers. When editing, `current` says what they answered before and `note` how to
 * keep it (by answering nothing).
 */
export function ConsentQuestion({
  answer,
  onAnswer,
  current,
  note,
}: {
  answer: boolean | null;
  onAnswer: (answer: boolean) => void;
  current?: string;
  note?: string;
}) {
  const t = useT();
  return (
    <fieldset className="consent">
      <legend>{t('enroll.consentQuestion')}</legend>
      {current && <p data-testid="consent-now">{current}</p>}
      <p className="hint">{note ?? t('enroll.consentExplain')}</p>
      <label className="radio">
        <input
          type="radio"
          name="consent"
          checked={answer === true}
          onChange={() => onAnswer(true)}
        />
        {t('enroll.consentYes')}
      </label>
      <label className="radio">
        <input
          type="radio"
          name="consent"
          checked={answer === false}
          onChange={() => onAnswer(false)}
        />
        {t('enroll.consentNo')}
      </label>
    </fieldset>
  );
}
