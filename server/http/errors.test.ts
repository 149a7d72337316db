import Fastify, { type FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody, httpStatusOf, type HttpErrorCode } from '../../shared/contract/errors';
import { anyone, route } from '../../shared/contract/route';
import type { HeadOffice } from '../headOffice';
import { succeed } from '../platform/errors';
import { handleError, handleNotFound } from './errorReplies';
import { registerRoutes } from './registerRoutes';
import { buildServer } from './server';
import { serializerCompiler, validatorCompiler } from './zodCompilers';

interface Answer {
  status: number;
  contentType: string;
  json: unknown;
}

/** Sends raw bytes on a socket and reads the whole answer: for what fetch would refuse to send. */
function rawRequest(address: string, bytes: string): Promise<Answer> {
  const { hostname, port } = new URL(address);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      const contentType = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
      resolve({ status, contentType, json: body ? (JSON.parse(body) as unknown) : null });
    });
  });
}

/**
 * Every error head office answers is `{error: {code, message, details?}}` with JSON's content
 * type and the status its code means, also when fastify, a plugin or Node's HTTP parser refuse
 * the request before any route runs. None of these requests reach head office itself.
 */
describe('every error answer has the documented shape', () => {
  let app: FastifyInstance;
  let address: string;

  beforeAll(async () => {
    app = await buildServer({} as HeadOffice, { bodyLimit: 4096, office: { dir: tmpdir() } });
    address = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  async function send(
    method: string,
    path: string,
    init: { body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const response = await fetch(`${address}${path}`, {
      method,
      headers: init.headers,
      body: init.body,
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      json: text ? (JSON.parse(text) as unknown) : null,
    };
  }

  function expectError(answer: Answer, code: HttpErrorCode | 'invalid_input', status?: number) {
    expect(answer.contentType).toMatch(/^application\/json/);
    const parsed = errorBody.safeParse(answer.json);
    expect(parsed.success, JSON.stringify(answer.json)).toBe(true);
    expect(Object.keys(answer.json as object)).toEqual(['error']);
    expect(parsed.data?.error.code).toBe(code);
    expect(parsed.data?.error.message.length).toBeGreaterThan(0);
    expect(answer.status).toBe(status ?? httpStatusOf(code as HttpErrorCode));
  }

  const json = { 'content-type': 'application/json' };
  const enrollment = JSON.stringify({ code: 'AAAA-BBBB', terminalName: 'Till', appVersion: '1' });

  it('answers a route that does not exist, by path or by method', async () => {
    expectError(await send('GET', '/nowhere'), 'route_not_found');
    expectError(
      await send('PATCH', '/admin/stores', { body: '{}', headers: json }),
      'route_not_found',
    );
    expectError(await send('GET', '/office/assets/missing.js'), 'route_not_found');
  });

  it("answers a URL fastify's router cannot read", async () => {
    expectError(await send('GET', '/admin/exceptions/%E0%A4%A'), 'bad_request');
    expectError(await send('GET', `/admin/exceptions/${'a'.repeat(500)}`), 'uri_too_long');
  });

  it('answers a body of the wrong type, encoding or size, or not JSON', async () => {
    const text = { 'content-type': 'text/plain' };
    expectError(
      await send('POST', '/enroll', { body: enrollment, headers: text }),
      'unsupported_media_type',
    );
    const brotli = { ...json, 'content-encoding': 'br' };
    expectError(
      await send('POST', '/enroll', { body: enrollment, headers: brotli }),
      'unsupported_encoding',
    );
    const gzip = { ...json, 'content-encoding': 'gzip' };
    expectError(await send('POST', '/enroll', { body: 'not gzip', headers: gzip }), 'invalid_gzip');
    const padded = JSON.stringify({ pad: 'x'.repeat(8192) });
    expectError(await send('POST', '/enroll', { body: padded, headers: json }), 'too_large');
    const bomb = gzipSync(Buffer.from(padded));
    expectError(await send('POST', '/enroll', { body: bomb, headers: gzip }), 'too_large');
    expectError(await send('POST', '/enroll', { body: '{"code":', headers: json }), 'invalid_json');
    expectError(await send('POST', '/enroll', { body: '', headers: json }), 'invalid_json');
  });

  it('answers a request part its schema refuses, naming the fields', async () => {
    const answer = await send('POST', '/enroll', {
      body: JSON.stringify({ code: 'AAAA-BBBB', terminalName: '  ', extra: 1 }),
      headers: json,
    });
    expectError(answer, 'invalid_input', 400);
    const issues = errorBody.parse(answer.json).error.details?.issues as { path: string }[];
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['terminalName', 'appVersion']),
    );
    const nul = await send('POST', '/enroll', {
      body: JSON.stringify({ code: 'AAAA-BBBB', terminalName: 'Till\u0000', appVersion: '1' }),
      headers: json,
    });
    expectError(nul, 'invalid_input', 400);
  });

  it("answers what Node's HTTP parser cannot read, on the socket", async () => {
    expectError(await rawRequest(address, 'NOT HTTP AT ALL\r\n\r\n'), 'bad_request');
    const huge = `GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ${'x'.repeat(64 * 1024)}\r\n\r\n`;
    expectError(await rawRequest(address, huge), 'headers_too_large');
  });

  it('answers what Node would answer on its own and without a body: no Host, an unknown Expect', async () => {
    expectError(await rawRequest(address, 'GET /health HTTP/1.1\r\n\r\n'), 'bad_request');
    const expecting =
      'POST /enroll HTTP/1.1\r\nHost: x\r\nExpect: a-pony\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${enrollment.length}\r\n\r\n${enrollment}`;
    expectError(await rawRequest(address, expecting), 'expectation_failed');
  });
});

describe('an answer that breaks its contract', () => {
  it('is never sent: 500 in the error shape instead', async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(handleError);
    app.setNotFoundHandler(handleNotFound);
    const routes = {
      'test.ok': route({
        method: 'GET',
        path: '/ok',
        summary: 'keeps its word',
        auth: anyone,
        request: {},
        responses: { 200: z.strictObject({ n: z.number().int() }) },
      }),
      'test.broken': route({
        method: 'GET',
        path: '/broken',
        summary: 'says more than its contract',
        auth: anyone,
        request: {},
        responses: { 200: z.strictObject({ n: z.number().int() }) },
      }),
    };
    registerRoutes(app, {} as HeadOffice, routes, {
      'test.ok': async () => succeed({ n: 1 }),
      // A handler that leaks a field the contract does not declare (a password hash, say).
      'test.broken': async () => succeed({ n: 1, secret: 'hash' } as { n: number }),
    });
    try {
      const ok = await app.inject({ method: 'GET', url: '/ok' });
      expect(ok.json()).toEqual({ n: 1 });
      const broken = await app.inject({ method: 'GET', url: '/broken' });
      expect(broken.statusCode).toBe(500);
      expect(broken.body).not.toContain('hash');
      expect(errorBody.parse(broken.json()).error.code).toBe('internal');
    } finally {
      await app.close();
    }
  });
});
