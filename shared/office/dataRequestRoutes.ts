import { z } from 'zod';
import { id } from '../api/fields';
import { errorBody } from '../contract/errors';
import { admin, roleGroups, route } from '../contract/route';
import {
  dataRequestList,
  dataRequestView,
  erasureView,
  listDataRequestsQuery,
  memberExport,
  memberExportQuery,
  newDataRequest,
  privacyPolicy,
  retentionReport,
  setDataRequestStatus,
} from './dataRequests';

const byId = z.strictObject({ id });

/**
 * Who may do what with data-subject requests, in one place so the head-office roles (customer
 * service, analyst, store manager) are applied here once. Today every route admits admins; the
 * approver of an erasure must besides be another person than whoever logged it (enforced by
 * server/privacy/erasure.ts, whatever the roles).
 */
export const dataRequestAuth = {
  log: admin(roleGroups.personalData),
  read: admin(roleGroups.personalData),
  export: admin(roleGroups.personalData),
  approveErasure: admin(roleGroups.adminOnly),
  policy: admin(roleGroups.adminOnly),
} as const;

/** /admin/data-requests, /admin/members/:id/export, /admin/privacy/*: data-subject rights. */
export const dataRequestRoutes = {
  'dataRequests.list': route({
    method: 'GET',
    path: '/admin/data-requests',
    summary: 'Access, correction and erasure requests, overdue first, then by due date',
    auth: dataRequestAuth.read,
    request: { query: listDataRequestsQuery },
    responses: { 200: dataRequestList },
  }),
  'dataRequests.create': route({
    method: 'POST',
    path: '/admin/data-requests',
    summary: 'Log a request from a member; its due date follows the privacy policy',
    auth: dataRequestAuth.log,
    request: { body: newDataRequest },
    responses: { 201: dataRequestView, 404: errorBody, 409: errorBody },
  }),
  'dataRequests.setStatus': route({
    method: 'POST',
    path: '/admin/data-requests/:id/status',
    summary:
      'Move a request on (in progress, completed, rejected); an erasure completes only by approval',
    auth: dataRequestAuth.log,
    request: { params: byId, body: setDataRequestStatus },
    responses: { 200: dataRequestView, 404: errorBody, 409: errorBody },
  }),
  'dataRequests.approveErasure': route({
    method: 'POST',
    path: '/admin/data-requests/:id/approve-erasure',
    summary:
      'A second admin approves an erasure: the member is anonymised everywhere, irreversibly',
    auth: dataRequestAuth.approveErasure,
    request: { params: byId },
    responses: { 200: erasureView, 403: errorBody, 404: errorBody, 409: errorBody },
  }),
  'members.export': route({
    method: 'GET',
    path: '/admin/members/:id/export',
    summary:
      "Everything head office holds about a member, as JSON (format=pdf: a PDF in the member's language)",
    auth: dataRequestAuth.export,
    request: { params: byId, query: memberExportQuery },
    responses: { 200: memberExport, 404: errorBody, 409: errorBody },
    alsoAs: { 200: 'application/pdf' },
  }),
  'privacy.policy': route({
    method: 'GET',
    path: '/admin/privacy/policy',
    summary: 'Days to answer a request, and years of inactivity after which members are anonymised',
    auth: dataRequestAuth.policy,
    request: {},
    responses: { 200: privacyPolicy },
  }),
  'privacy.setPolicy': route({
    method: 'PUT',
    path: '/admin/privacy/policy',
    summary: 'Set the request deadline and the retention period',
    auth: dataRequestAuth.policy,
    request: { body: privacyPolicy },
    responses: { 200: privacyPolicy },
  }),
  'privacy.retention': route({
    method: 'GET',
    path: '/admin/privacy/retention',
    summary: 'Members the retention job will anonymise within the notice period, soonest first',
    auth: dataRequestAuth.read,
    request: {},
    responses: { 200: retentionReport },
  }),
};
