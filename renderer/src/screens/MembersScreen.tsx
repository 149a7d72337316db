import { useAppStore } from '../store';
import { useFormat, useT } from '../i18n/useT';
import { firstNameOf, maskPhone } from '../../../shared/rules/memberDisplay';
import { formatCardNumber } from '../../../shared/card';

/** Find a member by phone, card number or any part of the name, with results as you type. */
export function MembersScreen() {
  const t = useT();
  const format = useFormat();
  const query = useAppStore((s) => s.query);
  const results = useAppStore((s) => s.results);
  const searchMembers = useAppStore((s) => s.searchMembers);
  const openMember = useAppStore((s) => s.openMember);
  const go = useAppStore((s) => s.go);

  return (
    <section aria-labelledby="members-title" className="members-screen">
      <div className="title-row">
        <h1 id="members-title">{t('members.title')}</h1>
        <button type="button" onClick={() => go('enroll')}>
          {t('nav.enroll')}
        </button>
      </div>
      <label className="search-box">
        {t('members.search')}
        <input
          type="search"
          value={query}
          onChange={(e) => void searchMembers(e.target.value)}
          placeholder={t('members.searchPlaceholder')}
          maxLength={60}
          autoFocus
        />
      </label>
      {query.trim() !== '' && results.length === 0 && <p className="empty">{t('members.none')}</p>}
      {results.length > 0 && (
        <ul className="result-list" aria-label={t('members.results')}>
          {results.map((member) => (
            <li key={member.id}>
              <button type="button" onClick={() => void openMember(member.id)}>
                <span className="name">{firstNameOf(member.name)}</span>
                <span>{maskPhone(member.phone)}</span>
                <span>{formatCardNumber(member.cardNumber)}</span>
                <span className="num">
                  {t('member.pointsShort', { points: format.points(member.pointsBalance) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
