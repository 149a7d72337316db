import type { ApiInput, ApiOutput, OperationName, TerminalApi } from '../../shared/api';
import type { Result } from '../../shared/result';

declare global {
  interface Window {
    api?: TerminalApi;
  }
}

const TOKEN_KEY = 'loyalty.displayToken';

/**
 * The display's one way to the core. In Electron its window has the preload's `window.api`, and
 * main tells the core the call came from the display window. In a browser it sends its own
 * token, the one pairing gave it, never the till's: the core lets that token read the view and
 * answer the closing question, and refuses everything else.
 */
export interface DisplayClient {
  /** Electron's display window needs no pairing: main vouches for it. */
  readonly builtIn: boolean;
  paired(): boolean;
  pair(code: string): Promise<Result<unknown>>;
  forget(): void;
  invoke<K extends OperationName>(name: K, input: ApiInput<K>): Promise<Result<ApiOutput<K>>>;
}

function unreachable(): Result<never> {
  return { ok: false, error: { code: 'internal', message: 'The till did not answer.' } };
}

async function post(name: string, input: unknown, token: string | null): Promise<Result<never>> {
  try {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Result<never>;
  } catch {
    return unreachable();
  }
}

export function createDisplayClient(): DisplayClient {
  const bridge = window.api;
  if (bridge) {
    return {
      builtIn: true,
      paired: () => true,
      pair: () => Promise.resolve({ ok: true, value: null }),
      forget: () => undefined,
      invoke: (name, input) =>
        (bridge[name] as (i: typeof input) => Promise<Result<ApiOutput<typeof name>>>)(input),
    };
  }
  // Kept across a reload of the tablet's page; a restarted till forgets it and the display pairs again.
  let token = window.localStorage.getItem(TOKEN_KEY);
  return {
    builtIn: false,
    paired: () => token !== null,
    async pair(code) {
      const result = (await post('display.pair', { code }, null)) as Result<{ token: string }>;
      if (result.ok) {
        token = result.value.token;
        window.localStorage.setItem(TOKEN_KEY, token);
      }
      return result;
    },
    forget() {
      token = null;
      window.localStorage.removeItem(TOKEN_KEY);
    },
    invoke: (name, input) => post(name, input, token),
  };
}
