import type { messageRoutes } from '../../shared/office/messages';
import type { HeadOffice } from '../headOffice';
import { SIGNATURE_HEADER } from '../messages/signatures';
import type { RouteHandlers } from './registerRoutes';

/** Messages to members: settings and counts for admins; unsubscribe and the SMS provider's calls. */
export function messageHandlers(headOffice: HeadOffice): RouteHandlers<typeof messageRoutes> {
  const { messages } = headOffice;
  return {
    'messages.settings': () => messages.getSettings(),
    'messages.saveSettings': ({ auth, body }) => messages.saveSettings(auth.actor, body),
    'messages.counts': () => messages.counts(),
    'messages.ofMember': ({ params }) => messages.ofMember(params.id),
    'messages.unsubscribe': ({ params }) => messages.unsubscribe(params.id, params.token),
    'messages.unsubscribeLink': ({ params }) => messages.unsubscribe(params.id, params.token),
    'messages.smsStatus': ({ body, request }) =>
      messages.smsStatus(body, request.headers[SIGNATURE_HEADER]),
    'messages.smsInbound': ({ body, request }) =>
      messages.smsInbound(body, request.headers[SIGNATURE_HEADER]),
  };
}
