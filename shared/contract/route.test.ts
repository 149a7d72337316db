import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody } from './errors';
import { admin, anyone, mergeRoutes, responsesOf, route, terminal } from './route';

const answer = z.strictObject({ ok: z.boolean() });

describe('a route as declared', () => {
  it('has exactly one 2xx answer', () => {
    const base = { method: 'GET', path: '/x', summary: 'x', auth: anyone, request: {} } as const;
    expect(() => route({ ...base, responses: { 404: errorBody } })).toThrow(/exactly one 2xx/);
    expect(() => route({ ...base, responses: { 200: answer, 201: answer } })).toThrow(
      /exactly one 2xx/,
    );
  });

  it('declares the parameters its path names, and a GET has no body', () => {
    const base = { method: 'GET', summary: 'x', auth: anyone, responses: { 200: answer } } as const;
    expect(() => route({ ...base, path: '/a/:id', request: {} })).toThrow(/needs a params schema/);
    expect(() =>
      route({ ...base, path: '/a/:id', request: { params: z.strictObject({ key: z.string() }) } }),
    ).toThrow(/params schema has key, the path id/);
    expect(() => route({ ...base, path: '/a', request: { body: answer } })).toThrow(
      /a GET has no body/,
    );
    expect(
      route({ ...base, path: '/a/:id', request: { params: z.strictObject({ id: z.string() }) } })
        .path,
    ).toBe('/a/:id');
  });

  it('answers the errors every route of its kind answers', () => {
    const open = route({
      method: 'GET',
      path: '/open',
      summary: 'x',
      auth: anyone,
      request: {},
      responses: { 200: answer },
    });
    expect(Object.keys(responsesOf(open))).toEqual(['200', '400', '429', '500']);
    const guarded = route({
      method: 'POST',
      path: '/guarded',
      summary: 'x',
      auth: terminal,
      request: { body: answer },
      responses: { 200: answer, 409: errorBody },
    });
    expect(Object.keys(responsesOf(guarded)).map(Number).sort()).toEqual([
      200, 400, 401, 403, 409, 413, 415, 429, 500,
    ]);
  });
});

describe('merging route maps', () => {
  const one = route({
    method: 'GET',
    path: '/one',
    summary: 'x',
    auth: admin(['admin']),
    request: {},
    responses: { 200: answer },
  });
  it('refuses a name, or a method and path, declared twice', () => {
    expect(() => mergeRoutes({ a: one }, { a: { ...one, path: '/other' } })).toThrow(
      /route declared twice: a/,
    );
    expect(() => mergeRoutes({ a: one }, { b: one })).toThrow(
      /GET \/one is declared as both a and b/,
    );
    expect(
      Object.keys(mergeRoutes({ a: one }, { b: { ...one, method: 'POST' as const } })),
    ).toEqual(['a', 'b']);
  });
});
