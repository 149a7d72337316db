import type { Failure, Result } from '../result';
import {
  successStatus,
  type RouteInput,
  type RouteName,
  type RouteOutput,
  type RouteSpec,
  type Routes,
} from './route';

/**
 * A typed client for a contract: `call(routeName, input)` builds the URL from the route's path
 * and query, sends the body as JSON, and answers a Result whose value is the route's answer,
 * parsed by its schema (an answer is unknown until parsed, like any input). Every failure is a
 * value: head office's error body, or `unreachable` / `invalid_response` with the status.
 */
export interface CallError extends Failure {
  /** The HTTP status; 0 when head office could not be reached. */
  status: number;
}

export type CallResult<R extends RouteSpec> = Result<RouteOutput<R>, CallError>;

/** The part of `fetch` a client needs, so it runs in a browser, in Node and in tests alike. */
export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface ClientOptions {
  fetch: Fetch;
  /** Prefix of every path, e.g. "https://ho.example"; empty for the same origin. */
  baseUrl?: string;
  /** Headers sent with every call (the office UI's own header, say). */
  headers?: Record<string, string>;
}

/** Whether a route's input leaves every part optional, so `call(name)` needs no second argument. */
type InputArgs<R extends RouteSpec> =
  Record<string, never> extends RouteInput<R> ? [input?: RouteInput<R>] : [input: RouteInput<R>];

export type Call<M extends Routes> = <K extends RouteName<M>>(
  name: K,
  ...input: InputArgs<M[K]>
) => Promise<CallResult<M[K]>>;

/** The URL of a route for an input: path parameters filled in, the query from defined values. */
export function routeUrl(
  spec: RouteSpec,
  input: { params?: unknown; query?: unknown } = {},
  baseUrl = '',
): string {
  const params = (input.params ?? {}) as Record<string, unknown>;
  const path = spec.path.replace(/:([A-Za-z][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`${spec.path} needs ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return `${baseUrl}${path}${query ? `?${query}` : ''}`;
}

function errorOf(status: number, body: unknown): CallError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: unknown }).error
      : null;
  if (typeof error === 'object' && error !== null) {
    const { code, message, details } = error as Record<string, unknown>;
    return {
      code: typeof code === 'string' ? code : 'unknown',
      message: typeof message === 'string' ? message : '',
      status,
      ...(typeof details === 'object' && details !== null
        ? { details: details as Record<string, unknown> }
        : {}),
    };
  }
  return { code: status >= 500 ? 'unavailable' : 'unknown', message: '', status };
}

export function createClient<M extends Routes>(routes: M, options: ClientOptions): Call<M> {
  const call = async (name: string, input: RouteInput<RouteSpec> = {}) => {
    const spec = routes[name];
    if (!spec) throw new Error(`no route called ${name}`);
    const headers: Record<string, string> = { ...options.headers };
    const body = (input as { body?: unknown }).body;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Awaited<ReturnType<Fetch>>;
    try {
      response = await options.fetch(routeUrl(spec, input, options.baseUrl), {
        method: spec.method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return { ok: false, error: { code: 'unreachable', message: '', status: 0 } };
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) return { ok: false, error: errorOf(response.status, parsed) };
    const schema = spec.responses[successStatus(spec)];
    const answer = schema?.safeParse(parsed);
    if (!answer?.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_response',
          message: `${spec.method} ${spec.path} answered what its contract does not allow.`,
          status: response.status,
        },
      };
    }
    return { ok: true, value: answer.data };
  };
  return call as Call<M>;
}
