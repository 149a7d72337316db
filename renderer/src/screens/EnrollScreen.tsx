import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { useErrorText, useT } from '../i18n/useT';
import { ReferralCodeField } from '../components/ReferralCodeField';
import { normalisePhone } from '../../../shared/phone';
import type { AppError } from '../../../shared/result';

/** Enroll a member. The marketing question has no default: the customer must answer it. */
export function EnrollScreen() {
  const t = useT();
  const errorText = useErrorText();
  const phoneCountry = useAppStore((s) => s.terminal?.phoneCountry ?? 'HK');
  const enrollMember = useAppStore((s) => s.enrollMember);
  const openMember = useAppStore((s) => s.openMember);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [birthday, setBirthday] = useState('');
  const [consent, setConsent] = useState<boolean | null>(null);
  const [referralCode, setReferralCode] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const phoneValid = phone.trim() === '' || normalisePhone(phone, phoneCountry) !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (consent === null) {
      setError({ code: 'invalid_input', message: 'consent', field: 'marketingConsent' });
      return;
    }
    if (!normalisePhone(phone, phoneCountry)) {
      setError({ code: 'invalid_phone', message: 'phone', field: 'phone' });
      return;
    }
    setBusy(true);
    const failure = await enrollMember({
      name,
      phone,
      email: email.trim(),
      birthday,
      marketingConsent: consent,
      referralCode: referralCode.trim(),
    });
    setBusy(false);
    setError(failure);
  }

  const existingId = error?.code === 'duplicate_phone' ? String(error.details?.memberId ?? '') : '';

  return (
    <section aria-labelledby="enroll-title" className="enroll-screen">
      <h1 id="enroll-title">{t('enroll.title')}</h1>
      <form className="card form" onSubmit={submit} noValidate>
        <label>
          {t('enroll.name')}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={60}
            autoFocus
          />
        </label>
        <label>
          {t('enroll.phone')}
          <input
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            required
            inputMode="tel"
            maxLength={32}
            aria-invalid={!phoneValid}
            aria-describedby="phone-hint"
          />
        </label>
        <p className={phoneValid ? 'hint' : 'field-error'} id="phone-hint">
          {phoneValid
            ? t('enroll.phoneHint', { country: t(`country.${phoneCountry}`) })
            : t('error.invalid_phone')}
        </p>
        <div className="row">
          <label>
            {t('enroll.email')}
            <input
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              type="email"
              maxLength={254}
            />
          </label>
          <label>
            {t('enroll.birthday')}
            <input
              value={birthday}
              onChange={(e) => setBirthday(e.target.value)}
              type="date"
              min="1900-01-01"
              max="2100-12-31"
            />
          </label>
        </div>
        <ReferralCodeField value={referralCode} onChange={setReferralCode} />
        <fieldset className="consent">
          <legend>{t('enroll.consentQuestion')}</legend>
          <p className="hint">{t('enroll.consentExplain')}</p>
          <label className="radio">
            <input
              type="radio"
              name="consent"
              checked={consent === true}
              onChange={() => setConsent(true)}
            />
            {t('enroll.consentYes')}
          </label>
          <label className="radio">
            <input
              type="radio"
              name="consent"
              checked={consent === false}
              onChange={() => setConsent(false)}
            />
            {t('enroll.consentNo')}
          </label>
        </fieldset>
        {error && (
          <div className="field-error" role="alert">
            <p>
              {error.field === 'marketingConsent' ? t('enroll.consentRequired') : errorText(error)}
            </p>
            {existingId && (
              <button type="button" onClick={() => void openMember(existingId)}>
                {t('enroll.openExisting', { name: String(error.details?.name ?? '') })}
              </button>
            )}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('enroll.submit')}
        </button>
      </form>
    </section>
  );
}
