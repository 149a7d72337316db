import { useState, type FormEvent } from 'react';
import { dataRequestKinds, type DataRequestKind } from '../../../shared/office/dataRequests';
import type { MemberSearchResult } from '../../../shared/office/members';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { OfficeDateField } from '../components/OfficeDateField';
import { useOfficeT } from '../i18n/useOfficeT';

type FoundMember = MemberSearchResult['members'][number];

/**
 * Logs a request a member made: which kind, whose, when it arrived, and a note. The member is
 * found as on the Members page, by phone, card or name (the search is logged as a data subject
 * request), and picked from the matches: nobody types an id the office never shows.
 */
export function LogRequestForm({ onLogged }: { onLogged: () => void }) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [kind, setKind] = useState<DataRequestKind>('access');
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<FoundMember[] | null>(null);
  const [member, setMember] = useState<FoundMember | null>(null);
  // null while what is typed is not a date: nothing is logged until it is one.
  const [receivedOn, setReceivedOn] = useState<string | null>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<OfficeError | null>(null);

  async function find() {
    if (query.trim() === '') return;
    const result = await call('members.search', {
      query: { q: query, reason: 'data_subject_request' },
    });
    setError(result.ok ? null : result.error);
    setMatches(result.ok ? result.value.members : null);
    setMember(result.ok && result.value.members.length === 1 ? result.value.members[0]! : null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!member || receivedOn === null) return;
    const result = await call('dataRequests.create', {
      body: {
        kind,
        memberId: member.id,
        ...(receivedOn ? { receivedOn } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
    });
    setError(result.ok ? null : result.error);
    if (!result.ok) return;
    setQuery('');
    setMatches(null);
    setMember(null);
    setNote('');
    onLogged();
  }

  return (
    <form
      className="row"
      onSubmit={(event) => void submit(event)}
      aria-label={t('office.dataRequests.log')}
    >
      <label>
        {t('office.dataRequests.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as DataRequestKind)}>
          {dataRequestKinds.map((option) => (
            <option key={option} value={option}>
              {t(`office.dataRequests.kind.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('office.dataRequests.member')}
        <input
          type="search"
          value={query}
          maxLength={64}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter finds the member; the request is logged only with the button below.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            void find();
          }}
        />
      </label>
      <button type="button" onClick={() => void find()} disabled={query.trim() === ''}>
        {t('office.members.find')}
      </button>
      {matches && matches.length === 0 && <p className="empty">{t('office.members.none')}</p>}
      {matches && matches.length > 0 && (
        <fieldset className="member-choice">
          <legend>{t('office.dataRequests.whose')}</legend>
          {matches.map((found) => (
            <label key={found.id}>
              <input
                type="radio"
                name="data-request-member"
                checked={member?.id === found.id}
                onChange={() => setMember(found)}
              />
              {found.name} · {found.phone} · {found.cardNumber} · {found.enrolledStoreName}
            </label>
          ))}
        </fieldset>
      )}
      <OfficeDateField
        label={t('office.dataRequests.receivedOn')}
        value={receivedOn ?? ''}
        onChange={setReceivedOn}
      />
      <label>
        {t('office.dataRequests.note')}
        <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={!member || receivedOn === null}>
        {t('office.dataRequests.log')}
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}
