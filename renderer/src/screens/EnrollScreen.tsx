import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { useErrorText, useT } from '../i18n/useT';
import { ReferralCodeField } from '../components/ReferralCodeField';
import { ConsentQuestion } from '../components/member/ConsentQuestion';
import { PhoneField } from '../components/member/PhoneField';
import { ExistingMemberOffer } from '../components/member/ExistingMemberOffer';
import { BirthdayField } from '../components/member/BirthdayField';
import { normalisePhone } from '../../../shared/phone';
import type { AppError } from '../../../shared/result';

/** Enroll a member. The marketing question has no default: the customer must answer it. */
export function EnrollScreen() {
  const t = useT();
  const errorText = useErrorText();
  const phoneCountry = useAppStore((s) => s.terminal?.phoneCountry ?? 'HK');
  const enrollMember = useAppStore((s) => s.enrollMember);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  // Null while what is typed is not a date: the field says so and nothing is sent.
  const [birthday, setBirthday] = useState<string | null>('');
  const [consent, setConsent] = useState<boolean | null>(null);
  const [referralCode, setReferralCode] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (birthday === null) return;
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
        <PhoneField value={phone} onChange={setPhone} />
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
          <BirthdayField value="" onChange={setBirthday} />
        </div>
        <ReferralCodeField value={referralCode} onChange={setReferralCode} />
        <ConsentQuestion answer={consent} onAnswer={setConsent} />
        {error && (
          <div className="field-error" role="alert">
            <p>
              {error.field === 'marketingConsent' ? t('enroll.consentRequired') : errorText(error)}
            </p>
            <ExistingMemberOffer error={error} />
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('enroll.submit')}
        </button>
      </form>
    </section>
  );
}
