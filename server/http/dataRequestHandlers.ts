import type { dataRequestRoutes } from '../../shared/office/dataRequestRoutes';
import type { HeadOffice } from '../headOffice';
import { memberExportPdf } from '../privacy/exportPdf';
import { replied, type RouteHandlers } from './registerRoutes';

/** Data-subject requests, exports, erasure approval and the privacy policy (server/privacy). */
export function dataRequestHandlers(
  headOffice: HeadOffice,
): RouteHandlers<typeof dataRequestRoutes> {
  const { privacy } = headOffice;
  return {
    'dataRequests.list': ({ query }) => privacy.listRequests(query),
    'dataRequests.create': ({ auth, body }) => privacy.createRequest(auth.actor, body),
    'dataRequests.setStatus': ({ auth, params, body }) =>
      privacy.setStatus(auth.actor, params.id, body),
    'dataRequests.approveErasure': ({ auth, params }) =>
      privacy.approveErasure(auth.actor, params.id),
    async 'members.export'({ params, query, reply }) {
      const outcome = await privacy.exportMember(params.id);
      if (!outcome.ok || query.format !== 'pdf') return outcome;
      const profile = outcome.value.sections.find((s) => s.name === 'profile')?.rows[0];
      const card = typeof profile?.cardNumber === 'string' ? profile.cardNumber : '';
      const pdf = await memberExportPdf(outcome.value, card);
      await reply
        .code(200)
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="member-${outcome.value.memberId}.pdf"`,
        )
        .send(pdf);
      return replied;
    },
    'privacy.policy': () => privacy.getPolicy(),
    'privacy.setPolicy': ({ auth, body }) => privacy.setPolicy(auth.actor, body),
    'privacy.retention': () => privacy.retentionReport(),
  };
}
