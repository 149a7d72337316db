import { z } from 'zod';
import { openApiDocumentOf } from '../contract/openapi';
import { anyone, mergeRoutes, route, type Pages, type RouteName } from '../contract/route';
import { SYNC_PROTOCOL_VERSION } from '../sync/protocol';
import { syncRoutes } from '../sync/routes';
import { adminRoutes } from './adminRoutes';
import { analyticsRoutes } from './analyticsRoutes';
import { messageRoutes } from './messages';
import { dataRequestRoutes } from './dataRequestRoutes';
import { campaignRoutes } from './campaignRoutes';
import { catalogueRoutes } from './catalogue';
import { memberRoutes } from './members';
import { metricsRoutes } from './metricsRoutes';
import { sessionRoutes } from './sessionRoutes';

/** An OpenAPI 3.1 document, as far as a reader of GET /docs/openapi.json relies on it. */
export const openApiDocument = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export const docsRoutes = {
  'docs.openapi': route({
    method: 'GET',
    path: '/docs/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document, generated from the contract',
    auth: anyone,
    request: {},
    responses: { 200: openApiDocument },
  }),
};

/**
 * Head office's one contract: every route it answers, terminals' (shared/sync/routes.ts) and
 * admins' and the office UI's (this folder). The fastify routes, the office UI's client and the
 * OpenAPI document are all derived from it; a route head office registers outside it fails
 * server/http/contract.test.ts.
 */
export const headOfficeRoutes = mergeRoutes(
  syncRoutes,
  adminRoutes,
  analyticsRoutes,
  sessionRoutes,
  docsRoutes,
  messageRoutes,
  dataRequestRoutes,
  campaignRoutes,
  memberRoutes,
  metricsRoutes,
  catalogueRoutes,
);
export type HeadOfficeRoutes = typeof headOfficeRoutes;
export type HeadOfficeRouteName = RouteName<HeadOfficeRoutes>;

/** What the office UI calls: everything but the terminals' routes. */
export const officeRoutes = mergeRoutes(
  adminRoutes,
  analyticsRoutes,
  sessionRoutes,
  docsRoutes,
  messageRoutes,
  dataRequestRoutes,
  campaignRoutes,
  memberRoutes,
  metricsRoutes,
  catalogueRoutes,
);
export type OfficeRoutes = typeof officeRoutes;
export type OfficeRouteName = RouteName<OfficeRoutes>;

/** What head office serves besides JSON: the office UI. */
export const headOfficePages = {
  'office.redirect': {
    method: 'GET',
    path: '/office',
    summary: 'Redirects to /office/',
    serves: 'redirect',
    mediaType: 'text/plain',
  },
  'office.page': {
    method: 'GET',
    path: '/office/',
    summary: "The office UI's page (503 with how to build it, until it is built)",
    serves: 'page',
    mediaType: 'text/html',
  },
  'office.assets': {
    method: 'GET',
    path: '/office/assets/*',
    summary: "The office UI's built scripts, styles and fonts (content-hashed names)",
    serves: 'files',
    mediaType: 'application/octet-stream',
  },
} as const satisfies Pages;

/** GET /docs/openapi.json: the whole contract, pages included, as OpenAPI 3.1. */
export function headOfficeOpenApi() {
  return openApiDocumentOf(headOfficeRoutes, headOfficePages, {
    title: 'Loyalty head office',
    version: String(SYNC_PROTOCOL_VERSION),
    description:
      'Terminals enroll, push and pull; admins and the office UI run stores, terminals, the ' +
      'program, exceptions, reports and analytics. Every error is {error: {code, message, ' +
      'details?}}; its status says what to do (400/409 a bug, 401/403 credential, 413 send ' +
      'less, 429 and 5xx retry with backoff).',
  });
}
