import { useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/result';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { PinInput } from './PinInput';

/**
 * The lock screen: pick your name (or not: PINs are unique on a terminal) and type your PIN.
 * Also the fast cashier switch (F1), with Cancel back to whoever is signed in.
 */
export function SignInScreen() {
  const t = useT();
  const staff = useAppStore((s) => s.staffList);
  const loadStaffList = useAppStore((s) => s.loadStaffList);
  const signIn = useAppStore((s) => s.signIn);
  const switching = useAppStore((s) => s.switchingCashier && (s.terminal?.signedIn ?? false));
  const cancel = useAppStore((s) => s.cancelSwitchCashier);
  const storeName = useAppStore((s) => s.terminal?.storeName ?? '');
  const [staffId, setStaffId] = useState<string>('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadStaffList();
  }, [loadStaffList]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || pin.length < 4) return;
    setBusy(true);
    const refusal = await signIn(pin, staffId || undefined);
    setBusy(false);
    setPin('');
    setError(refusal);
  }

  return (
    <main className="sign-in" id="main">
      <form
        className="card form"
        onSubmit={submit}
        aria-labelledby="sign-in-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && switching) cancel();
        }}
      >
        <h1 id="sign-in-title">{switching ? t('signIn.switchTitle') : t('signIn.title')}</h1>
        <p className="hint">{t('signIn.intro', { store: storeName })}</p>
        <fieldset className="staff-choice">
          <legend>{t('signIn.who')}</legend>
          <label className="radio">
            <input
              type="radio"
              name="sign-in-staff"
              checked={staffId === ''}
              onChange={() => setStaffId('')}
            />
            {t('signIn.anyone')}
          </label>
          {staff.map((member) => (
            <label className="radio" key={member.id}>
              <input
                type="radio"
                name="sign-in-staff"
                checked={staffId === member.id}
                onChange={() => setStaffId(member.id)}
              />
              {member.name} <span className="hint">{t(`staff.role.${member.role}`)}</span>
            </label>
          ))}
        </fieldset>
        <label>
          {t('signIn.pin')}
          <PinInput
            value={pin}
            onPin={setPin}
            autoComplete="off"
            maxLength={8}
            autoFocus
            aria-invalid={error !== null}
          />
        </label>
        <FieldError error={error} />
        <button type="submit" className="primary" disabled={pin.length < 4} aria-disabled={busy}>
          {t('signIn.submit')}
        </button>
        {switching && (
          <button type="button" onClick={cancel}>
            {t('common.cancel')}
          </button>
        )}
      </form>
    </main>
  );
}
