import { errorBody } from '../contract/errors';
import { anyone, officeUi, roleGroups, route, signedIn } from '../contract/route';
import {
  adminUserView,
  firstAdminRequest,
  languageRequest,
  sessionState,
  signInRequest,
} from './adminUsers';

/**
 * /office/api/*: signing in and out of the office UI, the signed-in person's language, and the
 * first admin on a new head office. Everything else the UI does goes to /admin/*.
 */
export const sessionRoutes = {
  'session.get': route({
    method: 'GET',
    path: '/office/api/session',
    summary: 'Who is signed in, or whether head office still needs its first admin',
    auth: anyone,
    request: {},
    responses: { 200: sessionState },
  }),
  'session.signIn': route({
    method: 'POST',
    path: '/office/api/session',
    summary: 'Sign in with a name and password: sets the session cookie',
    auth: officeUi,
    request: { body: signInRequest },
    responses: { 200: sessionState, 401: errorBody },
  }),
  'session.signOut': route({
    method: 'DELETE',
    path: '/office/api/session',
    summary: 'Sign out: ends the session and clears its cookie',
    auth: officeUi,
    request: {},
    responses: { 200: sessionState },
  }),
  'session.setLanguage': route({
    method: 'PUT',
    path: '/office/api/session/language',
    summary: "The signed-in person's language, remembered for them",
    auth: signedIn(roleGroups.everyone),
    request: { body: languageRequest },
    responses: { 200: adminUserView, 404: errorBody },
  }),
  'session.firstAdmin': route({
    method: 'POST',
    path: '/office/api/first-admin',
    summary:
      'The first admin of a new head office, with the admin token; refused once there is one',
    auth: officeUi,
    request: { body: firstAdminRequest },
    responses: { 201: adminUserView, 401: errorBody, 409: errorBody },
  }),
};
