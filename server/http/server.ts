import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { headOfficePages, headOfficeRoutes } from '../../shared/office/contract';
import type { HeadOffice } from '../headOffice';
import { createLogger } from '../platform/logger';
import { adminHandlers } from './adminHandlers';
import { analyticsHandlers } from './analyticsHandlers';
import { dataRequestHandlers } from './dataRequestHandlers';
import { campaignHandlers } from './campaignHandlers';
import { catalogueHandlers } from './catalogueHandlers';
import { docsHandlers } from './docsHandlers';
import { messageHandlers } from './messageHandlers';
import { memberHandlers } from './memberHandlers';
import { metricsHandlers } from './metricsHandlers';
import {
  handleClientError,
  handleError,
  handleFrameworkError,
  handleNotFound,
  refuseExpectation,
  sendHttpError,
  sendRefusal,
} from './errorReplies';
import { decodeRequestBody } from './gzipRequest';
import { DEFAULT_OFFICE_DIR, addSecurityHeaders, registerOfficePages } from './officePages';
import {
  registerRoutes,
  type AuthFailureLimits,
  type RateLimit,
  type RouteHandlers,
} from './registerRoutes';
import { guardRoutes } from './routeGuard';
import { bearer } from './sessionAuth';
import { sessionHandlers } from './sessionHandlers';
import { pushGate, type PushGateOptions } from './pushGate';
import { syncHandlers } from './syncHandlers';
import { serializerCompiler, validatorCompiler } from './zodCompilers';

const log = createLogger('http');

export interface ServerOptions {
  /** Largest request body, after decompression. Default 5 MiB: a push of 500 operations fits. */
  bodyLimit?: number;
  /** Requests per credential (or per address, without one) per window. */
  rateLimit?: { max: number; timeWindowMs: number };
  /** Enrollment attempts per address per window: codes are short, guessing must be slow. */
  enrollRateLimit?: { max: number; timeWindowMs: number };
  /**
   * Failed authentications (an unknown token, credential or session) per address and per
   * presented credential, counted in the database across nodes. Default: 30 per address and
   * 10 per credential a minute.
   */
  authFailureLimit?: AuthFailureLimits;
  /**
   * Pushes this node admits at once and queues before answering 503 with Retry-After
   * (pushGate.ts). Off when not given.
   */
  pushGate?: PushGateOptions;
  /** Behind a reverse proxy, read the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** The head-office UI: where its built files are (default out/renderer), sign-in limits. */
  office?: { dir?: string; signInRateLimit?: { max: number; timeWindowMs: number } };
}

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** Every route of the contract, by name: the type checker refuses a contract route left out. */
function handlersOf(
  headOffice: HeadOffice,
  options: ServerOptions,
): RouteHandlers<typeof headOfficeRoutes> {
  return {
    ...syncHandlers(headOffice),
    ...adminHandlers(headOffice),
    ...analyticsHandlers(headOffice),
    ...campaignHandlers(headOffice),
    ...sessionHandlers(headOffice, options.authFailureLimit),
    ...docsHandlers(),
    ...messageHandlers(headOffice),
    ...dataRequestHandlers(headOffice),
    ...memberHandlers(headOffice),
    ...metricsHandlers(headOffice),
    ...catalogueHandlers(headOffice),
  };
}

/** Guessing limits: by address whatever headers say, so a made-up Authorization buys nothing. */
function rateLimitsOf(options: ServerOptions) {
  const enroll = options.enrollRateLimit ?? { max: 10, timeWindowMs: 60_000 };
  const signIn = options.office?.signInRateLimit ?? { max: 20, timeWindowMs: 60_000 };
  const byAddress = (limit: { max: number; timeWindowMs: number }, prefix: string): RateLimit => ({
    ...limit,
    key: (request: FastifyRequest) => `${prefix}:${request.ip}`,
  });
  return {
    enroll: byAddress(enroll, 'enroll'),
    'session.signIn': byAddress(signIn, 'sign-in'),
    'session.firstAdmin': byAddress(signIn, 'sign-in'),
  };
}

/**
 * The head-office HTTP API over a HeadOffice: every route registered from the contract
 * (shared/office/contract.ts), and nothing else: registering a route outside it throws.
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
    // What fastify's router and Node's parser refuse is answered in head office's shape too.
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
    // Node would answer a request without Host, or with an Expect it does not know, on its own
    // and without a body; head office answers both in its shape (hooks below).
    http: { requireHostHeader: false },
  });
  app.server.on('checkExpectation', refuseExpectation);
  guardRoutes(app, headOfficeRoutes, headOfficePages);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON only: a text/plain body would otherwise reach the schemas as a string.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.addHook('onRequest', async (request, reply) => {
    if (request.raw.httpVersionMajor === 1 && request.raw.httpVersionMinor >= 1) {
      if (typeof request.headers.host !== 'string' || request.headers.host === '') {
        reply.header('connection', 'close');
        return sendHttpError(reply, 'bad_request', 'An HTTP/1.1 request needs a Host header.');
      }
    }
  });
  // Pushes are admitted before their body is read: one past the queue costs no reading, parsing
  // or authentication, and is told when to come back (pushGate.ts). The slot is freed when the
  // answer is sent or the connection closes, whichever comes first.
  // Off unless configured: at 500 terminals × 400 operations on a loaded two-core machine it
  // turned timeouts into a livelock of 503s (server/README.md); to be tuned before it is on.
  const pushes = options.pushGate ? pushGate(options.pushGate) : null;
  app.addHook('onRequest', async (request, reply) => {
    if (!pushes) return;
    const config = request.routeOptions.config as { routeName?: string } | undefined;
    if (config?.routeName !== 'sync.push') return;
    const slot = await pushes.admit();
    if ('busy' in slot) {
      reply.header('retry-after', String(slot.retryAfterSeconds));
      return sendRefusal(reply, {
        code: 'unavailable',
        message:
          'Head office is busy with other pushes; send this batch again after the Retry-After delay.',
      });
    }
    reply.raw.once('close', slot.release);
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding'];
    return decodeRequestBody(
      typeof encoding === 'string' ? encoding : undefined,
      payload,
      bodyLimit,
    );
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(no route)';
    log.debug(`${request.method} ${route} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`);
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
  await registerOfficePages(app, options.office?.dir ?? DEFAULT_OFFICE_DIR, headOfficePages);
  registerRoutes(
    app,
    headOffice,
    headOfficeRoutes,
    handlersOf(headOffice, options),
    rateLimitsOf(options),
    options.authFailureLimit,
  );
  return app;
}
