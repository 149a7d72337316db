import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Dispatch, DispatchAsync } from '../core/api/dispatch';
import { fail, type Result } from '../../shared/result';
import { createLogger } from '../../shared/logger';
import { contentSecurityPolicy } from '../../shared/csp';
import type { Caller } from '../core/api/caller';

const log = createLogger('host');

export const MAX_BODY_BYTES = 1024 * 1024;

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HostOptions {
  dispatch: Dispatch | DispatchAsync;
  /** Per-launch secret every API request must carry as a bearer token. */
  token: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
}

export interface RunningHost {
  server: Server;
  url: string;
  /** The URL to open: carries the token in the fragment, which never reaches a server log. */
  launchUrl: string;
  close(): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** Reads a JSON body up to MAX_BODY_BYTES; null when it is larger (the rest is not buffered). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Any other bearer is taken to be a display's token; the core decides whether it is one. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Who is calling, by the token they carry: the launch token is the till; any other token is a
 * customer display's, which the core checks against the displays it paired (and which reaches
 * only the display's operations); no token at all may only try a pairing code. Null: refused here.
 */
function callerFor(auth: string, op: string, tillToken: string): Caller | null {
  if (!auth.startsWith('Bearer ')) return op === 'display.pair' ? { kind: 'stranger' } : null;
  const token = auth.slice(7);
  if (sameSecret(token, tillToken)) return { kind: 'till' };
  return TOKEN_SHAPE.test(token) ? { kind: 'display', token } : null;
}

/** The customer display's page: a short address to type on a tablet. */
const pageAliases: Record<string, string> = { '/display': '/display.html' };

/**
 * The browser host: the same core, its API as POST /api/<operation>, and the built renderer.
 * Loopback only by default; a Host-header check stops DNS-rebinding pages from reaching it.
 */
export function startHttpHost(options: HostOptions): Promise<RunningHost> {
  const bindHost = options.host ?? '127.0.0.1';
  let allowedHosts = new Set<string>();
  const callerOf = (auth: string, op: string) => callerFor(auth, op, options.token);

  async function serveApi(req: IncomingMessage, res: ServerResponse, op: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, fail('invalid_input', 'Use POST.'));
      return;
    }
    const caller = callerOf(req.headers.authorization ?? '', op);
    if (caller === null) {
      sendJson(
        res,
        401,
        fail('unauthorized', 'This browser has not been given the terminal token.'),
      );
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, fail('invalid_input', 'Send JSON.'));
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      // Answer first, then drop the connection so the client stops uploading the rest.
      res.setHeader('connection', 'close');
      res.once('finish', () => req.destroy());
      sendJson(res, 413, fail('invalid_input', 'The request is too large.'));
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      sendJson(res, 400, fail('invalid_input', 'The request is not valid JSON.'));
      return;
    }
    const result = await options.dispatch(op, input, caller);
    const status = result.ok
      ? 200
      : result.error.code === 'unknown_operation'
        ? 404
        : result.error.code === 'unauthorized'
          ? 401
          : 200;
    sendJson(res, status, result);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const root = path.resolve(options.staticDir);
    const wanted = pathname === '/' ? '/index.html' : (pageAliases[pathname] ?? pathname);
    let decoded: string;
    try {
      decoded = decodeURIComponent(wanted);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const file = path.resolve(root, `.${decoded}`);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const data = await readFile(file);
      const headers: Record<string, string> = {
        'content-type': mimeTypes[path.extname(file)] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
      };
      if (file.endsWith('.html')) {
        headers['content-security-policy'] = contentSecurityPolicy;
        headers['cache-control'] = 'no-store';
      }
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : data);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  }

  const server = createServer((req, res) => {
    const hostHeader = req.headers.host ?? '';
    if (!allowedHosts.has(hostHeader)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Wrong host');
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const handle = pathname.startsWith('/api/')
      ? serveApi(req, res, pathname.slice('/api/'.length))
      : serveStatic(req, res, pathname);
    handle.catch((error: unknown) => {
      log.error('request failed', { error: String(error) });
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'The terminal host failed.'));
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      const address = server.address();
      if (!address || typeof address === 'string') {
        reject(new Error('host did not bind to a TCP port'));
        return;
      }
      const port = address.port;
      allowedHosts = new Set([`${bindHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
      const url = `http://${bindHost}:${port}`;
      resolve({
        server,
        url,
        launchUrl: `${url}/#token=${options.token}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            // Browsers hold keep-alive connections open; without this, close waits for them.
            server.closeAllConnections();
          }),
      });
    });
  });
}
