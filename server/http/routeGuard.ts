import type { FastifyInstance } from 'fastify';
import type { Pages, Routes } from '../../shared/contract/route';

export interface RegisteredRoute {
  method: string;
  path: string;
}

const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Head office answers only what its contract declares: from here on, registering a route that
 * is not in `routes` or `pages` throws, whoever registers it (a plugin too). HEAD is allowed where
 * GET is declared (fastify adds it). Every route registered is kept for the tests to compare.
 */
export function guardRoutes(app: FastifyInstance, routes: Routes, pages: Pages): void {
  const declared = new Set(
    [...Object.values(routes), ...Object.values(pages)].map((r) => `${r.method} ${r.path}`),
  );
  const list: RegisteredRoute[] = [];
  registered.set(app, list);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const allowed =
        declared.has(`${method} ${route.url}`) ||
        (method === 'HEAD' && declared.has(`GET ${route.url}`));
      if (!allowed) {
        throw new Error(
          `${method} ${route.url} is not in head office's contract (shared/office/contract.ts)`,
        );
      }
      list.push({ method, path: route.url });
    }
  });
}

/** The routes registered on a guarded app, HEAD included. */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return [...(registered.get(app) ?? [])];
}
