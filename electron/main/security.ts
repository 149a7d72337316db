import type { Session, WebContents, WebPreferences } from 'electron';
import { createLogger } from '../../shared/logger';

/**
 * The one module that hardens windows (STYLE.md rule 6). The decisions are pure functions so they
 * run under plain Node in tests; the functions that touch Electron take its objects as arguments.
 */

const log = createLogger('security');

/**
 * The renderer is our own bundle and talks to the core only through the preload's named
 * functions, so it gets nothing from Node and nothing a web page would not get.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    enableWebSQL: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Chromium and Node may percent-encode the same file path differently, so compare decoded. */
function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}

/**
 * Whether a frame may be at `target`, given where the app itself was loaded from (`appUrl`):
 * the dev server's origin, or the built renderer's index.html on app:// (or as a file URL).
 *
 * A file URL has an opaque origin, and Node gives a custom scheme's URL none at all, so comparing
 * origins would prove nothing; for those only the app's own document is allowed (its query and
 * hash may change). Other pages served beside it (office.html) are not the terminal.
 */
export function isAllowedNavigation(target: string, appUrl: string): boolean {
  const to = parseUrl(target);
  const app = parseUrl(appUrl);
  if (!to || !app) return false;
  if (app.protocol === 'file:' || app.protocol === 'app:') {
    return (
      to.protocol === app.protocol &&
      to.host === app.host &&
      to.port === app.port &&
      samePath(to.pathname, app.pathname)
    );
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return to.origin === app.origin;
}

/**
 * Permissions the renderer may have. The terminal needs none: the barcode scanner types like a
 * keyboard and receipts print through window.print(), neither of which asks for a permission.
 */
export const allowedPermissions: ReadonlySet<string> = new Set<string>();

export function permissionAllowed(permission: string): boolean {
  return allowedPermissions.has(permission);
}

/** Every window, frame and redirect the renderer could open or follow is checked here. */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('blocked a new window', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });

  const guard = (kind: string) => (event: { preventDefault(): void; url: string }) => {
    if (isAllowedNavigation(event.url, appUrl)) return;
    event.preventDefault();
    log.warn(`blocked ${kind}`, { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));

  // webviewTag is off already; this also refuses one if a preference is ever flipped by mistake.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a webview');
  });
}

/** Denies every permission request and check that is not on the allow-list. */
export function allowOnlyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = permissionAllowed(permission);
    if (!granted) log.warn('denied a permission request', { permission });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  // USB, HID and serial devices are not permissions; they have their own door.
  session.setDevicePermissionHandler(() => false);
}

/** Response headers with our policy as the only Content-Security-Policy. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}

/**
 * Sends our policy with every response the session receives. The app:// handler sets it on its
 * own answers too, and renderer/index.html keeps a matching <meta> tag: not every Electron
 * version runs webRequest hooks for custom protocols.
 */
export function applyContentSecurityPolicy(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}
