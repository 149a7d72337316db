import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { createLogger } from '../../shared/logger';

/**
 * The built renderer is served from `app://terminal/`, not from file://. A file URL has an opaque
 * origin, and a page loaded from one may be granted reach into every file on disk; an app://
 * page has an origin of its own ('self' in the CSP means exactly our bundle), and it can read
 * only what `resolveAppFile` lets through: files inside out/renderer. The decisions are pure
 * functions so they run under plain Node in tests.
 */

const log = createLogger('app-protocol');

export const APP_SCHEME = 'app';
export const APP_HOST = 'terminal';
/** Where the window opens. */
export const appIndexUrl = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before the app is ready. `standard` gives the scheme real origins and relative URLs
 * (the bundle loads ./assets/…), `secure` lets it count as a secure context, and module scripts
 * need the fetch API. No `bypassCSP`: the policy applies to these pages as to any other.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

/**
 * The file inside `rootDir` that an app:// request names, or null when it names nothing we serve:
 * another scheme or host, a path that climbs out of the folder (also percent-encoded, or with
 * backslashes on Windows), a NUL byte, or a malformed escape. `/` is the index page.
 * `pathApi` is the platform's path module; tests pass path.win32 to check Windows' rules.
 */
export function resolveAppFile(
  rootDir: string,
  requestUrl: string,
  pathApi: path.PlatformPath = path,
): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username || url.password || url.port) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, `.${relative}`);
  const inside = pathApi.relative(root, file);
  if (inside === '' || inside.startsWith('..') || pathApi.isAbsolute(inside)) return null;
  return file;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The answer to one app:// request: the file with its type and our CSP, or a bare 404. */
export async function answerAppRequest(
  rootDir: string,
  requestUrl: string,
  policy: string,
): Promise<Response> {
  const file = resolveAppFile(rootDir, requestUrl);
  if (file === null) {
    log.warn('refused an app:// request', { url: requestUrl.slice(0, 200) });
    return new Response('Not found', { status: 404 });
  }
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': policy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** Serves out/renderer on app://terminal/ in the session that `protocol` belongs to. */
export function serveAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rootDir: string,
  policy: string,
): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(rootDir, request.url, policy));
}
