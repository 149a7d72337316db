import { admin, roleGroups, route } from '../contract/route';
import { churnReport, cohortsReport, ltvQuery, ltvReport, metricsQuery } from './metrics';

/** /admin/metrics/*: retention, churn, repeat and LTV across the chain; aggregates only. */
export const metricsRoutes = {
  'metrics.cohorts': route({
    method: 'GET',
    path: '/admin/metrics/cohorts',
    summary:
      'Members by month of first purchase: % active and spend per member in each later month',
    auth: admin(roleGroups.chainFigures),
    request: { query: metricsQuery },
    responses: { 200: cohortsReport },
  }),
  'metrics.churn': route({
    method: 'GET',
    path: '/admin/metrics/churn',
    summary: 'Churn and repeat purchase rate per month, for the chain, each store and each tier',
    auth: admin(roleGroups.chainFigures),
    request: { query: metricsQuery },
    responses: { 200: churnReport },
  }),
  'metrics.ltv': route({
    method: 'GET',
    path: '/admin/metrics/ltv',
    summary: 'Expected 12-month value per member (BG/NBD), with its error on a held-back period',
    auth: admin(roleGroups.chainFigures),
    request: { query: ltvQuery },
    responses: { 200: ltvReport },
  }),
};
