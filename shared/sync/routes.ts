import { z } from 'zod';
import { errorBody } from '../contract/errors';
import { anyone, route, terminal } from '../contract/route';
import {
  enrollRequest,
  enrollResponse,
  ownOperationsRequest,
  ownOperationsResponse,
  pullRequest,
  pullResponse,
  pushRequest,
  pushResponse,
} from './protocol';

/** GET /health: whether head office and its database answer. */
export const healthResponse = z.strictObject({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  schemaVersion: z.number().int().min(0),
  serverTime: z.iso.datetime(),
});
export type Health = z.infer<typeof healthResponse>;

/**
 * The routes a terminal calls, with the sync protocol's own schemas (protocol.ts): a change to
 * the protocol is a change to the contract, and to the OpenAPI document, with nothing to copy.
 */
export const syncRoutes = {
  health: route({
    method: 'GET',
    path: '/health',
    summary: 'Whether head office and its database answer (503 when the database does not)',
    auth: anyone,
    request: {},
    responses: { 200: healthResponse, 503: errorBody },
  }),
  enroll: route({
    method: 'POST',
    path: '/enroll',
    summary: "Trade a one-time enrollment code for the terminal's own credential and number",
    auth: anyone,
    request: { body: enrollRequest },
    responses: { 201: enrollResponse, 403: errorBody, 409: errorBody, 410: errorBody },
  }),
  'sync.push': route({
    method: 'POST',
    path: '/sync/push',
    summary: "Push a batch of the terminal's outbox, in seq order",
    auth: terminal,
    request: { body: pushRequest },
    // 503: head office is busy (its push queue is full); Retry-After says when to send again.
    responses: { 200: pushResponse, 409: errorBody, 503: errorBody },
  }),
  'sync.pull': route({
    method: 'POST',
    path: '/sync/pull',
    summary: 'Pull the next page of one stream after a cursor',
    auth: terminal,
    request: { body: pullRequest },
    responses: { 200: pullResponse },
  }),
  'sync.operations': route({
    method: 'POST',
    path: '/sync/operations',
    summary:
      "The terminal's own operations after a seq, and its high-water mark (a restored terminal catching up)",
    auth: terminal,
    request: { body: ownOperationsRequest },
    responses: { 200: ownOperationsResponse },
  }),
};
