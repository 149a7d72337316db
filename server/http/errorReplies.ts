import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  httpStatusOf,
  statusOf,
  type AnyHeadOfficeErrorCode,
  type HttpErrorCode,
} from '../../shared/contract/errors';
import { HeadOfficeFailure, type HeadOfficeError, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { ResponseContractError } from './zodCompilers';

const log = createLogger('http');

/**
 * Every error head office answers has one shape, `{error: {code, message, details?}}`
 * (shared/sync/protocol.ts's headOfficeErrorBody): head office's own refusals, and what fastify,
 * its plugins and Node's HTTP parser would otherwise answer in shapes of their own.
 */
const MAX_MESSAGE = 2000;

function body(code: AnyHeadOfficeErrorCode, message: string, details?: Record<string, unknown>) {
  const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 3)}...` : message;
  return { error: details ? { code, message: text, details } : { code, message: text } };
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: AnyHeadOfficeErrorCode,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(status).send(body(code, message, details));
}

export function sendHttpError(reply: FastifyReply, code: HttpErrorCode, message: string) {
  return sendError(reply, httpStatusOf(code), code, message);
}

export function sendRefusal(reply: FastifyReply, error: HeadOfficeError): FastifyReply {
  return sendError(reply, statusOf(error.code), error.code, error.message, error.details);
}

/** An Outcome as an answer: the value with the route's 2xx, or the error with its code's status. */
export function answer<T>(reply: FastifyReply, outcome: Outcome<T>, successStatus: number) {
  if (outcome.ok) return reply.code(successStatus).send(outcome.value);
  return sendRefusal(reply, outcome.error);
}

function internal(reply: FastifyReply) {
  return sendHttpError(
    reply,
    'internal',
    'Head office failed to handle this request; retry later.',
  );
}

/** fastify's error handler: head office's, fastify's and the plugins' errors in one shape. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // A request part the contract's schema refused (server/http/zodCompilers.ts).
  if (error instanceof HeadOfficeFailure) return sendRefusal(reply, error.error);
  if (error instanceof ResponseContractError) {
    log.error(`${request.method} ${request.routeOptions.url ?? '?'}: ${error.message}`, {
      issues: error.issues,
    });
    return internal(reply);
  }
  const own = (error as { code?: unknown }).code;
  // A client that went away mid-upload (a till losing its network) is routine: debug, not error.
  if (own === 'ECONNRESET' || request.raw.aborted || request.raw.socket?.destroyed) {
    log.debug(`${request.method} ${request.routeOptions.url ?? '?'} aborted by the client`);
    return sendHttpError(reply, 'bad_request', 'The request body did not arrive whole.');
  }
  const status = error.statusCode ?? 500;
  if (status === 429) {
    return sendHttpError(
      reply,
      'rate_limited',
      'Too many requests; retry after the Retry-After delay.',
    );
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return sendHttpError(reply, 'too_large', 'The request body is too large.');
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return own === 'unsupported_encoding'
      ? sendHttpError(reply, 'unsupported_encoding', error.message)
      : sendHttpError(reply, 'unsupported_media_type', 'Send application/json.');
  }
  if (own === 'invalid_gzip') return sendHttpError(reply, 'invalid_gzip', error.message);
  if (
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error instanceof SyntaxError
  ) {
    return sendHttpError(reply, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (status === 414) return sendHttpError(reply, 'uri_too_long', 'The URL is too long.');
  if (status >= 400 && status < 500) {
    return sendError(reply, status, 'bad_request', error.message.slice(0, 300));
  }
  log.error(`${request.method} ${request.routeOptions.url ?? '?'} failed`, error);
  return internal(reply);
}

/** No route has this method and path. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  const path = (request.url.split('?')[0] ?? '').slice(0, 200);
  return sendHttpError(reply, 'route_not_found', `No route ${request.method} ${path}.`);
}

/** What fastify's router refuses before any route: a URL it cannot decode, a parameter too long. */
export function handleFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendHttpError(reply, 'uri_too_long', 'A part of the URL is too long.');
  }
  return sendHttpError(reply, 'bad_request', 'The URL is not valid: it does not decode.');
}

/** An `Expect` header other than 100-continue: 417, in the same shape (Node's own has no body). */
export function refuseExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const json = JSON.stringify(
    body(
      'expectation_failed',
      'Only "Expect: 100-continue" is understood; send the request without it.',
    ),
  );
  response.writeHead(417, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    connection: 'close',
  });
  response.end(json);
}

/**
 * A request Node's HTTP parser could not read (malformed, headers too large, too slow): answered
 * on the socket, in the same shape, and the connection closed.
 */
export function handleClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: HttpErrorCode =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 'request_timeout'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 'headers_too_large'
        : 'bad_request';
  const status = httpStatusOf(code);
  const json = JSON.stringify(body(code, 'The request could not be read.'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}
