import type { SegmentMember } from '../../../../shared/analytics/report';
import { formatCardNumber } from '../../../../shared/card';
import type { RfmSegment } from '../../../../shared/analytics/rfm';
import { segmentName, type AnalyticsWords } from './analyticsWords';
import { MemberNameCell } from './MemberNameCell';

/** The drill-down: one segment's members with their scores; a name opens the member. */
export function SegmentMembersTable({
  segment,
  members,
  total,
  words,
  onBack,
  onSelectMember,
}: {
  segment: RfmSegment;
  members: SegmentMember[];
  total: number;
  words: AnalyticsWords;
  onBack: () => void;
  onSelectMember?: ((memberId: string) => void) | undefined;
}) {
  const { t } = words;
  return (
    <section aria-labelledby="segment-title" className="segment-members analytics-wide">
      <h2 id="segment-title">
        {t('analytics.segmentTitle', {
          segment: segmentName(segment, words),
          count: words.number(total),
        })}
      </h2>
      <button type="button" onClick={onBack}>
        {t('analytics.back')}
      </button>
      {members.length < total && (
        <p className="hint">
          {t('analytics.segmentMore', { shown: words.number(members.length) })}
        </p>
      )}
      <table className="analytics-table">
        <thead>
          <tr>
            <th scope="col">{t('analytics.member')}</th>
            <th scope="col">{t('analytics.card')}</th>
            <th scope="col">{t('analytics.scores')}</th>
            <th scope="col" className="num">
              {t('analytics.recency')}
            </th>
            <th scope="col" className="num">
              {t('analytics.purchases')}
            </th>
            <th scope="col" className="num">
              {t('analytics.netSpend')}
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.memberId}>
              <MemberNameCell
                memberId={member.memberId}
                name={member.name}
                onSelectMember={onSelectMember}
              />
              <td>{formatCardNumber(member.cardNumber)}</td>
              <td>
                {member.r} · {member.f} · {member.m}
              </td>
              <td className="num">{words.number(member.recencyDays)}</td>
              <td className="num">{words.number(member.purchases)}</td>
              <td className="num">{words.money(member.netSpendMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
