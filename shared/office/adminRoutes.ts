import { z } from 'zod';
import { id } from '../api/fields';
import { errorBody } from '../contract/errors';
import { admin, roleGroups, route } from '../contract/route';
import { programConfig, pulledConfig } from '../sync/protocol';
import { adminUserList, adminUserView, newAdminUserRequest } from './adminUsers';
import { configHistory, configHistoryQuery } from './config';
import { consentWordingList, memberConsentView, publishConsentWordingRequest } from './consent';
import { exceptionList, exceptionView, listExceptionsQuery, resolveRequest } from './exceptions';
import { consolidatedReport, reportQuery } from './reports';
import {
  createEnrollmentCodeRequest,
  createStoreRequest,
  enrollmentCodeView,
  storeList,
  storeView,
} from './stores';
import { terminalList, terminalView } from './terminals';
import { dismissedProposal, programProposalList, programProposalParams } from './proposals';
import {
  complaintDetail,
  complaintQueue,
  complaintQueueQuery,
  complaintStepRequest,
} from './complaints';
import { voiceDashboard, voiceDashboardQuery, voiceTrend, voiceTrendQuery } from './voice';

const byId = z.strictObject({ id });

/**
 * /admin/*: what an admin does, with an admin token or signed in to the office UI. Each route
 * names the roles it admits (shared/contract/route.ts roleGroups).
 */
export const adminRoutes = {
  'stores.list': route({
    method: 'GET',
    path: '/admin/stores',
    summary: 'Stores with their terminal counts',
    auth: admin(roleGroups.everyone),
    request: {},
    responses: { 200: storeList },
  }),
  'stores.create': route({
    method: 'POST',
    path: '/admin/stores',
    summary: 'Create a store',
    auth: admin(roleGroups.adminOnly),
    request: { body: createStoreRequest },
    responses: { 201: storeView },
  }),
  'stores.createEnrollmentCode': route({
    method: 'POST',
    path: '/admin/stores/:id/enrollment-codes',
    summary:
      'A one-time code that lets one terminal join the store (24 h unless asked, 7 days at most)',
    auth: admin(roleGroups.adminOnly),
    request: { params: byId, body: createEnrollmentCodeRequest.optional() },
    responses: { 201: enrollmentCodeView, 404: errorBody },
  }),
  'terminals.list': route({
    method: 'GET',
    path: '/admin/terminals',
    summary: 'Every terminal: store, number, app version, high-water mark, last seen, revoked',
    auth: admin(roleGroups.adminOnly),
    request: {},
    responses: { 200: terminalList },
  }),
  'terminals.revoke': route({
    method: 'POST',
    path: '/admin/terminals/:id/revoke',
    summary: 'Revoke a terminal for good; revoking again changes nothing',
    auth: admin(roleGroups.adminOnly),
    request: { params: byId },
    responses: { 200: terminalView, 404: errorBody },
  }),
  'config.get': route({
    method: 'GET',
    path: '/admin/config',
    summary: "The chain's program configuration",
    auth: admin(roleGroups.everyone),
    request: {},
    responses: { 200: pulledConfig },
  }),
  'config.set': route({
    method: 'PUT',
    path: '/admin/config',
    summary: 'Set the program and offline policy: a new version, appended to the config stream',
    auth: admin(roleGroups.adminOnly),
    request: { body: programConfig },
    responses: { 200: pulledConfig },
  }),
  'config.history': route({
    method: 'GET',
    path: '/admin/config/history',
    summary: 'Every configuration version, newest first, with who set it',
    auth: admin(roleGroups.adminOnly),
    request: { query: configHistoryQuery },
    responses: { 200: configHistory },
  }),
  'consentWording.list': route({
    method: 'GET',
    path: '/admin/consent/wording',
    summary: 'Every version of the consent wording per purpose, in the three languages',
    auth: admin(roleGroups.personalData),
    request: {},
    responses: { 200: consentWordingList },
  }),
  'consentWording.publish': route({
    method: 'POST',
    path: '/admin/consent/wording',
    summary:
      "A new version of one purpose's consent wording, in the three languages; terminals pull it",
    auth: admin(roleGroups.adminOnly),
    request: { body: publishConsentWordingRequest },
    responses: { 201: consentWordingList },
  }),
  'consent.ofMember': route({
    method: 'GET',
    path: '/admin/members/:id/consent',
    summary: "A member's consent now per channel and purpose, and every event from every store",
    auth: admin(roleGroups.personalData),
    request: { params: byId },
    responses: { 200: memberConsentView, 404: errorBody },
  }),
  'exceptions.list': route({
    method: 'GET',
    path: '/admin/exceptions',
    summary: 'The exceptions queue, oldest first',
    auth: admin(roleGroups.personalData),
    request: { query: listExceptionsQuery },
    responses: { 200: exceptionList },
  }),
  'exceptions.get': route({
    method: 'GET',
    path: '/admin/exceptions/:id',
    summary: 'One exception with its facts',
    auth: admin(roleGroups.personalData),
    request: { params: byId },
    responses: { 200: exceptionView, 404: errorBody },
  }),
  'exceptions.resolve': route({
    method: 'POST',
    path: '/admin/exceptions/:id/resolve',
    summary:
      'Resolve an exception: write off, charge back, reverse or acknowledge; a second resolve is refused (409)',
    auth: admin(roleGroups.adminOnly),
    request: { params: byId, body: resolveRequest },
    responses: { 200: exceptionView, 404: errorBody, 409: errorBody },
  }),
  'reports.consolidated': route({
    method: 'GET',
    path: '/admin/reports',
    summary:
      'The consolidated report by store and in total, at most 366 days (format=csv: a CSV file)',
    auth: admin(['admin', 'analyst']),
    request: { query: reportQuery },
    responses: { 200: consolidatedReport },
    alsoAs: { 200: 'text/csv' },
  }),
  'adminUsers.list': route({
    method: 'GET',
    path: '/admin/admin-users',
    summary: 'The people who may sign in to the office UI',
    auth: admin(roleGroups.adminOnly),
    request: {},
    responses: { 200: adminUserList },
  }),
  'adminUsers.create': route({
    method: 'POST',
    path: '/admin/admin-users',
    summary: 'Add a person who may sign in to the office UI, with their role (and store)',
    auth: admin(roleGroups.adminOnly),
    request: { body: newAdminUserRequest },
    responses: { 201: adminUserView, 404: errorBody, 409: errorBody },
  }),
  'config.proposals': route({
    method: 'GET',
    path: '/admin/config/proposals',
    summary: 'Programs store managers kept and sent as proposals for the chain, oldest first',
    auth: admin(roleGroups.adminOnly),
    request: {},
    responses: { 200: programProposalList },
  }),
  'config.adoptProposal': route({
    method: 'POST',
    path: '/admin/config/proposals/:terminalId/:version/adopt',
    summary: "A proposal's program becomes the chain's next configuration version",
    auth: admin(roleGroups.adminOnly),
    request: { params: programProposalParams },
    responses: { 200: pulledConfig, 404: errorBody },
  }),
  'config.dismissProposal': route({
    method: 'POST',
    path: '/admin/config/proposals/:terminalId/:version/dismiss',
    summary: 'Set a proposal aside; the terminal keeps its own program',
    auth: admin(roleGroups.adminOnly),
    request: { params: programProposalParams },
    responses: { 200: dismissedProposal, 404: errorBody },
  }),
  'complaints.list': route({
    method: 'GET',
    path: '/admin/complaints',
    summary:
      'The complaints queue across stores: by status, severity, store, category, missed deadline and text',
    auth: admin(roleGroups.personalData),
    request: { query: complaintQueueQuery },
    responses: { 200: complaintQueue },
  }),
  'complaints.get': route({
    method: 'GET',
    path: '/admin/complaints/:id',
    summary: 'One complaint with every event from the store and head office',
    auth: admin(roleGroups.personalData),
    request: { params: byId },
    responses: { 200: complaintDetail, 404: errorBody },
  }),
  'complaints.step': route({
    method: 'POST',
    path: '/admin/complaints/:id/steps',
    summary: 'Assign, answer, resolve or reopen a complaint; the store learns it on its next pull',
    auth: admin(roleGroups.personalData),
    request: { params: byId, body: complaintStepRequest },
    responses: { 201: complaintDetail, 404: errorBody, 409: errorBody },
  }),
  'voice.dashboard': route({
    method: 'GET',
    path: '/admin/voice/dashboard',
    summary:
      'NPS with its split and 95% interval, CSAT, response rate, complaints per 1,000 sales, median times, breaches, recovery cost, top reasons, repurchase within 90 days and per-cashier figures from 20 responses, by period, store, cashier and category (format=csv or format=pdf&lang=: a file)',
    auth: admin(roleGroups.chainFigures),
    request: { query: voiceDashboardQuery },
    responses: { 200: voiceDashboard },
    alsoAs: { 200: ['text/csv', 'application/pdf'] },
  }),
  'voice.trend': route({
    method: 'GET',
    path: '/admin/voice/trend',
    summary: 'NPS and CSAT per week or month across a period, by store and cashier',
    auth: admin(roleGroups.chainFigures),
    request: { query: voiceTrendQuery },
    responses: { 200: voiceTrend },
  }),
};
