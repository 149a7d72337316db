import { useCallback, useState, type FormEvent } from 'react';
import type { MessageCounts, MessageSettingsView } from '../../../shared/office/messages';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';
import { MemberMessageList } from '../messages/MemberMessageList';
import { MessageCountsTable } from '../messages/MessageCountsTable';
import { MessageSettingsForm } from '../messages/MessageSettingsForm';

const REFRESH_MS = 30_000;

/** Messages to members: counts per campaign and status, one member's messages, the settings. */
export function MessagesPage() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [counts, setCounts] = useState<MessageCounts | null>(null);
  const [settings, setSettings] = useState<MessageSettingsView | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const [typedId, setTypedId] = useState('');
  const [memberId, setMemberId] = useState<string | null>(null);

  const fetchAll = useCallback(
    () => Promise.all([call('messages.counts'), call('messages.settings')]),
    [call],
  );
  const applyAll = useCallback(
    ([countList, settingsView]: Awaited<ReturnType<typeof fetchAll>>) => {
      if (countList.ok) setCounts(countList.value);
      if (settingsView.ok) setSettings((known) => known ?? settingsView.value);
      setError(countList.ok ? (settingsView.ok ? null : settingsView.error) : countList.error);
    },
    [],
  );
  const load = useLoader(fetchAll, applyAll, REFRESH_MS);

  function showMember(event: FormEvent) {
    event.preventDefault();
    setMemberId(typedId.trim() || null);
  }

  return (
    <div className="office-page">
      <section className="card" aria-labelledby="messages-title">
        <div className="title-row">
          <h1 id="messages-title">{t('office.messages.title')}</h1>
          <button type="button" onClick={() => void load()}>
            {t('office.refresh')}
          </button>
        </div>
        <ErrorNotice error={error} />
        <h2>{t('office.messages.counts')}</h2>
        {counts === null ? (
          <p className="loading">{t('office.loading')}</p>
        ) : (
          <MessageCountsTable counts={counts} />
        )}
      </section>
      <section className="card" aria-labelledby="member-messages-title">
        <h2 id="member-messages-title">{t('office.messages.member.title')}</h2>
        <form className="inline-form" onSubmit={showMember}>
          <label>
            {t('office.messages.member.id')}
            <input
              value={typedId}
              maxLength={36}
              onChange={(event) => setTypedId(event.target.value)}
            />
          </label>
          <button type="submit">{t('office.messages.member.show')}</button>
        </form>
        {memberId && <MemberMessageList key={memberId} memberId={memberId} />}
      </section>
      <section className="card" aria-labelledby="message-settings-title">
        <h2 id="message-settings-title">{t('office.messages.settings.title')}</h2>
        {settings === null ? (
          <p className="loading">{t('office.loading')}</p>
        ) : (
          <MessageSettingsForm settings={settings} onSaved={setSettings} />
        )}
      </section>
    </div>
  );
}
