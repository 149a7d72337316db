import { useState, type FormEvent } from 'react';
import type { OfficeError } from '../api/officeApi';
import { FirstAdminForm } from '../components/FirstAdminForm';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { useOfficeErrorText, useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';

/** Name and password; on a new head office, the first admin is created here with the token. */
export function SignInPage({ needsFirstAdmin }: { needsFirstAdmin: boolean }) {
  const t = useOfficeT();
  const errorText = useOfficeErrorText();
  const signIn = useOfficeStore((s) => s.signIn);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<OfficeError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const refused = await signIn(name, password);
    setBusy(false);
    if (refused) {
      setError(refused);
      setPassword('');
    }
  }

  return (
    <div className="office-sign-in">
      <div className="office-sign-in-top">
        <h1>{t('office.title')}</h1>
        <LanguageSwitcher />
      </div>
      {needsFirstAdmin ? (
        <FirstAdminForm />
      ) : (
        <form className="card form" onSubmit={(event) => void submit(event)}>
          <h2>{t('office.signIn.title')}</h2>
          <label>
            {t('office.signIn.name')}
            <input
              autoComplete="username"
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              autoFocus
            />
          </label>
          <label>
            {t('office.signIn.password')}
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
            />
          </label>
          {error && (
            <p role="alert" className="field-error">
              {errorText(error)}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('office.signIn.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
