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
import type { HeadOffice } from '../headOffice';
import type { Outcome } from '../platform/errors';
import { answer } from './errorReplies';
import { authenticate, type PrincipalOf } from './routeAuth';

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
        if (!who.ok) return answer(reply, who, success);
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
