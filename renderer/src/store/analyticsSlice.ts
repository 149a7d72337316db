import { approvalFor } from './approval';
import type { StateCreator } from 'zustand';
import type { AnalyticsOverview, SegmentMember } from '../../../shared/analytics/report';
import type { RfmSegment } from '../../../shared/analytics/rfm';
import { api } from '../api';
import type { AppState } from './types';

export interface AnalyticsFilter {
  /** "YYYY-MM-DD" in the shop's time zone, inclusive; '' until the screen picks a default. */
  from: string;
  to: string;
  tierId: string | null;
}

export interface AnalyticsSlice {
  analyticsFilter: AnalyticsFilter;
  analytics: AnalyticsOverview | null;
  analyticsLoading: boolean;
  /** The RFM segment drilled into, with its members; null shows the charts. */
  segmentView: { segment: RfmSegment; members: SegmentMember[]; total: number } | null;
  setAnalyticsFilter(filter: AnalyticsFilter): void;
  loadAnalytics(): Promise<void>;
  openSegment(segment: RfmSegment): Promise<void>;
  closeSegment(): void;
}

/** Only the latest request may land: a slow answer for an older filter is dropped. */
let generation = 0;

export const createAnalyticsSlice: StateCreator<AppState, [], [], AnalyticsSlice> = (set, get) => ({
  analyticsFilter: { from: '', to: '', tierId: null },
  analytics: null,
  analyticsLoading: false,
  segmentView: null,
  setAnalyticsFilter(filter) {
    set({ analyticsFilter: filter });
  },
  async loadAnalytics() {
    const filter = get().analyticsFilter;
    if (!filter.from || !filter.to) return;
    const mine = ++generation;
    set({ analyticsLoading: true });
    const result = await api.invoke('analytics.overview', {
      ...filter,
      ...approvalFor(get().managerApproval, 'analytics'),
    });
    if (mine !== generation) return;
    set({ analyticsLoading: false });
    if (!result.ok) return get().showError(result.error);
    set({ analytics: result.value, segmentView: null });
  },
  async openSegment(segment) {
    const mine = ++generation;
    const result = await api.invoke('analytics.segmentMembers', {
      ...get().analyticsFilter,
      segment,
      limit: 200,
      ...approvalFor(get().managerApproval, 'analytics'),
    });
    if (mine !== generation) return;
    if (!result.ok) return get().showError(result.error);
    set({ segmentView: { segment, ...result.value } });
  },
  closeSegment() {
    set({ segmentView: null });
  },
});
