import { headOfficeOpenApi, type headOfficeRoutes } from '../../shared/office/contract';
import { succeed } from '../platform/errors';
import type { RouteHandlers } from './registerRoutes';

type DocsRoutes = Pick<typeof headOfficeRoutes, 'docs.openapi'>;

/** GET /docs/openapi.json: generated from the contract once, when head office starts. */
export function docsHandlers(): RouteHandlers<DocsRoutes> {
  const document = headOfficeOpenApi();
  return { 'docs.openapi': async () => succeed(document) };
}
