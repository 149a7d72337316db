import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { createHash } from 'node:crypto';
import type { AdminAuth } from '../admin/adminAccess';
import { registerAnalyticsRoutes } from './analyticsRoutes';
import type { HeadOfficeErrorCode, Outcome } from '../platform/errors';
import { decodeRequestBody } from './gzipRequest';
import { statusOf } from '../../shared/contract/errors';
import type { HeadOffice } from '../headOffice';
import { createLogger } from '../platform/logger';
import { DEFAULT_OFFICE_DIR, addSecurityHeaders, registerOfficePages } from './officePages';
import {
  registerOfficeAdminRoutes,
  registerOfficeApi,
  type OfficeRouteOptions,
} from './officeRoutes';
import { authenticateAdminRequest } from './sessionAuth';
import type { TerminalAuth } from '../admin/terminals';

const log = createLogger('http');

export interface ServerOptions {
  /** Largest request body, after decompression. Default 5 MiB: a push of 500 operations fits. */
  bodyLimit?: number;
  /** Requests per credential (or per address, without one) per window. */
  rateLimit?: { max: number; timeWindowMs: number };
  /** Enrollment attempts per address per window: codes are short, guessing must be slow. */
  enrollRateLimit?: { max: number; timeWindowMs: number };
  /** Behind a reverse proxy, read the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** The head-office UI: where its built files are (default out/renderer), sign-in limits. */
  office?: OfficeRouteOptions & { dir?: string };
}

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** Errors the HTTP layer itself answers, beyond head office's own codes. */
type HttpErrorCode =
  | HeadOfficeErrorCode
  | 'route_not_found'
  | 'too_large'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'unsupported_encoding'
  | 'invalid_gzip'
  | 'invalid_json'
  | 'bad_request'
  | 'internal';

export const statusFor = statusOf;

function sendError(
  reply: FastifyReply,
  status: number,
  code: HttpErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply
    .code(status)
    .send({ error: details ? { code, message, details } : { code, message } });
}

function answer<T>(reply: FastifyReply, outcome: Outcome<T>, successStatus = 200) {
  if (outcome.ok) return reply.code(successStatus).send(outcome.value);
  const { code, message, details } = outcome.error;
  return sendError(reply, statusFor(code), code, message, details);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return match?.[1];
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Translates fastify's and the plugins' errors into head office's error body. */
function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  const own = (error as { code?: unknown }).code;
  if (status === 429) {
    return sendError(
      reply,
      429,
      'rate_limited',
      'Too many requests; retry after the Retry-After delay.',
    );
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return sendError(reply, 413, 'too_large', 'The request body is too large.');
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    const code = own === 'unsupported_encoding' ? 'unsupported_encoding' : 'unsupported_media_type';
    return sendError(
      reply,
      415,
      code,
      code === 'unsupported_encoding' ? error.message : 'Send application/json.',
    );
  }
  if (own === 'invalid_gzip') return sendError(reply, 400, 'invalid_gzip', error.message);
  if (
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error instanceof SyntaxError
  ) {
    return sendError(reply, 400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (status >= 400 && status < 500) {
    return sendError(reply, status, 'bad_request', error.message.slice(0, 300));
  }
  log.error(`${request.method} ${request.url} failed`, error);
  return sendError(
    reply,
    500,
    'internal',
    'Head office failed to handle this request; retry later.',
  );
}

/**
 * The head-office HTTP API over a HeadOffice. Routes parse nothing themselves: every body and
 * query goes to head office as unknown, and head office's schemas decide.
 */
export async function buildServer(
  headOffice: HeadOffice,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: false,
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    requestTimeout: 60_000,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  const terminals = new WeakMap<FastifyRequest, TerminalAuth>();
  const admins = new WeakMap<FastifyRequest, AdminAuth>();

  // JSON only: a text/plain body would otherwise reach the schemas as a string.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      404,
      'route_not_found',
      `No route ${request.method} ${request.url.split('?')[0]}.`,
    ),
  );
  app.addHook('preParsing', async (request, _reply, payload) =>
    decodeRequestBody(header(request, 'content-encoding'), payload, bodyLimit),
  );
  app.addHook('onResponse', async (request, reply) => {
    log.debug(
      `${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`,
    );
  });

  const limits = options.rateLimit ?? { max: 600, timeWindowMs: 60_000 };
  await app.register(rateLimit, {
    global: true,
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    // Per credential: a shop's terminals behind one address do not share a budget. The key is a
    // hash, so secrets never sit in the limiter's memory.
    keyGenerator: (request) => {
      const token = bearer(request);
      return token
        ? `credential:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`
        : `address:${request.ip}`;
    },
  });

  addSecurityHeaders(app);
  await registerOfficePages(app, options.office?.dir ?? DEFAULT_OFFICE_DIR);
  await registerOfficeApi(app, headOffice, answer, options.office);

  app.get('/health', async (_request, reply) => {
    try {
      return reply.send(await headOffice.health());
    } catch (error) {
      log.error('health check failed', error);
      return sendError(reply, 503, 'unavailable', 'The database is not answering.');
    }
  });

  const enrollLimit = options.enrollRateLimit ?? { max: 10, timeWindowMs: 60_000 };
  app.post(
    '/enroll',
    {
      config: {
        rateLimit: {
          max: enrollLimit.max,
          timeWindow: enrollLimit.timeWindowMs,
          // By address whatever headers say: a made-up Authorization must not buy more guesses.
          keyGenerator: (request: FastifyRequest) => `enroll:${request.ip}`,
        },
      },
    },
    async (request, reply) => answer(reply, await headOffice.enroll(request.body), 201),
  );

  await app.register(async (sync) => {
    sync.addHook('onRequest', async (request, reply) => {
      const auth = await headOffice.authenticateTerminal(bearer(request), {
        appVersion: header(request, 'x-app-version'),
      });
      if (!auth.ok) return answer(reply, auth);
      terminals.set(request, auth.value);
    });
    const terminalOf = (request: FastifyRequest): TerminalAuth => {
      const auth = terminals.get(request);
      if (!auth) throw new Error('terminal route reached without authentication');
      return auth;
    };
    sync.post('/sync/push', async (request, reply) =>
      answer(reply, await headOffice.push(terminalOf(request), request.body)),
    );
    sync.post('/sync/pull', async (request, reply) =>
      answer(reply, await headOffice.pull(terminalOf(request), request.body)),
    );
  });

  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => {
      // An admin token, or a person signed in to the head-office UI (sessionAuth.ts).
      const auth = await authenticateAdminRequest(headOffice, request);
      if (!auth.ok) return answer(reply, auth);
      admins.set(request, auth.value);
    });
    const actorOf = (request: FastifyRequest): string => {
      const auth = admins.get(request);
      if (!auth) throw new Error('admin route reached without authentication');
      return auth.actor;
    };
    const params = (request: FastifyRequest) => request.params as Record<string, unknown>;
    const { admin: office } = headOffice;

    admin.get('/admin/stores', async (_request, reply) => answer(reply, await office.listStores()));
    admin.post('/admin/stores', async (request, reply) =>
      answer(reply, await office.createStore(actorOf(request), request.body), 201),
    );
    admin.post('/admin/stores/:id/enrollment-codes', async (request, reply) =>
      answer(
        reply,
        await office.createEnrollmentCode(actorOf(request), params(request).id, request.body),
        201,
      ),
    );
    admin.get('/admin/terminals', async (_request, reply) =>
      answer(reply, await office.listTerminals()),
    );
    admin.post('/admin/terminals/:id/revoke', async (request, reply) =>
      answer(reply, await office.revokeTerminal(actorOf(request), params(request).id)),
    );
    admin.get('/admin/config', async (_request, reply) => answer(reply, await office.getConfig()));
    admin.put('/admin/config', async (request, reply) =>
      answer(reply, await office.setConfig(actorOf(request), request.body)),
    );
    admin.get('/admin/exceptions', async (request, reply) =>
      answer(reply, await office.listExceptions(request.query)),
    );
    admin.get('/admin/exceptions/:id', async (request, reply) =>
      answer(reply, await office.getException(params(request).id)),
    );
    admin.post('/admin/exceptions/:id/resolve', async (request, reply) =>
      answer(
        reply,
        await office.resolveException(actorOf(request), params(request).id, request.body),
      ),
    );
    registerOfficeAdminRoutes(admin, headOffice, answer, actorOf);
    registerAnalyticsRoutes(admin, headOffice, answer);
  });

  return app;
}
