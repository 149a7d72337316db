import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AnalyticsOverview, SegmentMember } from '../../../shared/analytics/report';
import type { RfmSegment } from '../../../shared/analytics/rfm';
import { AnalyticsCharts } from '../../src/components/analytics/AnalyticsCharts';
import { AnalyticsFilterForm } from '../../src/components/analytics/AnalyticsFilterForm';
import { SegmentMembersTable } from '../../src/components/analytics/SegmentMembersTable';
import type { AnalyticsWords } from '../../src/components/analytics/analyticsWords';
import { lastThirtyDays } from '../../src/components/analytics/defaultPeriod';
import { intlLocale } from '../../../shared/locale';
import { useOfficeApi } from '../api/useOfficeApi';
import type { OfficeError } from '../api/officeApi';
import { useOfficeErrorText, useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';
import { fetchOverview, fetchSegmentMembers, type OfficeAnalyticsFilter } from './analyticsApi';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Head office's loyalty analytics: the same charts as the terminal's, across the chain or for
 * one store, over a period in the admin's time zone, with the RFM drill-down.
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
  const [segment, setSegment] = useState<{
    segment: RfmSegment;
    members: SegmentMember[];
    total: number;
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
    void Promise.all([
      fetchOverview(call, initial),
      call<{ stores: { id: string; name: string }[] }>('GET', '/admin/stores'),
    ]).then(([result, storeList]) => {
      if (!live) return;
      apply(result);
      if (storeList.ok) setStores(storeList.value.stores);
    });
    return () => {
      live = false;
    };
  }, [call, apply, initial]);

  const openSegment = async (chosen: RfmSegment) => {
    const result = await fetchSegmentMembers(call, filter, chosen);
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
            onSelectSegment={(chosen) => void openSegment(chosen)}
          />
        )
      )}
    </section>
  );
}
