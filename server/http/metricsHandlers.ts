import type { metricsRoutes } from '../../shared/office/metricsRoutes';
import type { HeadOffice } from '../headOffice';
import type { RouteHandlers } from './registerRoutes';

/** /admin/metrics/*: the query is parsed by the contract, and again by metricsService.ts. */
export function metricsHandlers(headOffice: HeadOffice): RouteHandlers<typeof metricsRoutes> {
  const { metrics } = headOffice;
  return {
    'metrics.cohorts': ({ query }) => metrics.cohorts(query),
    'metrics.churn': ({ query }) => metrics.churn(query),
    'metrics.ltv': ({ query }) => metrics.ltv(query),
  };
}
