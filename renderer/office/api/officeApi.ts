/**
 * The head-office UI's one way to reach head office: fetch on the same origin, the session
 * cookie sent by the browser, and the UI's header on every change (head office refuses a change
 * without it: see server/http/sessionAuth.ts). Every answer comes back as a value, never thrown.
 */
export const OFFICE_REQUEST_HEADER = 'x-office-request';

export interface OfficeError {
  code: string;
  message: string;
  status: number;
  details?: Record<string, unknown>;
}

export type OfficeResult<T> = { ok: true; value: T } | { ok: false; error: OfficeError };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function errorOf(status: number, body: unknown): OfficeError {
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

export async function officeCall<T>(
  method: Method,
  path: string,
  body?: unknown,
): Promise<OfficeResult<T>> {
  const headers: Record<string, string> = { [OFFICE_REQUEST_HEADER]: '1' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
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
  return { ok: true, value: parsed as T };
}

/** A query string from defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
