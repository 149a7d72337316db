import type { FastifyRequest } from 'fastify';
import type { sessionRoutes } from '../../shared/office/sessionRoutes';
import type { HeadOffice } from '../headOffice';
import { SESSION_LIFETIME_MS } from '../office/adminUsers';
import { DEFAULT_AUTH_FAILURE_LIMITS } from '../admin/authFailures';
import { refuse, succeed } from '../platform/errors';
import {
  failedAuthentication,
  replied,
  sendTooManyFailures,
  type AuthFailureLimits,
  type RouteHandlers,
} from './registerRoutes';
import { SESSION_COOKIE } from '../../shared/contract/route';
import { clearedSessionCookie, readCookie, sessionCookie } from './sessionAuth';

function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/**
 * /office/api/*: signing in and out of the office UI, the signed-in person's language, and the
 * first admin on a new head office. The office UI's header is checked before these run (the
 * routes' `officeUi` and `session` auth).
 */
export function sessionHandlers(
  headOffice: HeadOffice,
  limits: AuthFailureLimits = DEFAULT_AUTH_FAILURE_LIMITS,
): RouteHandlers<typeof sessionRoutes> {
  const { adminUsers } = headOffice;
  return {
    async 'session.get'({ request }) {
      const session = await adminUsers.authenticateSession(readCookie(request, SESSION_COOKIE));
      if (session.ok) return succeed({ signedIn: true as const, ...session.value });
      return succeed({
        signedIn: false as const,
        needsFirstAdmin: (await adminUsers.countAdminUsers()) === 0,
      });
    },

    async 'session.signIn'({ body, request, reply }) {
      const result = await adminUsers.signIn(body, { address: request.ip });
      if (!result.ok) {
        const wait = result.error.details?.retryAfterSeconds;
        if (typeof wait === 'number') reply.header('retry-after', String(wait));
        return result;
      }
      reply.header(
        'set-cookie',
        sessionCookie(result.value.token, SESSION_LIFETIME_MS / 1000, secure(request)),
      );
      return succeed({ signedIn: true as const, ...result.value.session });
    },

    async 'session.signOut'({ request, reply }) {
      await adminUsers.signOut(readCookie(request, SESSION_COOKIE));
      reply.header('set-cookie', clearedSessionCookie(secure(request)));
      return succeed({ signedIn: false as const });
    },

    'session.setLanguage': ({ auth, body }) => adminUsers.setLanguage(auth.user.id, body),

    /**
     * A new head office has no admin users. Whoever holds the admin token printed at first
     * start may create the first one from the sign-in page; after that this route refuses.
     */
    async 'session.firstAdmin'({ body, request, reply }) {
      const token = await headOffice.authenticateAdmin(body.adminToken);
      if (!token.ok) {
        // A wrong admin token here counts as one anywhere (registerRoutes.ts).
        const wait = await failedAuthentication(headOffice, limits, request, body.adminToken);
        if (wait > 0) {
          sendTooManyFailures(reply, wait);
          return replied;
        }
        return refuse('unauthorized', 'That admin token is not valid.');
      }
      if ((await adminUsers.countAdminUsers()) > 0) {
        return refuse('name_taken', 'Head office already has admin users; sign in instead.');
      }
      return adminUsers.addAdminUser(token.value.actor, {
        name: body.name,
        password: body.password,
      });
    },
  };
}
