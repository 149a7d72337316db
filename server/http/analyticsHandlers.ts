import type { analyticsRoutes } from '../../shared/office/analyticsRoutes';
import type { HeadOffice } from '../headOffice';
import type { RouteHandlers } from './registerRoutes';
import { confineToStore } from './storeScope';

/**
 * /admin/analytics/*: the query is parsed by the contract, and again by analyticsService.ts. A
 * store manager's figures are their store's (storeScope.ts); an analyst's member lists carry no
 * names (analyticsService.ts).
 */
export function analyticsHandlers(headOffice: HeadOffice): RouteHandlers<typeof analyticsRoutes> {
  const { analytics } = headOffice;
  return {
    'analytics.overview': async ({ auth, query }) => {
      const scoped = confineToStore(auth, query);
      if (!scoped.ok) return scoped;
      return analytics.analyticsOverview(scoped.value, { namesShown: auth.role === 'admin' });
    },
    'analytics.rfm': async ({ auth, query }) => {
      const scoped = confineToStore(auth, query);
      return scoped.ok ? analytics.rfmSegments(scoped.value) : scoped;
    },
    'analytics.segmentMembers': ({ auth, query }) =>
      analytics.segmentMembers(query, { namesShown: auth.role === 'admin' }),
  };
}
