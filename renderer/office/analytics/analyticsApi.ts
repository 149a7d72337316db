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

function filterQuery(filter: OfficeAnalyticsFilter, extra: Record<string, string | number> = {}) {
  return query({
    from: filter.from,
    to: filter.to,
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

/** GET /admin/analytics/segment-members: the drill-down. */
export function fetchSegmentMembers(
  call: Call,
  filter: OfficeAnalyticsFilter,
  segment: RfmSegment,
) {
  return call<{ members: SegmentMember[]; total: number }>(
    'GET',
    `/admin/analytics/segment-members${filterQuery(filter, { segment, limit: 200 })}`,
  );
}
