import { rfmFigures, analyticsOverview, segmentMembersPage } from '../analytics/report';
import { admin, roleGroups, route } from '../contract/route';
import { analyticsQuery, rfmQuery, segmentMembersQuery } from './analytics';

/** /admin/analytics/*: read-only loyalty analytics across stores. */
export const analyticsRoutes = {
  'analytics.overview': route({
    method: 'GET',
    path: '/admin/analytics/overview',
    summary: 'Every loyalty figure for a period, store and tier',
    auth: admin(roleGroups.figures),
    request: { query: analyticsQuery },
    responses: { 200: analyticsOverview },
  }),
  'analytics.rfm': route({
    method: 'GET',
    path: '/admin/analytics/rfm',
    summary: 'Members per RFM segment (all history up to today unless a period is given)',
    auth: admin(roleGroups.figures),
    request: { query: rfmQuery },
    responses: { 200: rfmFigures },
  }),
  'analytics.segmentMembers': route({
    method: 'GET',
    path: '/admin/analytics/segment-members',
    summary: "A page of one segment's members, highest M score first",
    auth: admin(['admin', 'analyst']),
    request: { query: segmentMembersQuery },
    responses: { 200: segmentMembersPage },
  }),
};
