/**
 * A browser's side of head office over real HTTP on loopback, for the suites: it keeps the
 * session cookie it is given, sends the office UI's header unless told not to (`ui: false`), and
 * reads every answer as text and, where it is, JSON.
 */
export interface BrowserAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  setCookie: string | null;
}

export interface BrowserRequest {
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer`. */
  token?: string;
  /** Send the office UI's header (default true). */
  ui?: boolean;
  noCookie?: boolean;
}

export function browserClient(address: string) {
  let cookie: string | null = null;
  const call = async (
    method: string,
    route: string,
    init: BrowserRequest = {},
  ): Promise<BrowserAnswer> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.ui !== false) headers['x-office-request'] = '1';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (cookie && !init.noCookie) headers.cookie = cookie;
    let body: string | undefined = init.raw;
    if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json';
    const response = await fetch(`${address}${route}`, {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? null;
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, headers: response.headers, text, json, setCookie };
  };
  return { call, setCookie: (value: string | null) => (cookie = value) };
}
