import type { syncRoutes } from '../../shared/sync/routes';
import type { HeadOffice } from '../headOffice';
import { refuse, succeed } from '../platform/errors';
import { createLogger } from '../platform/logger';
import type { RouteHandlers } from './registerRoutes';

const log = createLogger('http');

/** What terminals call: health, enrollment, push and pull (shared/sync/routes.ts). */
export function syncHandlers(headOffice: HeadOffice): RouteHandlers<typeof syncRoutes> {
  return {
    async health() {
      try {
        return succeed(await headOffice.health());
      } catch (error) {
        log.error('health check failed', error);
        return refuse('unavailable', 'The database is not answering.');
      }
    },
    enroll: ({ body }) => headOffice.enroll(body),
    // The route's schema has parsed the body already (registerRoutes): not parsed twice.
    // The route's schema has parsed the body already (registerRoutes): not parsed twice. The
    // node's push gate (server.ts, pushGate.ts) admitted it before its body was read.
    'sync.push': ({ auth, body }) => headOffice.pushParsed(auth, body),
    'sync.pull': ({ auth, body }) => headOffice.pull(auth, body),
    'sync.operations': ({ auth, body }) => headOffice.ownOperations(auth, body),
  };
}
