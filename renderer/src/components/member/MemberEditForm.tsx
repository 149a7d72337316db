import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useErrorText, useFormat, useT } from '../../i18n/useT';
import { ConsentQuestion } from './ConsentQuestion';
import { PhoneField } from './PhoneField';
import { ExistingMemberOffer } from './ExistingMemberOffer';
import { BirthdayField } from './BirthdayField';
import type { ApiInput } from '../../../../shared/api';
import { catalogs } from '../../../../shared/i18n';
import { locales, type Locale } from '../../../../shared/locale';
import { formatPhone } from '../../../../shared/phone';
import type { Member } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/result';

/**
 * The member's details as they are, to change: only what changed is sent (member.update), so an
 * edit never overwrites a field another store changed meanwhile. The marketing answer they gave
 * is shown but never ticked: it changes only when the customer is asked again and answers.
 */
export function MemberEditForm({ member }: { member: Member }) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const updateMember = useAppStore((s) => s.updateMember);
  const go = useAppStore((s) => s.go);
  const shownPhone = formatPhone(member.phone);
  const [name, setName] = useState(member.name);
  const [phone, setPhone] = useState(shownPhone);
  const [email, setEmail] = useState(member.email ?? '');
  // Null while what is typed is not a date: the field says so and nothing is sent.
  const [birthday, setBirthday] = useState<string | null>(member.birthday ?? '');
  const [language, setLanguage] = useState<Locale>(member.preferredLanguage);
  const [consent, setConsent] = useState<boolean | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [nothing, setNothing] = useState(false);
  const [busy, setBusy] = useState(false);

  const answerNow = `${member.marketingConsent ? t('member.consentGiven') : t('member.consentRefused')}${
    member.consentAt ? ` · ${format.dateTime(member.consentAt)}` : ''
  }`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (birthday === null) return;
    const edit: ApiInput<'member.update'> = { memberId: member.id };
    if (name.trim() !== member.name) edit.name = name;
    if (phone.trim() !== shownPhone) edit.phone = phone;
    if (email.trim() !== (member.email ?? '')) edit.email = email.trim();
    if (birthday !== (member.birthday ?? '')) edit.birthday = birthday;
    if (language !== member.preferredLanguage) edit.preferredLanguage = language;
    if (consent !== null) edit.marketingConsent = consent;
    setError(null);
    if (Object.keys(edit).length === 1) {
      setNothing(true);
      return;
    }
    setNothing(false);
    setBusy(true);
    const failure = await updateMember(edit);
    setBusy(false);
    setError(failure);
  }

  return (
    <section aria-labelledby="member-edit-title" className="member-edit-screen">
      <h1 id="member-edit-title">{t('memberEdit.title', { name: member.name })}</h1>
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
          <BirthdayField value={member.birthday ?? ''} onChange={setBirthday} />
        </div>
        <label>
          {t('memberEdit.language')}
          <select
            value={language}
            onChange={(e) => setLanguage(e.target.value as Locale)}
            aria-describedby="member-language-hint"
          >
            {locales.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {catalogs[locale]['language.name']}
              </option>
            ))}
          </select>
        </label>
        <p className="hint" id="member-language-hint">
          {t('memberEdit.languageHint')}
        </p>
        <ConsentQuestion
          answer={consent}
          onAnswer={setConsent}
          current={t('memberEdit.consentNow', { answer: answerNow })}
          note={t('memberEdit.consentKeep')}
        />
        {error && (
          <div className="field-error" role="alert">
            <p>{errorText(error)}</p>
            <ExistingMemberOffer error={error} />
          </div>
        )}
        {nothing && (
          <p className="hint" role="status">
            {t('memberEdit.nothing')}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {t('memberEdit.save')}
          </button>
          <button type="button" onClick={() => go('member')}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
