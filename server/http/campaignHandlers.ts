import type { campaignRoutes } from '../../shared/office/campaignRoutes';
import { campaignResultsCsv } from '../campaigns/results';
import type { HeadOffice } from '../headOffice';
import { replied, type RouteHandlers } from './registerRoutes';

/** /admin/segments, /admin/campaigns: parsed by the contract, and again by the services. */
export function campaignHandlers(headOffice: HeadOffice): RouteHandlers<typeof campaignRoutes> {
  const { campaigns } = headOffice;
  return {
    'segments.list': () => campaigns.listSegments(),
    'segments.save': ({ auth, body }) => campaigns.saveSegment(auth.actor, body),
    'segments.count': ({ body }) => campaigns.countSegment(body),
    'segments.members': ({ auth, params, query }) =>
      campaigns.segmentMembers(auth.actor, params.id, query),
    'campaigns.list': () => campaigns.listCampaigns(),
    'campaigns.create': ({ auth, body }) => campaigns.createCampaign(auth.actor, body),
    'campaigns.setCost': ({ auth, params, body }) =>
      campaigns.setCampaignCost(auth.actor, params.id, body),
    'campaigns.launch': ({ auth, params }) => campaigns.launchCampaign(auth.actor, params.id),
    async 'campaigns.results'({ params, query, reply }) {
      const outcome = await campaigns.campaignResults(params.id);
      if (!outcome.ok || query.format !== 'csv') return outcome;
      await reply
        .code(200)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="campaign-${params.id}.csv"`)
        .send(`\ufeff${campaignResultsCsv(outcome.value)}`);
      return replied;
    },
  };
}
