import { useCallback, useState } from 'react';
import type { MessageView } from '../../../shared/office/messages';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { channelWords, skipWords, statusWords } from './messageWords';

/** One member's messages, newest first: for the messages page and the member page. */
export function MemberMessageList({ memberId }: { memberId: string }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const [messages, setMessages] = useState<MessageView[] | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const fetchMessages = useCallback(
    () => call('messages.ofMember', { params: { id: memberId } }),
    [call, memberId],
  );
  const apply = useCallback((result: Awaited<ReturnType<typeof fetchMessages>>) => {
    setMessages(result.ok ? result.value.messages : []);
    setError(result.ok ? null : result.error);
  }, []);
  useLoader(fetchMessages, apply);

  if (error) return <ErrorNotice error={error} />;
  if (messages === null) return <p className="loading">{t('office.loading')}</p>;
  if (messages.length === 0) return <p className="empty">{t('office.messages.member.none')}</p>;
  return (
    <ul className="office-message-list" data-testid="member-messages">
      {messages.map((m) => (
        <li key={m.id}>
          <strong>{t(channelWords[m.channel])}</strong> · {m.campaignId ?? m.template} ·{' '}
          {t(statusWords[m.status])}
          {m.skipReason && <> ({t(skipWords[m.skipReason])})</>}
          <div className="office-detail">
            {m.sentAt
              ? t('office.messages.member.sentAt', { when: format.dateTime(m.sentAt) })
              : m.sendAfter
                ? t('office.messages.member.waits', { when: format.dateTime(m.sendAfter) })
                : t('office.messages.member.created', { when: format.dateTime(m.createdAt) })}
            {m.attempts > 1 && <> · {t('office.messages.member.tries', { count: m.attempts })}</>}
          </div>
        </li>
      ))}
    </ul>
  );
}
