import type { AnalyticsOverview, SegmentMember } from '../../../shared/analytics/report';
import type { RfmSegment } from '../../../shared/analytics/rfm';
import { query, type OfficeResult } from '../api/officeApi';

type Call = <T>(method: 'GET', path: string) => Promise<OfficeResult<T>>;

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

function filterQuery(
  filter: OfficeAnalyticsFilter,
  extra: Record<string, string | number> = {},
  scope: RfmScope = 'period',
) {
  // All history: no from and no to, so head office reads "up to today" in the admin's zone.
  const period = scope === 'period' ? { from: filter.from, to: filter.to } : {};
  return query({
    ...period,
    tierId: filter.tierId ?? undefined,
    storeId: filter.storeId ?? undefined,
    timeZone: filter.timeZone,
    ...extra,
  });
}

/** GET /admin/analytics/overview: every figure for the filter. */
export function fetchOverview(call: Call, filter: OfficeAnalyticsFilter) {
  return call<AnalyticsOverview>('GET', `/admin/analytics/overview${filterQuery(filter)}`);
}

/** GET /admin/analytics/rfm: members per segment, for the RFM panel's scope. */
export function fetchRfm(call: Call, filter: OfficeAnalyticsFilter, scope: RfmScope) {
  return call<AnalyticsOverview['rfm']>(
    'GET',
    `/admin/analytics/rfm${filterQuery(filter, {}, scope)}`,
  );
}

/** GET /admin/analytics/segment-members: the drill-down, over the RFM panel's scope. */
export function fetchSegmentMembers(
  call: Call,
  filter: OfficeAnalyticsFilter,
  segment: RfmSegment,
  scope: RfmScope,
) {
  return call<{ members: SegmentMember[]; total: number }>(
    'GET',
    `/admin/analytics/segment-members${filterQuery(filter, { segment, limit: 200 }, scope)}`,
  );
}
