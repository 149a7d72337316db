import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { useErrorText, useLocale, useT } from '../i18n/useT';
import { ReferralCodeField } from '../components/ReferralCodeField';
import {
  ConsentAnswers,
  consentInput,
  type ConsentDraft,
} from '../components/consent/ConsentAnswers';
import { useConsentWording } from '../components/consent/useConsentWording';
import { PhoneField } from '../components/member/PhoneField';
import { ExistingMemberOffer } from '../components/member/ExistingMemberOffer';
import { BirthdayField } from '../components/member/BirthdayField';
import { normalisePhone } from '../../../shared/phone';
import type { AppError } from '../../../shared/result';

/**
 * Enroll a member, with the consent questions in the wording head office published: nothing is
 * ticked until the customer answers, and what was not asked stays unanswered.
 */
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
  const locale = useLocale();
  const wording = useConsentWording(locale);
  const [consent, setConsent] = useState<ConsentDraft>({});
  const [referralCode, setReferralCode] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (birthday === null) return;
    if (!normalisePhone(phone, phoneCountry)) {
      setError({ code: 'invalid_phone', message: 'phone', field: 'phone' });
      return;
    }
    const answers = consentInput(consent, wording, locale);
    setBusy(true);
    const failure = await enrollMember({
      name,
      phone,
      email: email.trim(),
      birthday,
      ...(answers ? { consent: answers } : {}),
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
        <ConsentAnswers value={consent} onChange={setConsent} wording={wording} language={locale} />
        {error && (
          <div className="field-error" role="alert">
            <p>{errorText(error)}</p>
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
