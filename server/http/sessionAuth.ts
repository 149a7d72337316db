import type { FastifyRequest } from 'fastify';
import type { AdminAuth } from '../admin/adminAccess';
import { refuse, succeed, type Outcome } from '../platform/errors';
import type { HeadOffice } from '../headOffice';
import { OFFICE_REQUEST_HEADER, SESSION_COOKIE } from '../../shared/contract/route';
import type { OfficeRole } from '../../shared/contract/route';

/** Who called /admin/*, with what they may do: an admin token acts as an admin. */
export interface AdminCaller extends AdminAuth {
  role: OfficeRole;
  /** A store manager's store; null for everyone else. */
  storeId: string | null;
  /** The person signed in; null for an admin token. */
  userId: string | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : undefined;
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Whether the browser's Origin is this very site: scheme, host and port alike (a default port
 * written or not). The scheme is the one head office is reached by (behind a trusted proxy, the
 * one the proxy says), so http://shop.example cannot make changes on https://shop.example.
 */
function sameOrigin(origin: string, request: FastifyRequest): boolean {
  const from = parsedUrl(origin);
  const self = parsedUrl(`${request.protocol}://${request.host}`);
  if (!from || !self || from.origin === 'null') return false;
  return (
    from.protocol === self.protocol && from.hostname === self.hostname && from.port === self.port
  );
}

/**
 * A state-changing call from a browser must carry the UI's header, and, when the browser names
 * the page it came from, come from this very host.
 */
export function checkBrowserRequest(request: FastifyRequest): Outcome<null> {
  if (SAFE_METHODS.has(request.method)) return succeed(null);
  if (request.headers[OFFICE_REQUEST_HEADER] !== '1') {
    return refuse(
      'request_header_missing',
      `Changes from the head-office UI must send "${OFFICE_REQUEST_HEADER}: 1".`,
    );
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null' && !sameOrigin(origin, request)) {
    return refuse('request_header_missing', 'This request came from another site.');
  }
  return succeed(null);
}

export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return /^Bearer\s+(\S{1,512})\s*$/i.exec(header)?.[1];
}

/**
 * Who is calling /admin/*: an automation with an admin token (Authorization: Bearer), or a person
 * signed in to the UI (the session cookie, plus the UI's header on changes). A request that sends
 * a token is judged by the token alone.
 */
export async function authenticateAdminRequest(
  headOffice: HeadOffice,
  request: FastifyRequest,
): Promise<Outcome<AdminCaller>> {
  const token = bearer(request);
  const cookie = readCookie(request, SESSION_COOKIE);
  if (token || !cookie) {
    const byToken = await headOffice.authenticateAdmin(token);
    if (!byToken.ok) return byToken;
    return succeed({ ...byToken.value, role: 'admin', storeId: null, userId: null });
  }
  const session = await headOffice.adminUsers.authenticateSession(cookie);
  if (!session.ok) return session;
  const browser = checkBrowserRequest(request);
  if (!browser.ok) return browser;
  const { user } = session.value;
  return succeed({
    tokenId: `user:${user.id}`,
    actor: user.name,
    role: user.role,
    storeId: user.storeId,
    userId: user.id,
  });
}
