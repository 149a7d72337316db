import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AnalyticsOverview, SegmentMember } from '../../../shared/analytics/report';
import type { RfmSegment } from '../../../shared/analytics/rfm';
import { AnalyticsCharts } from '../../src/components/analytics/AnalyticsCharts';
import { AnalyticsFilterForm } from '../../src/components/analytics/AnalyticsFilterForm';
import { SegmentMembersTable } from '../../src/components/analytics/SegmentMembersTable';
import type { AnalyticsWords } from '../../src/components/analytics/analyticsWords';
import { lastThirtyDays } from '../../src/components/analytics/defaultPeriod';
import { todayIn } from '../../../shared/analytics/period';
import { intlLocale } from '../../../shared/locale';
import { useOfficeApi } from '../api/useOfficeApi';
import type { OfficeError } from '../api/officeApi';
import { useOfficeErrorText, useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';
import {
  fetchOverview,
  fetchRfm,
  fetchSegmentMembers,
  type OfficeAnalyticsFilter,
  type RfmScope,
} from './analyticsApi';
import { RfmScopeChoice } from './RfmScopeChoice';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Head office's loyalty analytics: the same charts as the terminal's, across the chain or for
 * one store, over a period in the admin's time zone, with the RFM drill-down. RFM covers all
 * history up to today unless the admin picks the period (RfmScopeChoice.tsx).
 */
export function AnalyticsPage() {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const errorText = useOfficeErrorText();
  const locale = useOfficeStore((s) => s.locale);
  const call = useOfficeApi();
  const [filter, setFilter] = useState<OfficeAnalyticsFilter>(() => ({
    ...lastThirtyDays(Date.now(), browserZone()),
    tierId: null,
    storeId: null,
    timeZone: browserZone(),
  }));
  const [overview, setOverview] = useState<AnalyticsOverview | null>(null);
  const [stores, setStores] = useState<{ id: string; name: string }[]>([]);
  const [campaigns, setCampaigns] = useState<{ id: string; name: string }[]>([]);
  const [segment, setSegment] = useState<{
    segment: RfmSegment;
    members: SegmentMember[];
    total: number;
  } | null>(null);
  const [rfmScope, setRfmScope] = useState<RfmScope>('allHistory');
  /**
   * The RFM panel's figures over all history (store and tier still apply), with the filter they
   * answer and the day they are as of: figures for another filter are still loading.
   */
  const [allHistory, setAllHistory] = useState<{
    filter: OfficeAnalyticsFilter;
    figures: AnalyticsOverview['rfm'];
    asOf: string;
  } | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const [loading, setLoading] = useState(true);

  const words: AnalyticsWords = useMemo(() => {
    const days = new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });
    const instants = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium' });
    return {
      t,
      money: (minor) => format.money(minor, overview?.currency ?? null),
      number: format.number,
      // A calendar date stays that date (UTC); an instant is shown in the admin's own zone.
      day: (value) =>
        /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? days.format(new Date(`${value}T00:00:00Z`))
          : instants.format(new Date(value)),
      dateTime: format.dateTime,
      dateLocale: intlLocale(locale),
    };
  }, [t, format, locale, overview?.currency]);

  const apply = useCallback((result: Awaited<ReturnType<typeof fetchOverview>>) => {
    setLoading(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setSegment(null);
    setOverview(result.value);
  }, []);

  const load = async (next: OfficeAnalyticsFilter) => {
    setLoading(true);
    apply(await fetchOverview(call, next));
  };

  // On opening: the default period, and the stores for the filter. Later loads come from the form.
  const [initial] = useState(filter);
  useEffect(() => {
    let live = true;
    void Promise.all([fetchOverview(call, initial), call('stores.list'), call('config.get')]).then(
      ([result, storeList, config]) => {
        if (!live) return;
        apply(result);
        if (storeList.ok) setStores(storeList.value.stores);
        // The coupons chart names campaigns as the chain's program does.
        if (config.ok) setCampaigns(config.value.program.coupons.campaigns);
      },
    );
    return () => {
      live = false;
    };
  }, [call, apply, initial]);

  // All history does not depend on the period, but does on the store, tier and zone: reload it
  // whenever the filter is shown again, and when the admin switches back to it.
  useEffect(() => {
    if (rfmScope !== 'allHistory') return;
    let live = true;
    void fetchRfm(call, filter, 'allHistory').then((result) => {
      if (!live) return;
      if (!result.ok) return setError(result.error);
      // "Today" as head office read it: the day it is now where the admin sits.
      const asOf = todayIn(Date.now(), filter.timeZone);
      setAllHistory({ filter, figures: result.value, asOf });
    });
    return () => {
      live = false;
    };
  }, [call, filter, rfmScope]);

  const rfm = useMemo(() => {
    const controls = (
      <RfmScopeChoice
        scope={rfmScope}
        t={t}
        onChange={(scope) => {
          setSegment(null);
          setRfmScope(scope);
        }}
      />
    );
    if (rfmScope === 'period' && overview) {
      const summary = t('analytics.rfmSummary', { count: format.number(overview.rfm.scored) });
      return { figures: overview.rfm, summary, controls };
    }
    if (allHistory?.filter !== filter) {
      return { figures: { scored: 0, segments: [] }, summary: t('analytics.loading'), controls };
    }
    const summary = t('analytics.rfmScopeAllSummary', {
      count: format.number(allHistory.figures.scored),
      date: words.day(allHistory.asOf),
    });
    return { figures: allHistory.figures, summary, controls };
  }, [rfmScope, overview, allHistory, t, format, words, filter]);

  const openSegment = async (chosen: RfmSegment) => {
    const result = await fetchSegmentMembers(call, filter, chosen, rfmScope);
    if (!result.ok) return setError(result.error);
    setSegment({ segment: chosen, ...result.value });
  };

  return (
    <section className="card analytics" aria-labelledby="analytics-title">
      <h1 id="analytics-title">{t('analytics.title')}</h1>
      <AnalyticsFilterForm
        filter={filter}
        tiers={overview?.tiers ?? []}
        stores={stores}
        words={words}
        onShow={(next) => {
          const chosen = {
            ...filter,
            from: next.from,
            to: next.to,
            tierId: next.tierId,
            storeId: next.storeId ?? null,
          };
          setFilter(chosen);
          void load(chosen);
        }}
      />
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
      {loading && <p role="status">{t('analytics.loading')}</p>}
      {segment ? (
        <SegmentMembersTable
          segment={segment.segment}
          members={segment.members}
          total={segment.total}
          words={words}
          onBack={() => setSegment(null)}
        />
      ) : (
        overview && (
          <AnalyticsCharts
            overview={overview}
            words={words}
            rfm={rfm}
            onSelectSegment={(chosen) => void openSegment(chosen)}
            campaigns={campaigns}
          />
        )
      )}
    </section>
  );
}
