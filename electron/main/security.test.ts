import { pathToFileURL } from 'node:url';
import type { IpcMain, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../shared/api';
import { channelFor } from '../../shared/api/channels';
import { contentSecurityPolicy } from '../../shared/csp';
import type { Dispatch } from '../core/api/dispatch';
import { registerIpc } from './ipc';
import {
  allowOnlyPermissions,
  applyContentSecurityPolicy,
  hardenWebContents,
  isAllowedNavigation,
  permissionAllowed,
  secureWebPreferences,
  withContentSecurityPolicy,
} from './security';

const fileApp = pathToFileURL('/opt/loyalty/out/renderer/index.html').href;
const devApp = 'http://localhost:5173/';

const hostile = [
  'https://evil.example/',
  'http://evil.example/index.html',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'chrome://settings',
  'not a url',
  '',
];

/** A stand-in for webContents that keeps what hardenWebContents registers. */
function fakeContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
      openHandler = handler;
    },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      listeners.set(event, listener);
      return contents;
    },
  };
  const emit = (event: string, url: string) => {
    const preventDefault = vi.fn();
    listeners.get(event)?.({ url, preventDefault }, url);
    return preventDefault;
  };
  return {
    contents: contents as unknown as WebContents,
    listeners,
    emit,
    openWindow: (url: string) => openHandler?.({ url }),
  };
}

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and gives the renderer no Node', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });
});

describe('isAllowedNavigation', () => {
  it.each(hostile)('refuses %j from the built app', (url) => {
    expect(isAllowedNavigation(url, fileApp)).toBe(false);
  });

  it.each(hostile)('refuses %j from the dev server', (url) => {
    expect(isAllowedNavigation(url, devApp)).toBe(false);
  });

  it('allows the app document itself, with any query or hash', () => {
    expect(isAllowedNavigation(fileApp, fileApp)).toBe(true);
    expect(isAllowedNavigation('file:///opt/loyalty/out/renderer/%69ndex.html', fileApp)).toBe(
      true,
    );
    expect(isAllowedNavigation(`${fileApp}?x=1#/members`, fileApp)).toBe(true);
  });

  it('refuses other files, even next to the app or reached through ..', () => {
    const sibling = pathToFileURL('/opt/loyalty/out/renderer/other.html').href;
    expect(isAllowedNavigation(sibling, fileApp)).toBe(false);
    expect(isAllowedNavigation('file:///opt/loyalty/out/renderer/index.html%', fileApp)).toBe(
      false,
    );
    expect(isAllowedNavigation('file:///opt/loyalty/out/renderer%2F..%2Findex.html', fileApp)).toBe(
      false,
    );
    expect(isAllowedNavigation('file:///opt/loyalty/out/renderer/../main/index.js', fileApp)).toBe(
      false,
    );
    expect(
      isAllowedNavigation('file://evil.example/opt/loyalty/out/renderer/index.html', fileApp),
    ).toBe(false);
  });

  it('allows any path on the dev server origin, and only that origin', () => {
    expect(isAllowedNavigation('http://localhost:5173/members/1?q=x', devApp)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', devApp)).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', devApp)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:5173/', devApp)).toBe(false);
  });

  it('allows nothing when the app URL itself is not http(s) or file', () => {
    expect(isAllowedNavigation('data:text/html,x', 'data:text/html,x')).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', 'garbage')).toBe(false);
  });
});

describe('permissions', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'hid',
    'unknown',
  ])('denies %s', (permission) => {
    expect(permissionAllowed(permission)).toBe(false);
  });

  it('answers every request and check with no', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((c: unknown, p: string) => boolean) | undefined;
    let device: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    } as unknown as Session;
    allowOnlyPermissions(session);

    const callback = vi.fn();
    request?.(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check?.(null, 'geolocation')).toBe(false);
    expect(device?.()).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('denies every new window', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, fileApp);
    expect(fake.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.openWindow(fileApp)).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'cancels %s away from the app and lets the app through',
    (event) => {
      const fake = fakeContents();
      hardenWebContents(fake.contents, fileApp);
      for (const url of hostile) expect(fake.emit(event, url)).toHaveBeenCalledOnce();
      expect(fake.emit(event, `${fileApp}#/sale`)).not.toHaveBeenCalled();
    },
  );

  it('refuses to attach a webview', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, fileApp);
    const preventDefault = vi.fn();
    fake.listeners.get('will-attach-webview')?.({ preventDefault }, {}, { src: fileApp });
    expect(preventDefault).toHaveBeenCalledOnce();
  });
});

describe('Content-Security-Policy', () => {
  it('adds the shared policy to every response and replaces any other', () => {
    let listener:
      | ((
          details: { responseHeaders?: Record<string, string[]> },
          callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
        ) => void)
      | undefined;
    const session = {
      webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) },
    } as unknown as Session;
    applyContentSecurityPolicy(session, contentSecurityPolicy);

    const callback = vi.fn();
    listener?.(
      {
        responseHeaders: {
          'content-type': ['text/html'],
          'content-security-policy': ["script-src 'unsafe-eval' *"],
        },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'content-type': ['text/html'],
        'Content-Security-Policy': [contentSecurityPolicy],
      },
    });
  });

  it('adds the policy when the response had no headers at all', () => {
    expect(withContentSecurityPolicy(undefined, contentSecurityPolicy)).toEqual({
      'Content-Security-Policy': [contentSecurityPolicy],
    });
  });
});

describe('IPC registration', () => {
  function register() {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => unknown>();
    const ipcMain = {
      handle: (
        channel: string,
        listener: (event: IpcMainInvokeEvent, input: unknown) => unknown,
      ) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
    const dispatch = vi.fn<Dispatch>(() => ({ ok: true, value: 'answered' }));
    const unregister = registerIpc(ipcMain, dispatch, fileApp);
    const invoke = (channel: string, frameUrl: string | null, input: unknown) =>
      handlers.get(channel)?.(
        { senderFrame: frameUrl === null ? null : { url: frameUrl } } as IpcMainInvokeEvent,
        input,
      );
    return { handlers, dispatch, unregister, invoke };
  }

  it('handles exactly one channel per operation, and removes them again', () => {
    const { handlers, unregister } = register();
    expect([...handlers.keys()].sort()).toEqual(operationNames.map(channelFor).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes input from our own frame straight to dispatch', async () => {
    const { dispatch, invoke } = register();
    const input = { query: 'x' };
    expect(await invoke(channelFor('member.search'), `${fileApp}#/members`, input)).toEqual({
      ok: true,
      value: 'answered',
    });
    // As the till: only the customer display's page calls as the display.
    expect(dispatch).toHaveBeenCalledWith('member.search', input, { kind: 'till' });
  });

  it.each([...hostile, null])(
    'refuses a sender frame at %j without dispatching',
    async (frameUrl) => {
      const { dispatch, invoke } = register();
      const answer = await invoke(channelFor('member.search'), frameUrl, { query: 'x' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(dispatch).not.toHaveBeenCalled();
    },
  );

  it('turns a throwing dispatch into an error value', async () => {
    const { dispatch, invoke } = register();
    dispatch.mockImplementation(() => {
      throw new Error('boom');
    });
    expect(await invoke(channelFor('terminal.info'), fileApp, {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
