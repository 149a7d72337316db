import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { AnalyticsCharts } from './AnalyticsCharts';
import { AnalyticsFilterForm } from './AnalyticsFilterForm';
import { SegmentMembersTable } from './SegmentMembersTable';
import { lastThirtyDays } from './defaultPeriod';
import { useTerminalAnalyticsWords } from './useTerminalAnalyticsWords';

/**
 * The store manager's loyalty analytics: charts over a period and tier, an RFM segment's
 * members on a click, and a member's own screen from there.
 */
export function AnalyticsPanel() {
  const words = useTerminalAnalyticsWords();
  const filter = useAppStore((s) => s.analyticsFilter);
  const overview = useAppStore((s) => s.analytics);
  const loading = useAppStore((s) => s.analyticsLoading);
  const segmentView = useAppStore((s) => s.segmentView);
  const timeZone = useAppStore((s) => s.terminal?.timeZone);
  const program = useAppStore((s) => s.program);
  const loadProgram = useAppStore((s) => s.loadProgram);
  const setFilter = useAppStore((s) => s.setAnalyticsFilter);
  const loadAnalytics = useAppStore((s) => s.loadAnalytics);
  const openSegment = useAppStore((s) => s.openSegment);
  const closeSegment = useAppStore((s) => s.closeSegment);
  const openMember = useAppStore((s) => s.openMember);

  useEffect(() => {
    if (!program) void loadProgram();
  }, [program, loadProgram]);

  useEffect(() => {
    if (!filter.from) {
      setFilter({ ...lastThirtyDays(Date.now(), timeZone), tierId: null });
      void loadAnalytics();
    }
  }, [filter.from, timeZone, setFilter, loadAnalytics]);

  const tiers =
    overview?.tiers ?? program?.tiers.levels.map((l) => ({ id: l.id, name: l.name })) ?? [];

  return (
    <section aria-labelledby="analytics-title" className="analytics">
      <h1 id="analytics-title">{words.t('analytics.title')}</h1>
      {filter.from && (
        <AnalyticsFilterForm
          key={`${filter.from}/${filter.to}/${filter.tierId ?? ''}`}
          filter={filter}
          tiers={tiers}
          words={words}
          onShow={(next) => {
            setFilter({ from: next.from, to: next.to, tierId: next.tierId });
            void loadAnalytics();
          }}
        />
      )}
      {loading && <p role="status">{words.t('analytics.loading')}</p>}
      {segmentView ? (
        <SegmentMembersTable
          segment={segmentView.segment}
          members={segmentView.members}
          total={segmentView.total}
          words={words}
          onBack={closeSegment}
          onSelectMember={(id) => void openMember(id)}
        />
      ) : (
        overview && (
          <AnalyticsCharts
            overview={overview}
            words={words}
            onSelectSegment={(segment) => void openSegment(segment)}
            onSelectMember={(id) => void openMember(id)}
            campaigns={program?.coupons.campaigns ?? []}
          />
        )
      )}
    </section>
  );
}
