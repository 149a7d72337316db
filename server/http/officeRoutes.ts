import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { refuse, succeed, type Outcome } from '../platform/errors';
import type { HeadOffice } from '../headOffice';
import { parseInput } from '../platform/parse';
import { guard } from '../platform/errors';
import { reportCsv } from '../admin/reports';
import { SESSION_LIFETIME_MS, newAdminUserRequest } from '../office/adminUsers';
import {
  SESSION_COOKIE,
  checkBrowserRequest,
  clearedSessionCookie,
  readCookie,
  sessionCookie,
} from './sessionAuth';

/** How the routes answer an Outcome: the caller's own `answer` from server.ts. */
export type Answer = <T>(
  reply: FastifyReply,
  outcome: Outcome<T>,
  successStatus?: number,
) => unknown;

export interface OfficeRouteOptions {
  /** Sign-in attempts per address per window, on top of the per-name pause. */
  signInRateLimit?: { max: number; timeWindowMs: number };
}

const firstAdminRequest = z.strictObject({
  adminToken: z.string().min(1).max(512),
  ...newAdminUserRequest.shape,
});

function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/**
 * /office/api/*: signing in and out of the head-office UI, the signed-in admin's language, and
 * the first admin on a new head office. Everything else the UI does goes to /admin/* with the
 * session cookie.
 */
export async function registerOfficeApi(
  app: FastifyInstance,
  headOffice: HeadOffice,
  answer: Answer,
  options: OfficeRouteOptions = {},
): Promise<void> {
  const { adminUsers } = headOffice;
  const limit = options.signInRateLimit ?? { max: 20, timeWindowMs: 60_000 };
  const byAddress = {
    config: {
      rateLimit: {
        max: limit.max,
        timeWindow: limit.timeWindowMs,
        // By address whatever headers say: a made-up Authorization must not buy more guesses.
        keyGenerator: (request: FastifyRequest) => `sign-in:${request.ip}`,
      },
    },
  };

  const signedIn = async (request: FastifyRequest) =>
    adminUsers.authenticateSession(readCookie(request, SESSION_COOKIE));

  app.get('/office/api/session', async (request, reply) => {
    const session = await signedIn(request);
    if (session.ok) return answer(reply, succeed({ signedIn: true, ...session.value }));
    return answer(
      reply,
      succeed({ signedIn: false, needsFirstAdmin: (await adminUsers.countAdminUsers()) === 0 }),
    );
  });

  app.post('/office/api/session', byAddress, async (request, reply) => {
    const browser = checkBrowserRequest(request);
    if (!browser.ok) return answer(reply, browser);
    const result = await adminUsers.signIn(request.body, { address: request.ip });
    if (!result.ok) {
      const wait = result.error.details?.retryAfterSeconds;
      if (typeof wait === 'number') reply.header('retry-after', String(wait));
      return answer(reply, result);
    }
    reply.header(
      'set-cookie',
      sessionCookie(result.value.token, SESSION_LIFETIME_MS / 1000, secure(request)),
    );
    return answer(reply, succeed({ signedIn: true, ...result.value.session }));
  });

  app.delete('/office/api/session', async (request, reply) => {
    const browser = checkBrowserRequest(request);
    if (!browser.ok) return answer(reply, browser);
    await adminUsers.signOut(readCookie(request, SESSION_COOKIE));
    reply.header('set-cookie', clearedSessionCookie(secure(request)));
    return answer(reply, succeed({ signedIn: false }));
  });

  app.put('/office/api/session/language', async (request, reply) => {
    const session = await signedIn(request);
    if (!session.ok) return answer(reply, session);
    const browser = checkBrowserRequest(request);
    if (!browser.ok) return answer(reply, browser);
    return answer(reply, await adminUsers.setLanguage(session.value.user.id, request.body));
  });

  /**
   * A new head office has no admin users. Whoever holds the admin token printed at first start
   * may create the first one from the sign-in page; after that this route refuses.
   */
  app.post('/office/api/first-admin', byAddress, async (request, reply) => {
    const browser = checkBrowserRequest(request);
    if (!browser.ok) return answer(reply, browser);
    const outcome = await guard(async () => {
      const body = parseInput(firstAdminRequest, request.body, 'first admin');
      const token = await headOffice.authenticateAdmin(body.adminToken);
      if (!token.ok) return refuse('unauthorized', 'That admin token is not valid.');
      if ((await adminUsers.countAdminUsers()) > 0) {
        return refuse('name_taken', 'Head office already has admin users; sign in instead.');
      }
      return adminUsers.addAdminUser(token.value.actor, {
        name: body.name,
        password: body.password,
      });
    });
    return answer(reply, outcome, 201);
  });
}

/** /admin/* routes the UI added; registered inside server.ts's authenticated admin scope. */
export function registerOfficeAdminRoutes(
  admin: FastifyInstance,
  headOffice: HeadOffice,
  answer: Answer,
  actorOf: (request: FastifyRequest) => string,
): void {
  const { admin: office } = headOffice;
  admin.get('/admin/reports', async (request, reply) => {
    const outcome = await office.report(request.query);
    const format = (request.query as Record<string, unknown> | undefined)?.format;
    if (outcome.ok && format === 'csv') {
      const { from, to } = outcome.value;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${from}-${to}.csv"`)
        .send(`\ufeff${reportCsv(outcome.value)}`);
    }
    return answer(reply, outcome);
  });
  admin.get('/admin/config/history', async (request, reply) =>
    answer(reply, await office.configHistory(request.query)),
  );
  admin.get('/admin/admin-users', async (_request, reply) =>
    answer(reply, await headOffice.adminUsers.listAdminUsers()),
  );
  admin.post('/admin/admin-users', async (request, reply) =>
    answer(reply, await headOffice.adminUsers.addAdminUser(actorOf(request), request.body), 201),
  );
}
