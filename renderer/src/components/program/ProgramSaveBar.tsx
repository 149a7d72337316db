import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import type { AppError } from '../../../../shared/result';
import { FieldError } from '../FieldError';

/** Saving the program asks for a manager's PIN; nothing is sent while a value is wrong. */
export function ProgramSaveBar() {
  const t = useT();
  const format = useFormat();
  const saveProgram = useAppStore((s) => s.saveProgram);
  const discard = useAppStore((s) => s.discardProgramChanges);
  const dirty = useAppStore((s) => s.programDirty);
  const issueCount = useAppStore((s) =>
    s.programIssuesShown ? Object.keys(s.programIssues).length : 0,
  );
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const failure = await saveProgram(pin);
    setBusy(false);
    setSaved(failure === null);
    // The count of wrong values says it better than a generic invalid-input message.
    setError(failure && failure.code !== 'invalid_input' ? failure : null);
    if (!failure || failure.code === 'wrong_pin') setPin('');
  }

  return (
    <form className="card program-save form" onSubmit={submit} aria-labelledby="program-save-title">
      <h2 id="program-save-title">{t('program.save.title')}</h2>
      <label>
        {t('settings.managerPin')}
        <input
          value={pin}
          onChange={(e) => {
            setPin(e.target.value.replace(/\D/g, ''));
            setSaved(false);
          }}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
        />
      </label>
      {issueCount > 0 && (
        <p className="field-error" role="alert">
          {t('program.save.issues', { count: format.number(issueCount) })}
        </p>
      )}
      <FieldError error={error} />
      {saved && !dirty && (
        <p className="ok" role="status">
          {t('settings.saved')}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || pin.length < 4}>
        {t('program.save.submit')}
      </button>
      {dirty && (
        <button type="button" onClick={discard}>
          {t('program.save.discard')}
        </button>
      )}
    </form>
  );
}
