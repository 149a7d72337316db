import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  responsesOf,
  successStatus,
  type ParsedRequest,
  type RouteAnswer,
  type RouteName,
  type RouteSpec,
  type Routes,
} from '../../shared/contract/route';
import { statusOf } from '../../shared/contract/errors';
import { SESSION_COOKIE } from '../../shared/contract/route';
import {
  DEFAULT_AUTH_FAILURE_LIMITS,
  addressKey,
  credentialKey,
  type FailureLimit,
} from '../admin/authFailures';
import type { HeadOffice } from '../headOffice';
import type { Outcome } from '../platform/errors';
import { answer, sendHttpError } from './errorReplies';
import { authenticate, type PrincipalOf } from './routeAuth';
import { bearer, readCookie } from './sessionAuth';

/** A handler that answered by itself (a CSV file): nothing left to send. */
export const replied = Symbol('replied');
export type Replied = typeof replied;

/** What a route's handler gets: its request parts, parsed by the contract, and who is calling. */
export interface RouteCall<R extends RouteSpec> extends ParsedRequest<R> {
  auth: PrincipalOf<R['auth']>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type RouteHandler<R extends RouteSpec> = (
  call: RouteCall<R>,
) => Promise<Outcome<RouteAnswer<R>> | Replied>;

/** One handler per route of a contract, by name; the type checker enforces "every". */
export type RouteHandlers<M extends Routes> = { [K in RouteName<M>]: RouteHandler<M[K]> };

export interface RateLimit {
  max: number;
  timeWindowMs: number;
  /** Counted per what: by default per credential (server.ts), or per address for guessing. */
  key?: (request: FastifyRequest) => string;
}

/** How many failed authentications an address and a presented credential may have. */
export interface AuthFailureLimits {
  address: FailureLimit;
  credential: FailureLimit;
}

/**
 * Failed authentication is limited per address and per presented credential, counted in the
 * database (server/admin/authFailures.ts) so every node sees the same counts: a thousand made-up
 * tokens from one address are answered 429 after the first few, though each is a new credential
 * to the per-credential limiter in server.ts. Only failures are counted and checked, so a
 * terminal or admin with a good credential costs no extra query; credentials are 256 random
 * bits (an admin's own token at least 32 characters), so the limit is against noise and
 * enumeration, not a real chance of guessing.
 */
/**
 * Counts a failed authentication against the caller's address and the credential it presented
 * (by default its bearer token or session cookie); the seconds to wait when either is now over
 * its limit (0: answer as usual).
 */
export async function failedAuthentication(
  headOffice: HeadOffice,
  limits: AuthFailureLimits,
  request: FastifyRequest,
  presented: string | undefined = bearer(request) ?? readCookie(request, SESSION_COOKIE),
): Promise<number> {
  const address = addressKey(request.ip);
  const credential = presented === undefined ? undefined : credentialKey(presented);
  await headOffice.authFailures.recordLimited([address], limits.address);
  if (credential) await headOffice.authFailures.recordLimited([credential], limits.credential);
  return headOffice.authFailures.retryAfterSeconds(credential ? [address, credential] : [address]);
}

/** 429 after too many failed authentications, with the wait. */
export function sendTooManyFailures(reply: FastifyReply, wait: number): FastifyReply {
  reply.header('retry-after', String(wait));
  return sendHttpError(
    reply,
    'rate_limited',
    'Too many failed attempts; retry after the Retry-After delay.',
  );
}

/**
 * Registers every route of a contract on fastify, from its declaration alone: method and path,
 * the schemas fastify validates the request and serializes the answer with (zodCompilers.ts),
 * authentication as the route's `auth` says before anything is parsed, and its handler looked
 * up by name. A handler's Outcome becomes the route's 2xx or the error's status.
 */
export function registerRoutes<M extends Routes>(
  app: FastifyInstance,
  headOffice: HeadOffice,
  routes: M,
  handlers: RouteHandlers<M>,
  rateLimits: Partial<Record<RouteName<M>, RateLimit>> = {},
  authFailureLimits: AuthFailureLimits = DEFAULT_AUTH_FAILURE_LIMITS,
): void {
  const principals = new WeakMap<FastifyRequest, unknown>();
  for (const [name, spec] of Object.entries(routes) as [RouteName<M>, RouteSpec][]) {
    const handler = handlers[name] as unknown as RouteHandler<RouteSpec> | undefined;
    if (!handler) throw new Error(`no handler for route ${name}`);
    const success = successStatus(spec);
    const limit = rateLimits[name];
    app.route({
      method: spec.method,
      url: spec.path,
      schema: {
        ...(spec.request.params ? { params: spec.request.params } : {}),
        ...(spec.request.query ? { querystring: spec.request.query } : {}),
        ...(spec.request.body ? { body: spec.request.body } : {}),
        response: responsesOf(spec),
      },
      config: {
        routeName: name,
        ...(limit
          ? {
              rateLimit: {
                max: limit.max,
                timeWindow: limit.timeWindowMs,
                ...(limit.key ? { keyGenerator: limit.key } : {}),
              },
            }
          : {}),
      },
      // Before the body is read: a caller without the right credential costs no parsing.
      onRequest: async (request, reply) => {
        const who = await authenticate(headOffice, spec.auth, request);
        if (!who.ok) {
          const guarded = spec.auth.kind !== 'public' && spec.auth.kind !== 'officeUi';
          if (guarded && statusOf(who.error.code) === 401) {
            const wait = await failedAuthentication(headOffice, authFailureLimits, request);
            if (wait > 0) return sendTooManyFailures(reply, wait);
          }
          return answer(reply, who, success);
        }
        principals.set(request, who.value);
      },
      handler: async (request, reply) => {
        const outcome = await handler({
          params: request.params as never,
          query: request.query as never,
          body: request.body as never,
          auth: (principals.get(request) ?? null) as never,
          request,
          reply,
        });
        if (outcome === replied) return reply;
        return answer(reply, outcome, success);
      },
    });
  }
}
