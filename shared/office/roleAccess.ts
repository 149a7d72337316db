import type { OfficeRole } from '../contract/route';
import { officeRoutes, type OfficeRouteName } from './contract';

/**
 * Whether a role may call a route: the contract's own answer, so the office UI hides exactly
 * what head office would refuse (it mirrors the guard; the guard decides).
 */
export function mayCall(role: OfficeRole, name: OfficeRouteName): boolean {
  const auth = officeRoutes[name].auth;
  if (auth.kind === 'admin' || auth.kind === 'session') return auth.roles.includes(role);
  return true;
}
