import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Outcome } from '../platform/errors';
import type { HeadOffice } from '../headOffice';

type Answer = <T>(reply: FastifyReply, outcome: Outcome<T>) => FastifyReply;

/**
 * GET /admin/analytics/*, inside the admin scope (bearer admin token or an office session).
 * The query string goes to head office as unknown; analyticsQuery.ts parses it.
 */
export function registerAnalyticsRoutes(
  admin: FastifyInstance,
  headOffice: HeadOffice,
  answer: Answer,
): void {
  const { analytics } = headOffice;
  admin.get('/admin/analytics/overview', async (request, reply) =>
    answer(reply, await analytics.analyticsOverview(request.query)),
  );
  admin.get('/admin/analytics/rfm', async (request, reply) =>
    answer(reply, await analytics.rfmSegments(request.query)),
  );
  admin.get('/admin/analytics/segment-members', async (request, reply) =>
    answer(reply, await analytics.segmentMembers(request.query)),
  );
}
