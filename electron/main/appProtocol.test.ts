import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Protocol } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/csp';
import {
  answerAppRequest,
  appIndexUrl,
  appScheme,
  contentTypeFor,
  resolveAppFile,
  serveAppProtocol,
} from './appProtocol';
import { isAllowedNavigation } from './security';

const root = '/opt/loyalty/out/renderer';

describe('resolveAppFile', () => {
  it('maps app://terminal/ paths to files inside the renderer folder', () => {
    expect(resolveAppFile(root, appIndexUrl)).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://terminal/')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://terminal')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://terminal/assets/index-abc.js?v=1#x')).toBe(
      `${root}/assets/index-abc.js`,
    );
    expect(resolveAppFile(root, 'app://terminal/assets/%E5%AD%97.woff2')).toBe(
      `${root}/assets/字.woff2`,
    );
    // The URL parser folds dot segments, encoded or not, before any can climb out.
    expect(resolveAppFile(root, 'app://terminal/assets/../index.html')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://terminal/..')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://terminal/%2e%2e/%2e%2e/etc/passwd')).toBe(
      `${root}/etc/passwd`,
    );
  });

  it.each([
    'app://terminal/..%2F..%2Fmain%2Findex.js',
    'app://terminal/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://terminal/%2F%2Fetc/passwd/..%2F..%2F..%2F..',
    'app://terminal/index.html%00.js',
    'app://terminal/%E0%A4%A',
    'app://evil/index.html',
    'app://terminal:8080/index.html',
    'app://user:pw@terminal/index.html',
    'file:///opt/loyalty/out/renderer/index.html',
    'https://terminal/index.html',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('keeps to the folder by Windows rules too', () => {
    const winRoot = 'C:\\Loyalty\\resources\\out\\renderer';
    expect(resolveAppFile(winRoot, 'app://terminal/assets/a.js', path.win32)).toBe(
      'C:\\Loyalty\\resources\\out\\renderer\\assets\\a.js',
    );
    expect(resolveAppFile(winRoot, 'app://terminal/%5C%5Cserver%5Cshare%5Cx', path.win32)).toBe(
      'C:\\Loyalty\\resources\\out\\renderer\\server\\share\\x',
    );
    for (const url of [
      'app://terminal/..%5C..%5Cmain%5Cindex.js',
      'app://terminal/assets%5C..%5C..%5C..%5Csecret.txt',
      'app://terminal/C:%5CWindows%5Cwin.ini',
    ]) {
      expect(resolveAppFile(winRoot, url, path.win32)).toBeNull();
    }
  });
});

describe('answerAppRequest', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-app-protocol-'));
    mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'export {};');
    writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the bundle with its type and our Content-Security-Policy', async () => {
    const renderer = path.join(dir, 'renderer');
    const page = await answerAppRequest(renderer, appIndexUrl, contentSecurityPolicy);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await page.text()).toContain('<title>t</title>');
    const script = await answerAppRequest(
      renderer,
      'app://terminal/assets/app.js',
      contentSecurityPolicy,
    );
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for a file next to the folder, and for one that is not there', async () => {
    const renderer = path.join(dir, 'renderer');
    for (const url of ['app://terminal/..%2Fsecret.txt', 'app://terminal/missing.js']) {
      const answer = await answerAppRequest(renderer, url, contentSecurityPolicy);
      expect(answer.status).toBe(404);
      expect(await answer.text()).not.toContain('not for the renderer');
    }
  });

  it('is what protocol.handle answers app:// with', async () => {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    const protocol = {
      handle: (scheme: string, h: typeof handler) => {
        expect(scheme).toBe(appScheme.scheme);
        handler = h;
      },
    } as unknown as Pick<Protocol, 'handle'>;
    serveAppProtocol(protocol, path.join(dir, 'renderer'), contentSecurityPolicy);
    const answer = await handler?.(new Request(appIndexUrl));
    expect(answer?.status).toBe(200);
  });
});

describe('the app scheme', () => {
  it('is standard and secure, and does not bypass the CSP', () => {
    expect(appScheme.privileges).toMatchObject({ standard: true, secure: true });
    expect(appScheme.privileges?.bypassCSP).toBeUndefined();
  });

  it('lets the window stay on the app page only', () => {
    expect(isAllowedNavigation(`${appIndexUrl}#/members`, appIndexUrl)).toBe(true);
    expect(isAllowedNavigation('app://terminal/%69ndex.html?x=1', appIndexUrl)).toBe(true);
    for (const url of [
      'app://terminal/office.html',
      'app://terminal/assets/app.js',
      'app://evil/index.html',
      'app://terminal:1/index.html',
      'file:///opt/loyalty/out/renderer/index.html',
      'https://terminal/index.html',
    ]) {
      expect(isAllowedNavigation(url, appIndexUrl)).toBe(false);
    }
  });

  it('types files by extension', () => {
    expect(contentTypeFor('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.unknown')).toBe('application/octet-stream');
  });
});
