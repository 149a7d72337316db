import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient, routeUrl, type Fetch } from './client';
import { errorBody } from './errors';
import { admin, anyone, route } from './route';

const routes = {
  'things.get': route({
    method: 'GET',
    path: '/things/:id',
    summary: 'one thing',
    auth: admin(['admin']),
    request: {
      params: z.strictObject({ id: z.string() }),
      query: z.object({ view: z.string().optional(), limit: z.coerce.number().optional() }),
    },
    responses: { 200: z.strictObject({ id: z.string() }), 404: errorBody },
  }),
  'things.create': route({
    method: 'POST',
    path: '/things',
    summary: 'a new thing',
    auth: anyone,
    request: { body: z.strictObject({ name: z.string() }) },
    responses: { 201: z.strictObject({ id: z.string() }) },
  }),
};

function answering(status: number, body: string) {
  const sent: { url: string; method: string; headers: Record<string, string>; body?: string }[] =
    [];
  const fetch: Fetch = async (url, init) => {
    sent.push({ url, ...init });
    return { ok: status >= 200 && status < 300, status, text: async () => body };
  };
  return { fetch, sent };
}

describe('the client derived from a contract', () => {
  it('builds the URL from the path and the defined query values, encoded', () => {
    expect(
      routeUrl(routes['things.get'], {
        params: { id: 'a/b c' },
        query: { view: 'full', limit: undefined },
      }),
    ).toBe('/things/a%2Fb%20c?view=full');
    expect(routeUrl(routes['things.get'], { params: { id: 'x' }, query: { view: '' } })).toBe(
      '/things/x',
    );
    expect(() => routeUrl(routes['things.get'], {})).toThrow(/needs id/);
  });

  it('sends the method, headers and JSON body, and parses the answer by its schema', async () => {
    const { fetch, sent } = answering(201, '{"id":"t1"}');
    const call = createClient(routes, { fetch, baseUrl: 'https://ho', headers: { 'x-a': '1' } });
    const created = await call('things.create', { body: { name: 'Lamp' } });
    expect(created).toEqual({ ok: true, value: { id: 't1' } });
    expect(sent).toEqual([
      {
        url: 'https://ho/things',
        method: 'POST',
        headers: { 'x-a': '1', 'content-type': 'application/json' },
        body: '{"name":"Lamp"}',
      },
    ]);
  });

  it('answers every failure as a value: the error body, an unreadable answer, no answer', async () => {
    const refused = createClient(routes, {
      fetch: answering(404, '{"error":{"code":"not_found","message":"No such thing."}}').fetch,
    });
    expect(await refused('things.get', { params: { id: 'x' } })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such thing.', status: 404 },
    });
    const broken = createClient(routes, {
      fetch: answering(502, '<html>bad gateway</html>').fetch,
    });
    expect(await broken('things.get', { params: { id: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', status: 502 },
    });
    const lying = createClient(routes, { fetch: answering(200, '{"id":7,"extra":true}').fetch });
    expect(await lying('things.get', { params: { id: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_response', status: 200 },
    });
    const offline = createClient(routes, {
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(await offline('things.create', { body: { name: 'x' } })).toEqual({
      ok: false,
      error: { code: 'unreachable', message: '', status: 0 },
    });
  });
});
