import type { syncRoutes } from '../../shared/sync/routes';
import type { HeadOffice } from '../headOffice';
import { refuse, succeed } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { pushGate, type PushGateOptions } from './pushGate';
import type { RouteHandlers } from './registerRoutes';

const log = createLogger('http');

/** What terminals call: health, enrollment, push and pull (shared/sync/routes.ts). */
export function syncHandlers(
  headOffice: HeadOffice,
  gateOptions: PushGateOptions = {},
): RouteHandlers<typeof syncRoutes> {
  const gate = pushGate(gateOptions);
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
    // Through the node's push gate (pushGate.ts): a push beyond its queue is told when to come back.
    'sync.push': async ({ auth, body, reply }) => {
      const pushed = await gate.run(() => headOffice.pushParsed(auth, body));
      if ('value' in pushed) return pushed.value;
      reply.header('retry-after', String(pushed.retryAfterSeconds));
      return refuse(
        'unavailable',
        'Head office is busy with other pushes; send this batch again after the Retry-After delay.',
      );
    },
    'sync.pull': ({ auth, body }) => headOffice.pull(auth, body),
    'sync.operations': ({ auth, body }) => headOffice.ownOperations(auth, body),
  };
}
