import { createClient, routeUrl, type Call, type CallError } from '../../../shared/contract/client';
import { OFFICE_REQUEST_HEADER, type RouteInput } from '../../../shared/contract/route';
import {
  officeRoutes,
  type OfficeRouteName,
  type OfficeRoutes,
} from '../../../shared/office/contract';

/**
 * The head-office UI's one way to reach head office: `callOffice(routeName, input)`, derived
 * from the contract (shared/office/contract.ts), so each call's input and answer are the route's
 * own types and nothing is declared twice. Same origin, the session cookie sent by the browser,
 * and the UI's header on every call (head office refuses a change without it). Every answer
 * comes back as a value, never thrown; answers are parsed by the route's schema.
 */
export type OfficeError = CallError;
export type OfficeCall = Call<OfficeRoutes>;

export const callOffice: OfficeCall = createClient(officeRoutes, {
  fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
  headers: { [OFFICE_REQUEST_HEADER]: '1' },
});

/** A route's URL, for what the browser fetches itself (a CSV download link). */
export function officeUrl<K extends OfficeRouteName>(
  name: K,
  input: RouteInput<OfficeRoutes[K]>,
): string {
  return routeUrl(officeRoutes[name], input);
}
