import type { ReactNode } from 'react';
import type { AnalyticsOverview } from '../../../../shared/analytics/report';
import type { RfmSegment } from '../../../../shared/analytics/rfm';
import { BarChart } from '../charts/BarChart';
import { DonutChart } from '../charts/DonutChart';
import { LineChart } from '../charts/LineChart';
import { StackedBar } from '../charts/StackedBar';
import { HeadlineFigures } from './HeadlineFigures';
import { TierMovementList } from './TierMovementList';
import { TopMembersTable } from './TopMembersTable';
import { percentText, segmentName, type AnalyticsWords } from './analyticsWords';

export interface AnalyticsChartsProps {
  overview: AnalyticsOverview;
  words: AnalyticsWords;
  /** Drill-down into an RFM segment's members. */
  onSelectSegment: (segment: RfmSegment) => void;
  /** Opens a member (the terminal's member screen); absent at head office. */
  onSelectMember?: (memberId: string) => void;
  /**
   * Head office: the RFM panel over its own scope (e.g. all history), with its summary line and
   * the choice of scope shown above it; absent = the overview's period.
   */
  rfm?: { figures: AnalyticsOverview['rfm']; summary: string; controls: ReactNode };
  /** The program's campaigns, to name each in the coupons chart (the figures carry ids only). */
  campaigns: readonly { id: string; name: string }[];
}

/**
 * Every analytics figure as a chart with its data table, the same at the terminal and at head
 * office. Presentational: the caller fetches the overview and says what a click does.
 */
export function AnalyticsCharts({
  overview,
  words,
  onSelectSegment,
  onSelectMember,
  rfm,
  campaigns,
}: AnalyticsChartsProps) {
  const { t } = words;
  // A campaign since removed from the program is said to be one, never shown by its code.
  const campaignName = (id: string) =>
    campaigns.find((c) => c.id === id)?.name ?? t('analytics.campaignRemoved');
  const table = { showTable: t('analytics.showTable'), hideTable: t('analytics.hideTable') };
  const tierName = (id: string | null) =>
    overview.tiers.find((tier) => tier.id === id)?.name ?? id ?? t('analytics.none');
  const ticket = overview.averageTicket;
  const lastDay = overview.liability.days[overview.liability.days.length - 1];
  const segments = rfm?.figures ?? overview.rfm;
  const rfmChart = (
    <DonutChart
      title={t('analytics.rfm')}
      summary={rfm?.summary ?? t('analytics.rfmSummary', { count: words.number(segments.scored) })}
      labelHeading={t('analytics.rfm')}
      valueHeading={t('analytics.count')}
      slices={segments.segments.map((s) => ({
        key: s.segment,
        label: segmentName(s.segment, words),
        value: s.count,
        display: words.number(s.count),
      }))}
      onSelect={(key) => onSelectSegment(key as RfmSegment)}
      selectLabel={(slice) =>
        t('analytics.segmentOpen', { segment: slice.label, count: slice.display })
      }
      selectText={(slice) =>
        t('analytics.segmentShown', { segment: slice.label, count: slice.display })
      }
      note={t('analytics.rfmHint')}
      {...table}
    />
  );

  return (
    <div className="analytics-charts">
      <HeadlineFigures overview={overview} words={words} />

      <BarChart
        title={t('analytics.ticket')}
        summary={t('analytics.ticketSummary', {
          members:
            ticket.members.averageMinor === null
              ? t('analytics.none')
              : words.money(ticket.members.averageMinor),
          nonMembers:
            ticket.nonMembers.averageMinor === null
              ? t('analytics.none')
              : words.money(ticket.nonMembers.averageMinor),
        })}
        labelHeading={t('analytics.member')}
        valueHeading={t('analytics.ticket')}
        formatTick={words.money}
        bars={[
          ['members', t('analytics.members'), ticket.members.averageMinor],
          ['nonMembers', t('analytics.nonMembers'), ticket.nonMembers.averageMinor],
        ].map(([key, label, value]) => ({
          key: String(key),
          label: String(label),
          value: typeof value === 'number' ? value : 0,
          display: typeof value === 'number' ? words.money(value) : t('analytics.none'),
        }))}
        {...table}
      />

      <BarChart
        title={t('analytics.active')}
        summary={t('analytics.activeSummary', {
          days30: words.number(overview.activeMembers.days30),
          days90: words.number(overview.activeMembers.days90),
          days365: words.number(overview.activeMembers.days365),
        })}
        labelHeading={t('analytics.date')}
        valueHeading={t('analytics.count')}
        formatTick={words.number}
        bars={(
          [
            [30, overview.activeMembers.days30],
            [90, overview.activeMembers.days90],
            [365, overview.activeMembers.days365],
          ] as const
        ).map(([days, count]) => ({
          key: String(days),
          label: t('analytics.activeDays', { days }),
          value: count,
          display: words.number(count),
        }))}
        {...table}
      />

      {rfm ? (
        <div className="analytics-rfm">
          {rfm.controls}
          {rfmChart}
        </div>
      ) : (
        rfmChart
      )}

      <StackedBar
        title={t('analytics.tiers')}
        summary={t('analytics.tierSummary', {
          list: overview.tierDistribution
            .map((d) => `${tierName(d.tierId)} ${words.number(d.count)}`)
            .join(', '),
        })}
        labelHeading={t('analytics.tier')}
        valueHeading={t('analytics.count')}
        parts={overview.tierDistribution.map((d) => ({
          key: d.tierId,
          label: tierName(d.tierId),
          value: d.count,
          display: words.number(d.count),
        }))}
        {...table}
      />
      <TierMovementList movement={overview.tierMovement} tierName={tierName} words={words} />

      <LineChart
        title={t('analytics.liability')}
        summary={t('analytics.liabilitySummary', {
          points: words.number(lastDay?.points ?? 0),
          value: words.money(lastDay?.valueMinor ?? 0),
          date: lastDay ? words.day(lastDay.date) : t('analytics.none'),
        })}
        labelHeading={t('analytics.date')}
        valueHeading={t('analytics.value')}
        formatTick={words.money}
        points={overview.liability.days.map((d) => ({
          key: d.date,
          label: words.day(d.date),
          value: d.valueMinor,
          display: `${words.money(d.valueMinor)} (${words.number(d.points)})`,
        }))}
        {...table}
      />

      {overview.coupons.length === 0 ? (
        <section className="chart">
          <h2 className="chart-title">{t('analytics.coupons')}</h2>
          <p className="empty">{t('analytics.noCoupons')}</p>
        </section>
      ) : (
        <BarChart
          title={t('analytics.coupons')}
          summary={t('analytics.couponsSummary')}
          labelHeading={t('analytics.campaign')}
          valueHeading={t('analytics.value')}
          formatTick={(basisPoints) => percentText(basisPoints, words)}
          domain={[0, 10_000]}
          bars={overview.coupons.map((c) => ({
            key: c.campaignId,
            label: campaignName(c.campaignId),
            value: c.rate.basisPoints ?? 0,
            display: t('analytics.couponLine', {
              rate: percentText(c.rate.basisPoints, words),
              redeemed: words.number(c.redeemed),
              issued: words.number(c.issued),
            }),
          }))}
          {...table}
        />
      )}

      <TopMembersTable overview={overview} words={words} onSelectMember={onSelectMember} />
    </div>
  );
}
