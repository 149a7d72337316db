import type { memberRoutes } from '../../shared/office/members';
import type { HeadOffice } from '../headOffice';
import type { RouteHandlers } from './registerRoutes';
import type { AdminPrincipal } from './routeAuth';

/** /admin/members: the caller, as the guard established them, is who the view log names. */
export function memberHandlers(headOffice: HeadOffice): RouteHandlers<typeof memberRoutes> {
  const { members, memberImport } = headOffice;
  const viewer = (auth: AdminPrincipal) => ({
    actor: auth.actor,
    userId: auth.userId,
    role: auth.role,
  });
  return {
    'members.search': ({ auth, query }) => members.searchMembers(viewer(auth), query),
    'members.get': ({ auth, params, query }) => members.memberPage(viewer(auth), params.id, query),
    'members.import': ({ auth, body }) => memberImport.importMembers(auth.actor, body),
  };
}
