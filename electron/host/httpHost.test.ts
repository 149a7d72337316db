import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/csp';
import type { Member } from '../../shared/domain';
import { MAX_BODY_BYTES, startHttpHost, type RunningHost } from './httpHost';
import {
  makeTempDir,
  openTestCore,
  snapshot,
  type TempDir,
  type TestCore,
} from '../../test/unit/helpers/terminal';

/**
 * The browser host, for real: a real core on a temp ledger, a real server on 127.0.0.1 on a
 * random port, and raw node:http requests so tests control every header and the exact path.
 */

const TOKEN = 'test-token-0123456789abcdef';
const INDEX_HTML = '<!doctype html><title>Till</title><div id="root"></div>';

let core: TestCore;
let site: TempDir;
let staticDir: string;
let host: RunningHost;
let port: number;

beforeEach(async () => {
  core = openTestCore();
  site = makeTempDir('loyalty-static-');
  staticDir = path.join(site.dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // Siblings of the static dir that traversal must never reach.
  fs.writeFileSync(path.join(site.dir, 'package.json'), '{"secret":true}');
  fs.writeFileSync(path.join(site.dir, 'renderer-secret.txt'), 'secret');
  host = await startHttpHost({ dispatch: core.dispatch, token: TOKEN, staticDir, port: 0 });
  port = (host.server.address() as { port: number }).port;
});

afterEach(async () => {
  await host.close();
  core.cleanup();
  site.remove();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function api(op: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request({
    method: 'POST',
    path: `/api/${op}`,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function json(reply: Reply): {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
} {
  return JSON.parse(reply.body) as {
    ok: boolean;
    value?: unknown;
    error?: { code: string; message: string };
  };
}

describe('binding', () => {
  it('binds to 127.0.0.1 on the random port it reports, with the token only in the URL fragment', () => {
    const address = host.server.address() as { address: string; port: number; family: string };
    expect(address.address).toBe('127.0.0.1');
    expect(address.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${address.port}`);
    expect(host.launchUrl).toBe(`http://127.0.0.1:${address.port}/#token=${TOKEN}`);
  });
});

describe('API authorization', () => {
  it('no token → 401 unauthorized, and the core is not called', async () => {
    const before = snapshot(core.db);
    const reply = await request({
      method: 'POST',
      path: '/api/member.enroll',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'A', phone: '9123 4567', marketingConsent: true }),
    });
    expect(reply.status).toBe(401);
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(snapshot(core.db)).toBe(before);
  });

  it.each([
    ['a wrong token', `Bearer wrong-token-0123456789abcd`],
    ['a token one character short', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token with a suffix', `Bearer ${TOKEN}x`],
    ['the token without "Bearer "', TOKEN],
    ['Basic auth', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`],
    ['an empty bearer', 'Bearer '],
  ])('%s → 401', async (_what, authorization) => {
    const reply = await api('terminal.info', {}, { authorization });
    expect(reply.status).toBe(401);
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('the right token → 200 with an ok result', async () => {
    const reply = await api('terminal.info', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(json(reply)).toMatchObject({ ok: true, value: { storeName: core.terminal.storeName } });
  });

  it('a write goes through to the ledger: enroll over HTTP, then read it back', async () => {
    const enrolled = json(
      await api('member.enroll', { name: 'Amy', phone: '9123 4567', marketingConsent: true }),
    );
    expect(enrolled.ok).toBe(true);
    const id = (enrolled.value as Member).id;
    const got = json(await api('member.get', { memberId: id }));
    expect(got).toMatchObject({ ok: true, value: { id, phone: '+85291234567' } });
  });

  it('a domain refusal is 200 with ok:false (it is an answer, not a transport failure)', async () => {
    const reply = await api('member.get', { memberId: '01900000-0000-7000-8000-000000000001' });
    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'member_not_found' } });
  });

  it('GET on an API path → 405', async () => {
    const reply = await request({
      path: '/api/terminal.info',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(reply.status).toBe(405);
  });
});

describe('Host header (DNS rebinding)', () => {
  const hostileHosts: [string, () => string][] = [
    ['evil.example', () => 'evil.example'],
    ['evil.example:<port>', () => `evil.example:${port}`],
    ['127.0.0.1 without the port', () => '127.0.0.1'],
    ['127.0.0.1 on another port', () => `127.0.0.1:${port + 1}`],
    ['localhost without the port', () => 'localhost'],
    ['[::1]:<port>', () => `[::1]:${port}`],
  ];
  it.each(hostileHosts)('Host %s → 421, for the API and for pages', async (_what, hostHeader) => {
    const apiReply = await api('terminal.info', {}, { host: hostHeader() });
    expect(apiReply.status).toBe(421);
    expect(apiReply.body).not.toContain(core.terminal.storeName);
    const page = await request({ path: '/', headers: { host: hostHeader() } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain('<div id="root">');
  });

  it('Host localhost:<port> is allowed', async () => {
    const reply = await api('terminal.info', {}, { host: `localhost:${port}` });
    expect(reply.status).toBe(200);
  });
});

describe('request bodies', () => {
  it('a body over 1 MiB → 413, and the core is not called', async () => {
    const before = snapshot(core.db);
    const huge = JSON.stringify({
      name: 'x'.repeat(MAX_BODY_BYTES),
      phone: '9123 4567',
      marketingConsent: true,
    });
    const reply = await api('member.enroll', huge);
    expect(reply.status).toBe(413);
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(snapshot(core.db)).toBe(before);
  });

  it('a body over 1 MiB never reaches the core (whatever the client sees)', async () => {
    const before = snapshot(core.db);
    const huge = JSON.stringify({
      name: 'x'.repeat(MAX_BODY_BYTES),
      phone: '9123 4567',
      marketingConsent: true,
    });
    await api('member.enroll', huge).catch(() => undefined);
    expect(snapshot(core.db)).toBe(before);
    // The host is still up and answering.
    expect((await api('terminal.status', {})).status).toBe(200);
  });

  it('a body of exactly 1 MiB is read (and refused by the schema, not the size limit)', async () => {
    const prefix = '{"query":"';
    const suffix = '"}';
    const body = `${prefix}${'a'.repeat(MAX_BODY_BYTES - prefix.length - suffix.length)}${suffix}`;
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    const reply = await api('member.search', body);
    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
  ])('content-type %j → 415', async (contentType) => {
    const reply = await api('terminal.info', {}, { 'content-type': contentType });
    expect(reply.status).toBe(415);
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it.each(['{', '{"a":', 'not json', "{'single':'quotes'}", '\u0000'])(
    'invalid JSON %j → 400 invalid_input',
    async (body) => {
      const reply = await api('terminal.info', body);
      expect(reply.status).toBe(400);
      expect(json(reply)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    },
  );

  it('an empty body is read as {}', async () => {
    const reply = await api('terminal.status', '');
    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({ ok: true });
  });

  it('a JSON __proto__ key is refused by the schema and pollutes nothing', async () => {
    const reply = await api('terminal.info', '{"__proto__":{"polluted":true}}');
    expect(json(reply)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hostile JSON values (null, array, string) come back as invalid_input, never 500', async () => {
    for (const body of ['null', '[]', '"x"', '42', 'true']) {
      const reply = await api('member.get', body);
      expect(reply.status, body).toBe(200);
      expect(json(reply), body).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});

describe('operation names', () => {
  it.each(['no.such', 'member.delete', '__proto__', 'constructor', 'sql.run'])(
    'unknown op %s → 404 unknown_operation',
    async (op) => {
      const reply = await api(op, {});
      expect(reply.status).toBe(404);
      expect(json(reply)).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    },
  );
});

describe('static files', () => {
  it('GET / serves index.html with the strict Content-Security-Policy and no caching', async () => {
    const reply = await request({ path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('serves an asset with its type; HEAD has headers and no body', async () => {
    const reply = await request({ path: '/assets/app.js' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const head = await request({ method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('a missing file → 404', async () => {
    expect((await request({ path: '/nope.html' })).status).toBe(404);
  });

  it('POST to a page → 405', async () => {
    expect((await request({ method: 'POST', path: '/', body: 'x' })).status).toBe(405);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/..%2Fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%5cpackage.json',
    '/%2e%2e%2fpackage.json',
    '/../renderer-secret.txt',
    '/..%2frenderer-secret.txt',
    '/%2e%2e%2frenderer-secret.txt',
    '/index.html%00.js',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
  ])('path traversal %s → 404 and no file content', async (target) => {
    const reply = await request({ path: target });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('secret');
    expect(reply.body).not.toContain('root:');
  });

  it('a malformed percent-escape (/%E0%A4%A) → 400 or 404, not 500', async () => {
    const reply = await request({ path: '/%E0%A4%A' });
    expect([400, 404]).toContain(reply.status);
  });
});
