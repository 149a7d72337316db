import type { MemberPage } from '../../../shared/office/members';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { timelineReference } from './timelineWords';

/** One member across every store: profile, consent, points, value and the timeline. */
export function MemberDetails({ page }: { page: MemberPage }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const { profile, value } = page;
  const money = (minor: number) => format.money(minor, null);
  return (
    <section className="card" aria-labelledby="member-title">
      <h2 id="member-title">{profile.name}</h2>
      <dl className="office-facts">
        <dt>{t('office.members.phone')}</dt>
        <dd>{profile.phone}</dd>
        <dt>{t('office.members.card')}</dt>
        <dd>{profile.cardNumber}</dd>
        <dt>{t('office.members.email')}</dt>
        <dd>{profile.email ?? '—'}</dd>
        <dt>{t('office.members.enrolled')}</dt>
        <dd>
          {format.dateTime(profile.enrolledAt)} · {profile.enrolledStoreName}
        </dd>
        <dt>{t('office.members.tier')}</dt>
        <dd>{page.tier?.name ?? '—'}</dd>
        <dt>{t('office.members.points')}</dt>
        <dd>{format.number(page.points.balance)}</dd>
        <dt>{t('office.members.lifetime')}</dt>
        <dd>{money(value.lifetimeSpendMinor)}</dd>
        <dt>{t('office.members.last12')}</dt>
        <dd>{money(value.last12MonthsSpendMinor)}</dd>
        <dt>{t('office.members.visits')}</dt>
        <dd>{t('office.members.visitCount', { count: value.visits })}</dd>
        <dt>{t('office.members.gap')}</dt>
        <dd>
          {value.averageDaysBetweenVisits === null
            ? '—'
            : t('office.members.days', { count: value.averageDaysBetweenVisits })}
        </dd>
        <dt>{t('office.members.segment')}</dt>
        <dd>{value.rfmSegment ?? '—'}</dd>
      </dl>
      <h3>{t('office.members.lots')}</h3>
      <ul>
        {page.points.lots.map((lot, i) => (
          <li key={i}>
            {format.number(lot.remaining)} ·{' '}
            {lot.expiresAt ? format.dateTime(lot.expiresAt) : t('office.members.noExpiry')}
          </li>
        ))}
      </ul>
      <h3>{t('office.members.consent')}</h3>
      <ul>
        {page.consent.current.map((c) => (
          <li key={`${c.channel}:${c.purpose}`}>
            {t(`consent.channel.${c.channel}`)} · {t(`consent.purpose.${c.purpose}`)} ·{' '}
            {t(`office.members.answer.${c.answer}`)}
          </li>
        ))}
      </ul>
      <h3>{t('office.members.timeline')}</h3>
      <table>
        <tbody>
          {page.timeline.map((entry, i) => (
            <tr key={i}>
              <td>{format.dateTime(entry.at)}</td>
              <td>{t(`office.members.kind.${entry.kind}`)}</td>
              <td>{entry.storeName ?? ''}</td>
              <td className="num">{entry.amountMinor === null ? '' : money(entry.amountMinor)}</td>
              <td className="num">{entry.points === null ? '' : format.number(entry.points)}</td>
              <td>{timelineReference(entry, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
