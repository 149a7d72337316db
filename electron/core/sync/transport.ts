import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** On the thread pool: a 200-operation batch takes milliseconds to compress, which a sale must not wait for. */
const gzipAsync = promisify(gzip);
import { APP_VERSION } from '../../../shared/appVersion';

/** What the sync worker needs from the network: one request, one answer (or a thrown failure). */
export interface SyncTransport {
  post(
    path: string,
    body: unknown,
    credential: string | null,
  ): Promise<{ status: number; body: unknown; retryAfterMs?: number }>;
}

/** Bodies above this are gzipped: outbox batches compress well (repeated keys and ids). */
const GZIP_ABOVE_BYTES = 4096;
const TIMEOUT_MS = 15_000;

/** HTTP(S) to head office with fetch; a timeout or refused connection throws. */
export function httpTransport(baseUrl: string): SyncTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async post(path, body, credential) {
      const json = Buffer.from(JSON.stringify(body));
      const compress = json.length > GZIP_ABOVE_BYTES;
      // The app version on every request: head office shows which version each terminal runs.
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-app-version': APP_VERSION,
      };
      if (compress) headers['content-encoding'] = 'gzip';
      if (credential) headers.authorization = `Bearer ${credential}`;
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers,
        body: compress ? await gzipAsync(json) : json,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      const retryAfterHeader = response.headers.get('retry-after');
      const retryAfter = retryAfterHeader === null ? Number.NaN : Number(retryAfterHeader);
      const waits =
        Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {};
      try {
        return {
          status: response.status,
          body: text.length > 0 ? JSON.parse(text) : null,
          ...waits,
        };
      } catch {
        return {
          status: response.status,
          body: { error: { code: 'not_json', message: text.slice(0, 200) } },
          ...waits,
        };
      }
    },
  };
}
