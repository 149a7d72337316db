import { z } from 'zod';
import { id } from '../api/fields';
import { errorBody } from '../contract/errors';
import { admin, roleGroups, route } from '../contract/route';
import {
  campaignCostRequest,
  campaignList,
  campaignResults,
  campaignView,
  createCampaignRequest,
  saveSegmentRequest,
  segmentCount,
  segmentDefinition,
  segmentList,
  segmentMemberList,
  segmentMemberPageQuery,
  segmentView,
} from './campaigns';

const byId = z.strictObject({ id });

/** /admin/segments, /admin/campaigns: segments, campaigns and their results (issue 15). */
export const campaignRoutes = {
  'segments.list': route({
    method: 'GET',
    path: '/admin/segments',
    summary: 'Saved segments, each with its live count',
    auth: admin(roleGroups.chainFigures),
    request: {},
    responses: { 200: segmentList },
  }),
  'segments.save': route({
    method: 'POST',
    path: '/admin/segments',
    summary: 'Save a segment definition',
    auth: admin(roleGroups.chainFigures),
    request: { body: saveSegmentRequest },
    responses: { 201: segmentView },
  }),
  'segments.count': route({
    method: 'POST',
    path: '/admin/segments/count',
    summary: 'How many members a definition holds now, without saving it',
    auth: admin(roleGroups.chainFigures),
    request: { body: segmentDefinition },
    responses: { 200: segmentCount },
  }),
  'segments.members': route({
    method: 'GET',
    path: '/admin/segments/:id/members',
    summary: "A page of a segment's members (audited: who looked at which segment)",
    auth: admin(roleGroups.personalData),
    request: { params: byId, query: segmentMemberPageQuery },
    responses: { 200: segmentMemberList, 404: errorBody },
  }),
  'campaigns.list': route({
    method: 'GET',
    path: '/admin/campaigns',
    summary: 'Campaigns with their variants and members per arm',
    auth: admin(roleGroups.chainFigures),
    request: {},
    responses: { 200: campaignList },
  }),
  'campaigns.create': route({
    method: 'POST',
    path: '/admin/campaigns',
    summary: 'A draft campaign: a segment, one or more variants and a holdout (10 % unless set)',
    auth: admin(roleGroups.adminOnly),
    request: { body: createCampaignRequest },
    responses: { 201: campaignView, 404: errorBody },
  }),
  'campaigns.launch': route({
    method: 'POST',
    path: '/admin/campaigns/:id/launch',
    summary: "Assign the segment's members to arms for good and send the offers to terminals",
    auth: admin(roleGroups.adminOnly),
    request: { params: byId },
    responses: { 200: campaignView, 404: errorBody, 409: errorBody },
  }),
  'campaigns.setCost': route({
    method: 'PUT',
    path: '/admin/campaigns/:id/cost',
    summary: 'Enter or correct what a campaign cost, for cost per incremental customer and ROI',
    auth: admin(roleGroups.adminOnly),
    request: { params: byId, body: campaignCostRequest },
    responses: { 200: campaignView, 404: errorBody },
  }),
  'campaigns.results': route({
    method: 'GET',
    path: '/admin/campaigns/:id/results',
    summary:
      'Each variant against the holdout over the attribution window, with 95 % intervals (format=csv: a CSV file)',
    auth: admin(roleGroups.chainFigures),
    request: {
      params: byId,
      query: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }),
    },
    responses: { 200: campaignResults, 404: errorBody },
    alsoAs: { 200: 'text/csv' },
  }),
};
