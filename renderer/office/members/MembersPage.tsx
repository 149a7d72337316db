import { useState } from 'react';
import type { OfficeError } from '../api/officeApi';
import {
  memberViewReasons,
  type MemberPage,
  type MemberSearchResult,
  type MemberViewReason,
} from '../../../shared/office/members';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';
import { mayCall } from '../../../shared/office/roleAccess';
import { useOfficeStore } from '../store/officeStore';
import { MemberDetails } from './MemberDetails';
import { MemberImportSection } from './MemberImportSection';

/**
 * The single customer view: find a member by phone, card or name fragment, then open them. The
 * reason is asked before anything is shown, and head office logs every view with it.
 */
export function MembersPage() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [query, setQuery] = useState('');
  const [reason, setReason] = useState<MemberViewReason | ''>('');
  const [found, setFound] = useState<MemberSearchResult['members'] | null>(null);
  const [page, setPage] = useState<MemberPage | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const mayImport = useOfficeStore(
    (s) => s.session?.signedIn === true && mayCall(s.session.user.role, 'members.import'),
  );

  async function search(event: React.FormEvent) {
    event.preventDefault();
    if (!reason) return;
    const result = await call('members.search', { query: { q: query, reason } });
    setFound(result.ok ? result.value.members : null);
    setPage(null);
    setError(result.ok ? null : result.error);
  }

  async function open(id: string) {
    if (!reason) return;
    const result = await call('members.get', { params: { id }, query: { reason } });
    setPage(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  }

  return (
    <div className="office-page">
      <section className="card" aria-labelledby="members-title">
        <h1 id="members-title">{t('office.members.title')}</h1>
        <form className="office-form" onSubmit={(e) => void search(e)}>
          <label>
            {t('office.members.reason')}
            <select
              value={reason}
              required
              onChange={(e) => setReason(e.target.value as MemberViewReason | '')}
            >
              <option value="">{t('office.members.pickReason')}</option>
              {memberViewReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`office.members.reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.members.search')}
            <input
              type="search"
              value={query}
              maxLength={64}
              required
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <button type="submit" disabled={!reason || query.trim() === ''}>
            {t('office.members.find')}
          </button>
        </form>
        <p className="hint">{t('office.members.logged')}</p>
        <ErrorNotice error={error} />
        {found && found.length === 0 && <p className="empty">{t('office.members.none')}</p>}
        {found && found.length > 0 && (
          <ul className="result-list" aria-label={t('office.members.results')}>
            {found.map((member) => (
              <li key={member.id}>
                <button type="button" onClick={() => void open(member.id)}>
                  {member.name} · {member.phone} · {member.cardNumber} · {member.enrolledStoreName}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {page && <MemberDetails page={page} />}
      {mayImport && <MemberImportSection />}
    </div>
  );
}
