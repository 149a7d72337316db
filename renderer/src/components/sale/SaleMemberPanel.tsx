import { useRef, useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useErrorText, useFormat, useT } from '../../i18n/useT';
import type { MemberSummary } from '../../../../shared/domain';
import { api } from '../../api';
import { formatCardNumber } from '../../../../shared/card';
import { formatPhone } from '../../../../shared/phone';
import { firstNameOf, maskPhone } from '../../../../shared/rules/memberDisplay';
import { LoyaltyFacts } from '../loyalty/LoyaltyFacts';
import { MemberCouponList } from './MemberCouponList';
import type { AppError } from '../../../../shared/result';

/**
 * Attach a member by scanning their card, or by phone, card number (as printed) or name typed
 * here; once attached, their tier, spendable, pending and expiring points and their coupons show
 * here. A search that finds nobody says so: silence would look like a till that did not hear.
 * Enter attaches the member when the search finds exactly one (a phone number typed in full).
 */
export function SaleMemberPanel() {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const member = useAppStore((s) => s.saleMember);
  const loyalty = useAppStore((s) => s.memberLoyalty);
  const attachMember = useAppStore((s) => s.attachMember);
  const folded = useAppStore((s) => s.memberCardFolded);
  const setFolded = useAppStore((s) => s.setMemberCardFolded);
  const [query, setQuery] = useState('');
  /** The answer to `query`: null until it comes. */
  const [results, setResults] = useState<MemberSummary[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Results as you type: only the answer to the latest keystroke may land.
  const generation = useRef(0);

  async function search(text: string) {
    setQuery(text);
    setError(null);
    const asked = ++generation.current;
    if (text.trim().length < 1) {
      setResults(null);
      return;
    }
    const result = await api.invoke('member.search', { query: text, limit: 6 });
    if (asked !== generation.current) return;
    setResults(result.ok ? result.value : []);
    setError(result.ok ? null : result.error);
  }

  function attach(candidate: MemberSummary) {
    attachMember(candidate);
    ++generation.current;
    setQuery('');
    setResults(null);
  }

  /** Enter attaches the one member the search finds; with several, the cashier picks one. */
  async function attachOnlyMatch(event: FormEvent) {
    event.preventDefault();
    if (query.trim() === '') return;
    const asked = ++generation.current;
    const result = await api.invoke('member.search', { query, limit: 6 });
    if (asked !== generation.current) return;
    const found = result.ok ? result.value : [];
    const only = found.length === 1 ? found[0] : undefined;
    if (only) attach(only);
    else {
      setResults(found);
      setError(result.ok ? null : result.error);
    }
  }

  if (member) {
    // Folded, the card is one line (name and points) and the pay panel has the room; the cashier's
    // choice holds for the rest of the session, sale after sale.
    return (
      <section
        className={folded ? 'card member-panel folded' : 'card member-panel'}
        aria-label={t('sale.member')}
      >
        <div className="member-head">
          <h2>{member.name}</h2>
          <p className="balance" data-testid="sale-member-balance">
            {t('member.balance', {
              points: format.points(loyalty ? loyalty.available : member.pointsBalance),
            })}
          </p>
          <button
            type="button"
            className="small fold-button"
            aria-expanded={!folded}
            aria-controls="sale-member-details"
            aria-label={folded ? t('sale.memberShow') : t('sale.memberHide')}
            onClick={() => setFolded(!folded)}
          >
            <span aria-hidden="true">{folded ? '▸' : '▾'}</span>
          </button>
        </div>
        <div id="sale-member-details" hidden={folded}>
          <p>
            {formatCardNumber(member.cardNumber)} · {formatPhone(member.phone)}
          </p>
          {loyalty ? (
            <LoyaltyFacts loyalty={loyalty} />
          ) : (
            <p className="hint">{t('common.loading')}</p>
          )}
          <MemberCouponList />
        </div>
        <button type="button" className="small detach" onClick={() => attachMember(null)}>
          {t('sale.detachMember')}
        </button>
      </section>
    );
  }
  return (
    <section className="card member-panel" aria-label={t('sale.member')}>
      <form onSubmit={(event) => void attachOnlyMatch(event)}>
        <label>
          {t('sale.findMember')}
          <input
            value={query}
            onChange={(e) => void search(e.target.value)}
            placeholder={t('members.searchPlaceholder')}
            maxLength={60}
          />
        </label>
      </form>
      <p className="hint">{t('sale.scanHint')}</p>
      {error && (
        <p className="field-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {!error && query.trim() !== '' && results?.length === 0 && (
        <p className="empty" role="status">
          {t('members.none')}
        </p>
      )}
      {results && results.length > 0 && (
        <ul className="pick-list" aria-label={t('members.results')}>
          {results.map((candidate) => (
            <li key={candidate.id}>
              <button type="button" onClick={() => attach(candidate)}>
                <strong>{firstNameOf(candidate.name)}</strong> {maskPhone(candidate.phone)} ·{' '}
                {t('member.pointsShort', { points: format.points(candidate.pointsBalance) })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
