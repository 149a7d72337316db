import type { ApiInput, ApiResult, OperationName, TerminalApi } from '../../../shared/api';
import type { Result } from '../../../shared/result';

/** The renderer's only way to the core: `window.api` in Electron, HTTP in the browser host. */
export interface ApiClient {
  invoke<K extends OperationName>(name: K, input: ApiInput<K>): ApiResult<K>;
}

declare global {
  interface Window {
    api?: TerminalApi;
  }
}

const TOKEN_KEY = 'loyalty.hostToken';

/** The host prints a URL with #token=…; keep it for this tab and take it out of the address bar. */
function hostToken(): string {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    window.sessionStorage.setItem(TOKEN_KEY, match[1]);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return window.sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function unreachable(message: string): Result<never> {
  return { ok: false, error: { code: 'internal', message } };
}

function httpClient(): ApiClient {
  const token = hostToken();
  return {
    async invoke(name, input) {
      try {
        const response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
        const body = (await response.json()) as Awaited<ApiResult<typeof name>>;
        return body as never;
      } catch (error) {
        return unreachable(`The terminal host did not answer: ${String(error)}`) as never;
      }
    },
  };
}

export function createApiClient(): ApiClient {
  const bridge = window.api;
  if (bridge) {
    return {
      invoke: (name, input) => (bridge[name] as (i: typeof input) => ApiResult<typeof name>)(input),
    };
  }
  return httpClient();
}
