/**
 * campaign_results: the results page of a campaign over every member of the chain (1,000,000
 * assigned by default; launched on 2025-10-01 with a 30-day attribution window, a 10 % holdout,
 * double points and a coupon), through head office's code: campaignResultsService.campaignResults
 * (results.ts: per arm members, converted, redeemed, mean and variance of spend in one
 * statement, then the uplift figures), against the bare statement: the same per-arm aggregate
 * written as one plain query (the window's sales grouped by member, joined to the
 * assignments), on the same data in the same run. Target: p99 ≤ 1 s.
 */
import type { Database } from '../../../server/db/database';
import type { CampaignResults } from '../../../shared/office/campaigns';
import type { BenchResult } from '../stats';
import { alternate } from './cachedSchema';
import { sampleOf } from './segmentCount';
import { campaignChain, unwrap, type CampaignChain, type ChainBenchOptions } from './campaignData';

const TARGET_MS = 1000;

const BARE_RESULTS_SQL = `
WITH c AS (
  SELECT to_char(launched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS window_from,
    to_char((launched_at + make_interval(days => attribution_days)) AT TIME ZONE 'UTC',
      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS window_to
  FROM campaign WHERE id = $1),
window_sales AS (
  SELECT s.member_id, sum(s.total_minor) AS spend, bool_or(s.kind = 'sale') AS bought,
    bool_or(s.kind = 'sale' AND o.payload -> 'offer' ->> 'campaignId' = $1::text) AS used
  FROM c, sale s LEFT JOIN sync_op o ON o.op_id = s.op_id
  WHERE s.member_id IS NOT NULL AND s.created_at >= c.window_from AND s.created_at < c.window_to
  GROUP BY s.member_id)
SELECT coalesce(a.variant_id::text, 'holdout') AS arm, count(*)::int AS members,
  count(*) FILTER (WHERE w.bought)::int AS converted, count(*) FILTER (WHERE w.used)::int AS redeemed,
  avg(coalesce(w.spend, 0)) AS mean, var_samp(coalesce(w.spend, 0)) AS variance
FROM campaign_assignment a LEFT JOIN window_sales w USING (member_id)
WHERE a.campaign_id = $1
GROUP BY 1`;

interface BareArm {
  arm: string;
  members: number;
  converted: number;
  redeemed: number;
  mean: string;
}

export async function bareResults(db: Database, campaignId: string): Promise<BareArm[]> {
  return (await db.query<BareArm>(BARE_RESULTS_SQL, [campaignId])).rows;
}

export async function ourResults(chain: CampaignChain): Promise<CampaignResults> {
  return unwrap(await chain.headOffice.campaigns.campaignResults(chain.resultsCampaign));
}

/** Same members, buyers, offer users and mean spend in every arm. */
export function sameArms(ours: CampaignResults, bare: readonly BareArm[]): boolean {
  const byArm = new Map(bare.map((row) => [row.arm, row]));
  const arms = [
    ['holdout', ours.holdout] as const,
    ...ours.variants.map((v) => [v.variantId, v.totals] as const),
  ];
  return (
    arms.length === bare.length &&
    arms.every(([arm, totals]) => {
      const row = byArm.get(arm);
      return (
        row !== undefined &&
        row.members === totals.members &&
        row.converted === totals.converted &&
        row.redeemed === totals.redeemed &&
        Math.abs(Number(row.mean) - totals.spendMeanMinor) < 1e-6
      );
    })
  );
}

export async function benchCampaignResults(
  options: ChainBenchOptions,
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  const chain = await campaignChain({
    ...options,
    progress: (m) => progress(`campaign_results: ${m}`),
  });
  try {
    const warmOurs = await ourResults(chain);
    const warmBare = await bareResults(chain.db, chain.resultsCampaign);
    const agree = sameArms(warmOurs, warmBare);
    const rounds = options.rounds ?? 7;
    const times = await alternate(
      rounds,
      () => ourResults(chain),
      () => bareResults(chain.db, chain.resultsCampaign),
    );
    const summary = sampleOf(times.ours).summary();
    const assigned =
      warmOurs.holdout.members + warmOurs.variants.reduce((t, v) => t + v.totals.members, 0);
    const converted =
      warmOurs.holdout.converted + warmOurs.variants.reduce((t, v) => t + v.totals.converted, 0);
    return {
      name: 'campaign_results',
      ours: summary,
      baseline: sampleOf(times.bare).summary(),
      target: `p99 ≤ ${TARGET_MS} ms`,
      met: summary.p99Ms <= TARGET_MS && agree,
      notes: [
        `${chain.members.toLocaleString('en')} members (${chain.built ? 'loaded now' : 'cached'} in ${chain.schema})`,
        `a campaign over ${assigned.toLocaleString('en')} assigned members, window ${warmOurs.windowFrom} to ${warmOurs.windowTo}; ${converted.toLocaleString('en')} bought in it`,
        'ours: campaigns.campaignResults (results.ts, one statement, then the uplift figures)',
        "baseline: one plain statement, the window's sales grouped by member joined to the assignments",
        `ours and the baseline agree on every arm: ${agree ? 'yes' : 'NO'}`,
      ],
      figures: { members: assigned },
    };
  } finally {
    await chain.close();
  }
}
