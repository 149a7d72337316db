import type { analyticsRoutes } from '../../shared/office/analyticsRoutes';
import type { HeadOffice } from '../headOffice';
import type { RouteHandlers } from './registerRoutes';

/** /admin/analytics/*: the query is parsed by the contract, and again by analyticsService.ts. */
export function analyticsHandlers(headOffice: HeadOffice): RouteHandlers<typeof analyticsRoutes> {
  const { analytics } = headOffice;
  return {
    'analytics.overview': ({ query }) => analytics.analyticsOverview(query),
    'analytics.rfm': ({ query }) => analytics.rfmSegments(query),
    'analytics.segmentMembers': ({ query }) => analytics.segmentMembers(query),
  };
}
