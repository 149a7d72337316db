import type { AnalyticsOverview } from '../../../../shared/analytics/report';
import type { AnalyticsWords } from './analyticsWords';
import { MemberNameCell } from './MemberNameCell';
import { formatCardNumber } from '../../../../shared/card';

/** The members who spent the most in the period; on the terminal each opens the member. */
export function TopMembersTable({
  overview,
  words,
  onSelectMember,
}: {
  overview: AnalyticsOverview;
  words: AnalyticsWords;
  onSelectMember?: ((memberId: string) => void) | undefined;
}) {
  const { t } = words;
  return (
    <section className="chart analytics-wide" aria-labelledby="top-members-title">
      <h2 id="top-members-title" className="chart-title">
        {t('analytics.top')}
      </h2>
      <p className="hint">{t('analytics.topSummary')}</p>
      <table className="analytics-table">
        <thead>
          <tr>
            <th scope="col">{t('analytics.member')}</th>
            <th scope="col">{t('analytics.card')}</th>
            <th scope="col" className="num">
              {t('analytics.purchases')}
            </th>
            <th scope="col" className="num">
              {t('analytics.netSpend')}
            </th>
            <th scope="col">{t('analytics.lastPurchase')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.topMembers.map((member) => (
            <tr key={member.memberId}>
              <MemberNameCell
                memberId={member.memberId}
                name={member.name}
                onSelectMember={onSelectMember}
              />
              <td>{formatCardNumber(member.cardNumber)}</td>
              <td className="num">{words.number(member.purchases)}</td>
              <td className="num">{words.money(member.netSpendMinor)}</td>
              <td>{member.lastPurchaseAt ? words.day(member.lastPurchaseAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
