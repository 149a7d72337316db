import type { AnalyticsOverview } from '../../../../shared/analytics/report';
import { percentText, type AnalyticsWords } from './analyticsWords';

/** The figures a manager reads first, as plain text (no chart needed to read them). */
export function HeadlineFigures({
  overview,
  words,
}: {
  overview: AnalyticsOverview;
  words: AnalyticsWords;
}) {
  const { t } = words;
  const money = (minor: number | null) =>
    minor === null ? t('analytics.none') : words.money(minor);
  return (
    <dl className="analytics-headlines">
      <div data-testid="repeat-rate">
        <dt>{t('analytics.repeat')}</dt>
        <dd>{percentText(overview.repeatPurchase.basisPoints, words)}</dd>
        <dd className="hint">
          {t('analytics.repeatDetail', {
            repeaters: words.number(overview.repeatPurchase.numerator),
            buyers: words.number(overview.repeatPurchase.denominator),
          })}
        </dd>
      </div>
      <div data-testid="ticket-members">
        <dt>
          {t('analytics.ticket')} · {t('analytics.members')}
        </dt>
        <dd>{money(overview.averageTicket.members.averageMinor)}</dd>
        <dd className="hint">
          {t('analytics.ticketDetail', {
            sales: words.number(overview.averageTicket.members.sales),
            net: words.money(overview.averageTicket.members.netSalesMinor),
          })}
        </dd>
      </div>
      <div data-testid="ticket-non-members">
        <dt>
          {t('analytics.ticket')} · {t('analytics.nonMembers')}
        </dt>
        <dd>{money(overview.averageTicket.nonMembers.averageMinor)}</dd>
        <dd className="hint">
          {t('analytics.ticketDetail', {
            sales: words.number(overview.averageTicket.nonMembers.sales),
            net: words.money(overview.averageTicket.nonMembers.netSalesMinor),
          })}
        </dd>
      </div>
      <div data-testid="top-share">
        <dt>{t('analytics.topShare')}</dt>
        <dd>{percentText(overview.topShare.basisPoints, words)}</dd>
        <dd className="hint">
          {t('analytics.topShareDetail', {
            top: words.number(overview.topShare.topMembers),
            buyers: words.number(overview.topShare.buyers),
            share: percentText(overview.topShare.basisPoints, words),
          })}
        </dd>
      </div>
    </dl>
  );
}
