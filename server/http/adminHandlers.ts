import type { adminRoutes } from '../../shared/office/adminRoutes';
import { reportCsv } from '../admin/reports';
import { voiceDashboardCsv } from '../voice/dashboardExport';
import { voiceDashboardPdf } from '../voice/dashboardPdf';
import type { HeadOffice } from '../headOffice';
import { replied, type RouteHandlers } from './registerRoutes';

/** /admin/*: stores, terminals, the program configuration, exceptions, reports and admins. */
export function adminHandlers(headOffice: HeadOffice): RouteHandlers<typeof adminRoutes> {
  const { admin: office, adminUsers } = headOffice;
  return {
    'stores.list': () => office.listStores(),
    'stores.create': ({ auth, body }) => office.createStore(auth.actor, body),
    'stores.createEnrollmentCode': ({ auth, params, body }) =>
      office.createEnrollmentCode(auth.actor, params.id, body),
    'terminals.list': () => office.listTerminals(),
    'terminals.revoke': ({ auth, params }) => office.revokeTerminal(auth.actor, params.id),
    'config.get': () => office.getConfig(),
    'config.set': ({ auth, body }) => office.setConfig(auth.actor, body),
    'config.history': ({ query }) => office.configHistory(query),
    'consentWording.list': () => office.listConsentWording(),
    'consentWording.publish': ({ auth, body }) => office.publishConsentWording(auth.actor, body),
    'consent.ofMember': ({ params }) => office.memberConsent(params.id),
    'exceptions.list': ({ query }) => office.listExceptions(query),
    'exceptions.get': ({ params }) => office.getException(params.id),
    'exceptions.resolve': ({ auth, params, body }) =>
      office.resolveException(auth.actor, params.id, body),
    async 'reports.consolidated'({ query, reply }) {
      const outcome = await office.report(query);
      if (!outcome.ok || query.format !== 'csv') return outcome;
      const { from, to } = outcome.value;
      await reply
        .code(200)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${from}-${to}.csv"`)
        .send(`\ufeff${reportCsv(outcome.value)}`);
      return replied;
    },
    'adminUsers.list': () => adminUsers.listAdminUsers(),
    'adminUsers.create': ({ auth, body }) => adminUsers.addAdminUser(auth.actor, body),
    'config.proposals': () => office.programProposals(),
    'config.adoptProposal': ({ auth, params }) => office.adoptProgramProposal(auth.actor, params),
    'config.dismissProposal': ({ auth, params }) =>
      office.dismissProgramProposal(auth.actor, params),
    'complaints.list': ({ query }) => office.listComplaints(query),
    'complaints.get': ({ params }) => office.getComplaint(params.id),
    'complaints.step': ({ auth, params, body }) =>
      office.stepComplaint(auth.actor, params.id, body),
    async 'voice.dashboard'({ query, reply }) {
      const outcome = await office.voiceDashboard(query);
      if (!outcome.ok || query.format === undefined || query.format === 'json') return outcome;
      const name = `voice-${outcome.value.from}-${outcome.value.to}`;
      if (query.format === 'csv') {
        await reply
          .code(200)
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(`\ufeff${voiceDashboardCsv(outcome.value)}`);
        return replied;
      }
      const pdf = await voiceDashboardPdf(outcome.value, query.lang ?? 'en');
      await reply
        .code(200)
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(pdf);
      return replied;
    },
    'voice.trend': ({ query }) => office.voiceTrend(query),
  };
}
