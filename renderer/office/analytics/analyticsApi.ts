import type { RfmSegment } from '../../../shared/analytics/rfm';
import type { OfficeCall } from '../api/officeApi';

export interface OfficeAnalyticsFilter {
  from: string;
  to: string;
  tierId: string | null;
  storeId: string | null;
  /** The admin's own zone: "March" means March where they sit. */
  timeZone: string;
}

/**
 * What the RFM panel and its drill-down cover: every purchase up to today (the default: head
 * office answers the chain from its member activity summary, fast), or the page's period.
 */
export type RfmScope = 'allHistory' | 'period';

/** The store, tier and zone of the filter, as the analytics routes' query has them. */
function filterQuery(filter: OfficeAnalyticsFilter) {
  return {
    tierId: filter.tierId ?? undefined,
    storeId: filter.storeId ?? undefined,
    timeZone: filter.timeZone,
  };
}

/** The period for a scope: all history is no from and no to ("up to today" in the admin's zone). */
function periodOf(filter: OfficeAnalyticsFilter, scope: RfmScope) {
  return scope === 'period' ? { from: filter.from, to: filter.to } : {};
}

/** Every figure for the filter. */
export function fetchOverview(call: OfficeCall, filter: OfficeAnalyticsFilter) {
  return call('analytics.overview', {
    query: { from: filter.from, to: filter.to, ...filterQuery(filter) },
  });
}

/** Members per segment, for the RFM panel's scope. */
export function fetchRfm(call: OfficeCall, filter: OfficeAnalyticsFilter, scope: RfmScope) {
  return call('analytics.rfm', { query: { ...periodOf(filter, scope), ...filterQuery(filter) } });
}

/** The drill-down, over the RFM panel's scope. */
export function fetchSegmentMembers(
  call: OfficeCall,
  filter: OfficeAnalyticsFilter,
  segment: RfmSegment,
  scope: RfmScope,
) {
  return call('analytics.segmentMembers', {
    query: { ...periodOf(filter, scope), ...filterQuery(filter), segment, limit: 200 },
  });
}
