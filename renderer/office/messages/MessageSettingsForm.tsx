import { useState, type FormEvent } from 'react';
import type { MessageSettingsView } from '../../../shared/office/messages';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';
import { draftOf, requestOf, type SettingsDraft } from './settingsDraft';
import { SettingsInput } from './SettingsInput';

/** SMTP, the SMS provider, quiet hours and the weekly cap; secrets are typed, never shown. */
export function MessageSettingsForm(props: {
  settings: MessageSettingsView;
  onSaved: (settings: MessageSettingsView) => void;
}) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(props.settings));
  const [error, setError] = useState<OfficeError | null>(null);
  const [saved, setSaved] = useState(false);
  const set =
    <K extends keyof SettingsDraft>(key: K) =>
    (value: SettingsDraft[K]) => {
      setSaved(false);
      setDraft((d) => ({ ...d, [key]: value }));
    };
  const secretHint = (isSet: boolean) =>
    isSet ? t('office.messages.settings.secretSaved') : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await call('messages.saveSettings', { body: requestOf(draft) });
    setError(result.ok ? null : result.error);
    if (!result.ok) return;
    setSaved(true);
    setDraft(draftOf(result.value));
    props.onSaved(result.value);
  }

  return (
    <form className="office-form" onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>
          <label>
            <input
              type="checkbox"
              checked={draft.emailOn}
              onChange={(event) => set('emailOn')(event.target.checked)}
            />{' '}
            {t('office.messages.settings.email')}
          </label>
        </legend>
        {draft.emailOn && (
          <>
            <SettingsInput
              label={t('office.messages.settings.smtpHost')}
              value={draft.smtpHost}
              onChange={set('smtpHost')}
            />
            <SettingsInput
              label={t('office.messages.settings.smtpPort')}
              type="number"
              value={draft.smtpPort}
              onChange={set('smtpPort')}
            />
            <label>
              <input
                type="checkbox"
                checked={draft.smtpSecure}
                onChange={(event) => set('smtpSecure')(event.target.checked)}
              />{' '}
              {t('office.messages.settings.smtpSecure')}
            </label>
            <SettingsInput
              label={t('office.messages.settings.smtpUser')}
              value={draft.smtpUser}
              onChange={set('smtpUser')}
            />
            <SettingsInput
              label={t('office.messages.settings.smtpPassword')}
              type="password"
              value={draft.smtpPassword}
              onChange={set('smtpPassword')}
              hint={secretHint(props.settings.smtpPasswordSet)}
            />
            <SettingsInput
              label={t('office.messages.settings.smtpFrom')}
              value={draft.smtpFrom}
              onChange={set('smtpFrom')}
            />
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>
          <label>
            <input
              type="checkbox"
              checked={draft.smsOn}
              onChange={(event) => set('smsOn')(event.target.checked)}
            />{' '}
            {t('office.messages.settings.sms')}
          </label>
        </legend>
        {draft.smsOn && (
          <>
            <SettingsInput
              label={t('office.messages.settings.smsUrl')}
              type="url"
              value={draft.smsUrl}
              onChange={set('smsUrl')}
            />
            <SettingsInput
              label={t('office.messages.settings.smsSecret')}
              type="password"
              value={draft.smsSecret}
              onChange={set('smsSecret')}
              hint={secretHint(props.settings.smsSecretSet)}
            />
          </>
        )}
      </fieldset>
      <SettingsInput
        label={t('office.messages.settings.quietStart')}
        type="time"
        value={draft.quietStart}
        onChange={set('quietStart')}
      />
      <SettingsInput
        label={t('office.messages.settings.quietEnd')}
        type="time"
        value={draft.quietEnd}
        onChange={set('quietEnd')}
      />
      <SettingsInput
        label={t('office.messages.settings.weeklyCap')}
        type="number"
        value={draft.weeklyCap}
        onChange={set('weeklyCap')}
      />
      <SettingsInput
        label={t('office.messages.settings.defaultTimeZone')}
        value={draft.defaultTimeZone}
        onChange={set('defaultTimeZone')}
      />
      <SettingsInput
        label={t('office.messages.settings.publicUrl')}
        type="url"
        value={draft.publicUrl}
        onChange={set('publicUrl')}
      />
      <button type="submit">{t('office.messages.settings.save')}</button>
      {saved && <p role="status">{t('office.messages.settings.saved')}</p>}
      <ErrorNotice error={error} />
    </form>
  );
}
