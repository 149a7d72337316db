import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from '../../shared/csp';
import type { headOfficePages } from '../../shared/office/contract';

/** Where `npm run build` (electron-vite) puts the renderer, office.html included. */
export const DEFAULT_OFFICE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../out/renderer',
);

/**
 * Headers on every answer head office gives: a strict CSP (the UI's own scripts and styles,
 * calls only back to this origin), no framing, no sniffing, no referrer. Pages and API answers
 * are never cached; built assets have content-hashed names and are cached for good.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', contentSecurityPolicy);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (!request.url.startsWith('/office/assets/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What /office/ says when the UI has not been built: how to build it, in all three languages. */
function notBuiltPage(dir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Head office</title></head>
<body>
<h1>The head-office UI has not been built yet</h1>
<p>Run <code>npm run build</code> (or <code>npx electron-vite build</code>) in the project folder,
then reload this page. Head office looks for it in <code>${escapeHtml(dir)}</code>.</p>
<p lang="zh-Hant">總部網頁尚未建置：請在專案資料夾執行 <code>npm run build</code>，然後重新載入此頁。</p>
<p lang="zh-Hans">总部网页尚未构建：请在项目文件夹运行 <code>npm run build</code>，然后重新加载此页。</p>
</body></html>`;
}

/**
 * Serves the head-office UI at /office/ (the contract's pages): office.html and the built assets. It is looked for on
 * every request, so building after head office started works without a restart.
 */
export async function registerOfficePages(
  app: FastifyInstance,
  dir: string,
  pages: typeof headOfficePages,
): Promise<void> {
  const built = path.join(dir, 'office.html');
  const sendPage = (reply: FastifyReply) => {
    if (!existsSync(built)) {
      return reply.code(503).type('text/html; charset=utf-8').send(notBuiltPage(dir));
    }
    return reply.type('text/html; charset=utf-8').send(readFileSync(built));
  };
  const page = pages['office.page'].path;
  app.get(pages['office.redirect'].path, (_request, reply) => reply.redirect(page, 302));
  app.get(page, (_request, reply) => sendPage(reply));
  await app.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    // The declared path is the folder and its wildcard: /office/assets/*.
    prefix: pages['office.assets'].path.replace(/\*$/, ''),
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    immutable: true,
    maxAge: '365d',
  });
}
