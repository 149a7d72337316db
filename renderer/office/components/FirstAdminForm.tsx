import { useState, type FormEvent } from 'react';
import type { OfficeError } from '../api/officeApi';
import { useOfficeErrorText, useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';

const MIN_PASSWORD = 10;

/**
 * A new head office has nobody to sign in as. Whoever holds the admin token that `npm run server`
 * printed at first start creates the first admin here (head office checks the token).
 */
export function FirstAdminForm() {
  const t = useOfficeT();
  const errorText = useOfficeErrorText();
  const createFirstAdmin = useOfficeStore((s) => s.createFirstAdmin);
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<OfficeError | null>(null);
  const [mismatch, setMismatch] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== again) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setError(await createFirstAdmin(token.trim(), name, password));
  }

  return (
    <form className="card form" onSubmit={(event) => void submit(event)}>
      <h2>{t('office.firstAdmin.title')}</h2>
      <p className="hint">{t('office.firstAdmin.intro')}</p>
      <label>
        {t('office.firstAdmin.token')}
        <input
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
        />
      </label>
      <label>
        {t('office.signIn.name')}
        <input
          autoComplete="username"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
        />
      </label>
      <label>
        {t('office.signIn.password')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD}
          aria-describedby="first-admin-password-hint"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
      </label>
      <p id="first-admin-password-hint" className="hint">
        {t('office.firstAdmin.passwordHint', { min: MIN_PASSWORD })}
      </p>
      <label>
        {t('office.firstAdmin.passwordAgain')}
        <input
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(event) => setAgain(event.target.value)}
          required
        />
      </label>
      {mismatch && (
        <p role="alert" className="field-error">
          {t('office.firstAdmin.mismatch')}
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {errorText(error)}
        </p>
      )}
      <button type="submit" className="primary">
        {t('office.firstAdmin.submit')}
      </button>
    </form>
  );
}
