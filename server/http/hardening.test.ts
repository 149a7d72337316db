import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBody } from '../../shared/contract/errors';
import { setLogSink, type LogRecord } from '../../shared/logger';
import type { HeadOffice } from '../headOffice';
import { FAILURES_BEFORE_LOCK } from '../office/adminUsers';
import type * as passwords from '../office/passwords';
import { verifyPassword } from '../office/passwords';
import { browserClient } from '../testing/browserClient';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { enrollTerminal, type TestClock } from '../testing/terminalScript';
import { buildServer, type ServerOptions } from './server';

// Counts the password hashes run, to hold sign-in's work the same whatever the name.
vi.mock('../office/passwords', async (original) => {
  const actual = await original<typeof passwords>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const PASSWORD = 'correct horse battery';
const code = (json: unknown) => errorBody.parse(json).error.code;

/** Issue 11 §5: head office's answers to guessing and forgery, over real HTTP on loopback. */
describe.each(testDatabases)('head office hardening on $name', (testDb) => {
  let clock: TestClock;
  let headOffice: HeadOffice;
  const servers: FastifyInstance[] = [];

  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    ({ clock, headOffice } = await office.fresh());
    await headOffice.ensureAdminToken();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** One head-office node on the shared database; several may run at once. */
  async function node(options: ServerOptions = {}) {
    const app = await buildServer(headOffice, { office: { dir: tmpdir() }, ...options });
    servers.push(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    return { ...browserClient(address), address };
  }

  it('refuses made-up admin tokens with 429 after a few from one address', async () => {
    const { call } = await node();
    const statuses = new Map<number, number>();
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 700; i++) {
      const answer = await call('GET', '/admin/stores', { token: `hoa_guess_${i}`, ui: false });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 429) limited ??= answer;
    }
    expect(statuses.get(401)).toBe(30);
    expect(statuses.get(429)).toBe(670);
    expect(code(limited?.json)).toBe('rate_limited');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    // The window passes and the address may try again.
    clock.advance(61_000);
    expect((await call('GET', '/admin/stores', { token: 'hoa_guess_x', ui: false })).status).toBe(
      401,
    );
  }, 120_000);

  it('counts failures per presented credential, and across nodes on one database', async () => {
    const limits = {
      authFailureLimit: {
        address: { max: 1000, windowMs: 60_000 },
        credential: { max: 5, windowMs: 60_000 },
      },
    };
    const first = await node(limits);
    const second = await node(limits);
    for (let i = 0; i < 5; i++) {
      const answer = await (i % 2 ? first : second).call('POST', '/sync/pull', {
        body: {},
        token: 'hot_stolen_or_made_up',
        ui: false,
      });
      expect(answer.status).toBe(401);
    }
    // The sixth try is refused on either node.
    for (const each of [first, second]) {
      const answer = await each.call('GET', '/admin/stores', {
        token: 'hot_stolen_or_made_up',
        ui: false,
      });
      expect([answer.status, code(answer.json)]).toEqual([429, 'rate_limited']);
    }
    // Another credential from the same address is still only refused as unknown.
    const other = await first.call('GET', '/admin/stores', { token: 'hoa_other', ui: false });
    expect(other.status).toBe(401);
  });

  it('counts a wrong admin token on the first-admin page like any other', async () => {
    const { call } = await node({
      authFailureLimit: {
        address: { max: 3, windowMs: 60_000 },
        credential: { max: 10, windowMs: 60_000 },
      },
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const answer = await call('POST', '/office/api/first-admin', {
        body: { adminToken: `hoa_guess_${i}`, name: 'Ms Lam', password: PASSWORD },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // The address is over for the API too.
    const api = await call('GET', '/admin/stores', { token: 'hoa_another', ui: false });
    expect([api.status, code(api.json)]).toEqual([429, 'rate_limited']);
  });

  it('answers an unknown name exactly like a known one, lockout included, after the same work', async () => {
    const created = await headOffice.adminUsers.addAdminUser('test', {
      name: 'Ms Lam',
      password: PASSWORD,
    });
    expect(created.ok).toBe(true);
    const { call } = await node();
    const hashes = vi.mocked(verifyPassword);
    const attempts = async (name: string) => {
      const answers = [];
      for (let i = 0; i <= FAILURES_BEFORE_LOCK; i++) {
        hashes.mockClear();
        const answer = await call('POST', '/office/api/session', {
          body: { name, password: i < FAILURES_BEFORE_LOCK ? 'wrong password!' : PASSWORD },
        });
        answers.push({
          status: answer.status,
          body: answer.json,
          retryAfter: answer.headers.get('retry-after'),
          hashes: hashes.mock.calls.length,
        });
      }
      return answers;
    };
    const known = await attempts('Ms Lam');
    const unknown = await attempts('Mr Nobody');
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatchObject({ status: 429, retryAfter: '60', hashes: 1 });
    expect(code(known.at(-1)?.body)).toBe('sign_in_locked');
    expect(known[0]).toMatchObject({ status: 401, hashes: 1 });
  }, 120_000);

  it('accepts a change only from this very origin: scheme, host and port', async () => {
    const created = await headOffice.adminUsers.addAdminUser('test', {
      name: 'Ms Lam',
      password: PASSWORD,
    });
    expect(created.ok).toBe(true);
    const { call, address } = await node();
    const signedIn = await call('POST', '/office/api/session', {
      body: { name: 'Ms Lam', password: PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    const { hostname, port } = new URL(address);
    for (const origin of [
      `https://${hostname}:${port}`,
      `http://${hostname}:${Number(port) + 1}`,
      `http://${hostname}`,
      `http://localhost:${port}`,
    ]) {
      const refused = await call('POST', '/admin/stores', {
        body: { name: 'Forged' },
        headers: { origin },
      });
      expect([origin, refused.status, code(refused.json)]).toEqual([
        origin,
        403,
        'request_header_missing',
      ]);
    }
    const same = await call('POST', '/admin/stores', {
      body: { name: 'Mong Kok' },
      headers: { origin: `http://${hostname}:${port}` },
    });
    expect(same.status).toBe(201);
  });
});

describe.each(testDatabases)('an aborted upload on $name', (testDb) => {
  const office = headOfficePerTest(testDb);
  const records: LogRecord[] = [];
  let level: string | undefined;
  beforeEach(() => {
    level = process.env.LOYALTY_LOG;
    process.env.LOYALTY_LOG = 'debug';
    setLogSink((record) => records.push(record));
  });
  afterEach(() => {
    setLogSink(null);
    process.env.LOYALTY_LOG = level;
  });

  it('is logged at debug level, never as an error', async () => {
    const { headOffice } = await office.fresh();
    const terminal = await enrollTerminal(headOffice);
    const app = await buildServer(headOffice, { office: { dir: tmpdir() } });
    try {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = new URL(address);
      records.length = 0;
      const json = Buffer.from(
        JSON.stringify({ protocol: 1, pad: randomBytes(60_000).toString('hex') }),
      );
      const bodies = [
        { encoding: '', bytes: json },
        { encoding: 'Content-Encoding: gzip\r\n', bytes: gzipSync(json) },
      ];
      for (const { encoding, bytes } of bodies) {
        const closed = new Promise<void>((resolve) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write(
              `POST /sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${terminal.credential}\r\n` +
                `Content-Type: application/json\r\n${encoding}Content-Length: ${bytes.length}\r\n\r\n`,
            );
            // Part of the body, then the till loses its network.
            socket.write(bytes.subarray(0, Math.floor(bytes.length / 3)));
            setTimeout(() => socket.destroy(), 200);
          });
          socket.on('close', () => resolve());
        });
        await closed;
        await vi.waitFor(() => {
          expect(records.filter((r) => /aborted by the client/.test(r.msg))).toHaveLength(
            encoding ? 2 : 1,
          );
        });
      }
      const aborted = records.filter((r) => /aborted by the client/.test(r.msg));
      expect(aborted.map((r) => [r.level, r.msg])).toEqual([
        ['debug', 'POST /sync/push aborted by the client'],
        ['debug', 'POST /sync/push aborted by the client'],
      ]);
      expect(records.filter((r) => r.level === 'warn' || r.level === 'error')).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);
});
