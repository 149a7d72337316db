import { useAppStore } from '../store';
import { useFormat, useT } from '../i18n/useT';
import { formatPhone } from '../../../shared/phone';
import { formatCardNumber } from '../../../shared/card';
import { CardBarcode } from '../components/CardBarcode';
import { LoyaltyFacts } from '../components/loyalty/LoyaltyFacts';
import { MemberCoupons } from '../components/member/MemberCoupons';
import { PointsHistoryTable } from '../components/member/PointsHistoryTable';
import { AdjustPointsForm } from '../components/member/AdjustPointsForm';
import { IssueCouponForm } from '../components/member/IssueCouponForm';
import { catalogs } from '../../../shared/i18n';
import { MemberConsent } from '../components/consent/MemberConsent';
import { MemberVoice } from '../components/feedback/MemberVoice';

/**
 * One member: identity and consent, tier and points (spendable, pending, expiring), coupons,
 * every ledger entry with its sale, and the manager's adjustments and hand-issued coupons.
 */
export function MemberScreen() {
  const t = useT();
  const format = useFormat();
  const member = useAppStore((s) => s.member);
  const loyalty = useAppStore((s) => s.loyalty);
  const attachMember = useAppStore((s) => s.attachMember);
  const go = useAppStore((s) => s.go);
  const openMember = useAppStore((s) => s.openMember);
  if (!member) return <p className="empty">{t('members.none')}</p>;

  return (
    <section aria-labelledby="member-title" className="member-screen">
      <div className="title-row">
        <h1 id="member-title">{member.name}</h1>
        <button type="button" onClick={() => go('memberEdit')}>
          {t('member.edit')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            attachMember(member);
            go('sale');
          }}
        >
          {t('member.startSale')}
        </button>
      </div>
      <MemberVoice key={member.id} member={member} />
      <div className="member-grid">
        <div className="card">
          <p
            className={
              member.pointsBalance < 0 ? 'balance big-number negative' : 'balance big-number'
            }
            data-testid="member-balance"
          >
            {t('member.balance', { points: format.points(member.pointsBalance) })}
          </p>
          <CardBarcode cardNumber={member.cardNumber} />
          <p className="card-number">{formatCardNumber(member.cardNumber)}</p>
          {loyalty && <LoyaltyFacts loyalty={loyalty} />}
        </div>
        <dl className="card facts">
          <dt>{t('enroll.phone')}</dt>
          <dd data-testid="member-phone">{formatPhone(member.phone)}</dd>
          <dt>{t('enroll.email')}</dt>
          <dd>{member.email ?? '—'}</dd>
          <dt>{t('enroll.birthday')}</dt>
          <dd data-testid="member-birthday">
            {member.birthday ? format.date(member.birthday) : '—'}
          </dd>
          <dt>{t('member.language')}</dt>
          <dd data-testid="member-language" lang={member.preferredLanguage}>
            {catalogs[member.preferredLanguage]['language.name']}
          </dd>
          <dt>{t('member.consent')}</dt>
          <dd data-testid="member-consent">
            {member.marketingConsent ? t('member.consentGiven') : t('member.consentRefused')}
            {member.consentAt ? ` · ${format.dateTime(member.consentAt)}` : ''}
          </dd>
          <dt>{t('member.enrolled')}</dt>
          <dd>
            {format.dateTime(member.enrolledAt)} · {member.enrolledStoreName}
          </dd>
          <dt>{t('member.referralCode')}</dt>
          <dd className="code" data-testid="member-referral-code">
            {member.referralCode}
          </dd>
          {member.referredBy && (
            <>
              <dt>{t('member.referred')}</dt>
              <dd>
                <button
                  type="button"
                  className="link"
                  onClick={() => void openMember(member.referredBy ?? '')}
                >
                  {t('member.openReferrer')}
                </button>
              </dd>
            </>
          )}
        </dl>
      </div>
      <h2>{t('consent.title')}</h2>
      <MemberConsent key={member.id} memberId={member.id} />
      <h2>{t('member.coupons')}</h2>
      <MemberCoupons />
      <h2>{t('member.history')}</h2>
      <PointsHistoryTable />
      <h2>{t('member.managerActions')}</h2>
      <div className="manager-actions">
        <AdjustPointsForm key={member.id} memberId={member.id} />
        <IssueCouponForm key={`issue-${member.id}`} />
      </div>
    </section>
  );
}
