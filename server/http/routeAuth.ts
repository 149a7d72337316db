import type { FastifyRequest } from 'fastify';
import type { OfficeRole, RouteAuth } from '../../shared/contract/route';
import type { TerminalAuth } from '../admin/terminals';
import type { HeadOffice } from '../headOffice';
import type { SessionView } from '../../shared/office/adminUsers';
import { refuse, succeed, type Outcome } from '../platform/errors';
import { SESSION_COOKIE } from '../../shared/contract/route';
import {
  authenticateAdminRequest,
  bearer,
  checkBrowserRequest,
  readCookie,
  type AdminCaller,
} from './sessionAuth';

/** Who is calling, established from the request's credential as the route's `auth` asks. */
export type AdminPrincipal = AdminCaller;
export interface SessionPrincipal extends SessionView {
  role: OfficeRole;
}

export type PrincipalOf<A extends RouteAuth> = A extends { kind: 'terminal' }
  ? TerminalAuth
  : A extends { kind: 'admin' }
    ? AdminPrincipal
    : A extends { kind: 'session' }
      ? SessionPrincipal
      : null;

function admitted<P extends { role: OfficeRole }>(
  roles: readonly OfficeRole[],
  principal: P,
): Outcome<P> {
  if (roles.includes(principal.role)) return succeed(principal);
  return refuse('forbidden', `This needs one of these roles: ${roles.join(', ')}.`);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Checks a request against its route's `auth`: the principal, or why it is refused (401/403). */
export async function authenticate(
  headOffice: HeadOffice,
  auth: RouteAuth,
  request: FastifyRequest,
): Promise<Outcome<TerminalAuth | AdminPrincipal | SessionPrincipal | null>> {
  switch (auth.kind) {
    case 'public':
      return succeed(null);
    case 'officeUi': {
      const browser = checkBrowserRequest(request);
      return browser.ok ? succeed(null) : browser;
    }
    case 'terminal':
      return headOffice.authenticateTerminal(bearer(request), {
        appVersion: header(request, 'x-app-version'),
      });
    case 'admin': {
      // An admin token, or a person signed in to the office UI (sessionAuth.ts).
      const who = await authenticateAdminRequest(headOffice, request);
      if (!who.ok) return who;
      return admitted(auth.roles, who.value);
    }
    case 'session': {
      const session = await headOffice.adminUsers.authenticateSession(
        readCookie(request, SESSION_COOKIE),
      );
      if (!session.ok) return session;
      const browser = checkBrowserRequest(request);
      if (!browser.ok) return browser;
      return admitted(auth.roles, { ...session.value, role: session.value.user.role });
    }
    default: {
      const unhandled: never = auth;
      throw new Error(`no authentication for ${JSON.stringify(unhandled)}`);
    }
  }
}
