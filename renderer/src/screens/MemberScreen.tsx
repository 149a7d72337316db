import { useAppStore } from '../store';
import { useFormat, useT } from '../i18n/useT';
import { formatPhone } from '../../../shared/phone';
import { formatCardNumber } from '../../../shared/card';
import { CardBarcode } from '../components/CardBarcode';
import type { MessageKey } from '../../../shared/i18n';

/** One member: identity, consent, balance, and every ledger entry with its sale. */
export function MemberScreen() {
  const t = useT();
  const format = useFormat();
  const member = useAppStore((s) => s.member);
  const history = useAppStore((s) => s.history);
  const attachMember = useAppStore((s) => s.attachMember);
  const go = useAppStore((s) => s.go);
  const openReceipt = useAppStore((s) => s.openReceipt);
  if (!member) return <p className="empty">{t('members.none')}</p>;

  return (
    <section aria-labelledby="member-title" className="member-screen">
      <div className="title-row">
        <h1 id="member-title">{member.name}</h1>
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
      <div className="member-grid">
        <div className="card">
          <p className="balance big-number" data-testid="member-balance">
            {t('member.balance', { points: format.points(member.pointsBalance) })}
          </p>
          <CardBarcode cardNumber={member.cardNumber} />
          <p className="card-number">{formatCardNumber(member.cardNumber)}</p>
        </div>
        <dl className="card facts">
          <dt>{t('enroll.phone')}</dt>
          <dd>{formatPhone(member.phone)}</dd>
          <dt>{t('enroll.email')}</dt>
          <dd>{member.email ?? '—'}</dd>
          <dt>{t('enroll.birthday')}</dt>
          <dd>{member.birthday ? format.date(member.birthday) : '—'}</dd>
          <dt>{t('member.consent')}</dt>
          <dd>
            {member.marketingConsent ? t('member.consentGiven') : t('member.consentRefused')}
            {member.consentAt ? ` · ${format.dateTime(member.consentAt)}` : ''}
          </dd>
          <dt>{t('member.enrolled')}</dt>
          <dd>
            {format.dateTime(member.enrolledAt)} · {member.enrolledStoreName}
          </dd>
        </dl>
      </div>
      <h2>{t('member.history')}</h2>
      {history.length === 0 ? (
        <p className="empty">{t('member.noHistory')}</p>
      ) : (
        <table className="history" aria-label={t('member.history')}>
          <thead>
            <tr>
              <th scope="col">{t('member.when')}</th>
              <th scope="col">{t('member.entryKind')}</th>
              <th scope="col" className="num">
                {t('member.points')}
              </th>
              <th scope="col">{t('member.sale')}</th>
              <th scope="col">{t('member.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr key={entry.id}>
                <td>{format.dateTime(entry.createdAt)}</td>
                <td>{t(`entry.${entry.kind}` as MessageKey)}</td>
                <td className={entry.points < 0 ? 'num negative' : 'num'}>
                  {entry.points > 0 ? '+' : ''}
                  {format.points(entry.points)}
                </td>
                <td>
                  {entry.saleId && entry.saleNumber ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => void openReceipt(entry.saleId ?? '')}
                    >
                      {entry.saleNumber}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{entry.staffName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
