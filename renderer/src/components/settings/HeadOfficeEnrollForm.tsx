import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/result';
import type { EnrollmentResult } from '../../../../shared/domain';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';

export type Enrollment = EnrollmentResult;

/** Head office's address and the one-time code an admin gave: the terminal trades them for its credential. */
export function HeadOfficeEnrollForm({ onEnrolled }: { onEnrolled(result: Enrollment): void }) {
  const t = useT();
  const enrollTerminal = useAppStore((s) => s.enrollTerminal);
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = serverUrl.trim() !== '' && code.trim() !== '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    const answer = await enrollTerminal({ serverUrl: serverUrl.trim(), code: code.trim() });
    setBusy(false);
    if ('error' in answer) {
      setError(answer.error);
      return;
    }
    setError(null);
    onEnrolled(answer.enrolled);
  }

  // A refusal marks the field it is about: an unreachable address, or a code head office refused.
  const wrong = (field: string) => error !== null && error.field === field;
  return (
    <form className="form" onSubmit={submit} aria-describedby="head-office-explain" noValidate>
      <p className="hint" id="head-office-explain">
        {t('headOffice.explain')}
      </p>
      <label>
        {t('headOffice.serverUrl')}
        <input
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
          maxLength={200}
          aria-describedby="head-office-url-hint"
          aria-invalid={wrong('serverUrl')}
        />
      </label>
      <p className="hint" id="head-office-url-hint">
        {t('headOffice.serverUrlHint')}
      </p>
      <label>
        {t('headOffice.code')}
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
          aria-invalid={wrong('code')}
        />
      </label>
      <FieldError error={error} />
      <button type="submit" className="primary" disabled={!ready} aria-disabled={busy}>
        {busy ? t('headOffice.enrolling') : t('headOffice.enroll')}
      </button>
    </form>
  );
}
