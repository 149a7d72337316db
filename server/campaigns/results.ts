import { meanArmOf, type MeanArm } from '../../shared/experiment/intervals';
import { variantResults, type ArmTotals } from '../../shared/experiment/uplift';
import type { CampaignResults } from '../../shared/office/campaigns';
import { ANALYTICS_SETTINGS } from '../analytics/analyticsService';
import type { Database } from '../db/database';
import { guard, succeed, HeadOfficeFailure, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import { campaignsOf } from './campaigns';

/**
 * A campaign's results (shared/experiment/uplift.ts defines every figure): per arm, over the
 * attribution window [launch, launch + attribution days), members, those who bought, those who
 * used an offer of the campaign, and the mean and sample variance of spend per member (net of
 * refunds, minor units; a member who bought nothing counts 0), all in one statement, exact in
 * numeric. "Used the offer" is: a sale priced with one of the campaign's multipliers (the sale
 * names it: shared/sync/operations.ts), or a coupon of one of its coupon variants' coupon
 * campaigns redeemed. A holdout member who did either is contamination: counted, and kept in
 * the holdout (intention to treat).
 */
interface ArmRow {
  arm: string;
  members: number;
  converted: number;
  redeemed: number;
  mean: string | number | null;
  variance: string | number | null;
}

/**
 * Set-based, so a million assigned members cost one pass over the window's sales, not four
 * probes per member: the window's member sales are read once through the sale_period index
 * (created_at as text against the window's bounds in the same ISO form, as the analytics
 * statements compare it), grouped by member and joined to the assignments.
 */
const RESULTS_SQL = `
WITH c AS (
  SELECT id, launched_at AS window_from,
    launched_at + make_interval(days => attribution_days) AS window_to,
    to_char(launched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS from_text,
    to_char((launched_at + make_interval(days => attribution_days)) AT TIME ZONE 'UTC',
      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS to_text
  FROM campaign WHERE id = $1),
coupon_campaigns AS (
  SELECT v.offer ->> 'couponCampaignId' AS coupon_campaign_id FROM campaign_variant v
  WHERE v.campaign_id = $1 AND v.offer ->> 'kind' = 'coupon'),
member_sales AS (
  SELECT s.member_id, sum(s.total_minor) AS spend, bool_or(s.kind = 'sale') AS converted,
    bool_or(s.kind = 'sale' AND EXISTS (SELECT 1 FROM sync_op o
      WHERE o.op_id = s.op_id AND o.payload -> 'offer' ->> 'campaignId' = $1::text)) AS offer_used
  FROM sale s, c
  WHERE s.member_id IS NOT NULL AND s.created_at >= c.from_text AND s.created_at < c.to_text
  GROUP BY s.member_id),
coupon_users AS (
  SELECT DISTINCT s.member_id
  FROM coupon_use u JOIN coupon k ON k.id = u.coupon_id JOIN sale s ON s.id = u.sale_id, c
  WHERE u.kind = 'redeemed' AND s.member_id IS NOT NULL
    AND k.campaign_id IN (SELECT coupon_campaign_id FROM coupon_campaigns)
    AND u.created_at::timestamptz >= c.window_from AND u.created_at::timestamptz < c.window_to),
per_member AS (
  SELECT coalesce(a.variant_id::text, 'holdout') AS arm, coalesce(m.spend, 0)::numeric AS spend,
    coalesce(m.converted, false) AS converted,
    (coalesce(m.offer_used, false) OR u.member_id IS NOT NULL) AS redeemed
  FROM campaign_assignment a
    LEFT JOIN member_sales m ON m.member_id = a.member_id
    LEFT JOIN coupon_users u ON u.member_id = a.member_id
  WHERE a.campaign_id = $1)
SELECT arm, count(*)::int AS members, count(*) FILTER (WHERE converted)::int AS converted,
  count(*) FILTER (WHERE redeemed)::int AS redeemed, avg(spend) AS mean,
  var_samp(spend) AS variance
FROM per_member GROUP BY arm`;

function totalsOf(row: ArmRow | undefined): ArmTotals {
  const spend: MeanArm = row
    ? { n: row.members, mean: Number(row.mean ?? 0), variance: Number(row.variance ?? 0) }
    : meanArmOf([]);
  return {
    members: row?.members ?? 0,
    converted: row?.converted ?? 0,
    redeemed: row?.redeemed ?? 0,
    spend,
  };
}

const wire = (t: ArmTotals) => ({
  members: t.members,
  converted: t.converted,
  redeemed: t.redeemed,
  spendMeanMinor: t.spend.mean,
});

export async function campaignResultsOf(
  db: Database,
  campaignId: string,
): Promise<CampaignResults> {
  // One read-only snapshot with the analytics settings: a million members' aggregate wants
  // more work memory than the default, and JIT compiling it costs more than it saves (its
  // estimate once set off seconds of compiling for a few thousand members).
  const { campaign, rows } = await db.transaction(
    async (tx) => {
      for (const setting of ANALYTICS_SETTINGS) await tx.query(setting);
      const [found] = await campaignsOf(tx, [campaignId]);
      if (!found) throw new HeadOfficeFailure('not_found', 'No campaign has that id.');
      return { campaign: found, rows: (await tx.query<ArmRow>(RESULTS_SQL, [campaignId])).rows };
    },
    { isolation: 'repeatable read', readOnly: true },
  );
  const byArm = new Map(rows.map((r) => [r.arm, r]));
  const holdout = totalsOf(byArm.get('holdout'));
  const windowFrom = campaign.launchedAt;
  const windowTo = windowFrom
    ? new Date(Date.parse(windowFrom) + campaign.attributionDays * 86_400_000).toISOString()
    : null;
  return {
    campaignId,
    windowFrom,
    windowTo,
    holdout: wire(holdout),
    contamination: holdout.redeemed,
    variants: campaign.variants.map((v) => {
      const totals = totalsOf(byArm.get(v.id));
      const r = variantResults(totals, holdout, {
        minimum: {
          conversionPoints: campaign.minimumConversionPoints,
          spendMinor: campaign.minimumSpendMinor,
        },
        costMinor: campaign.costMinor,
      });
      return { variantId: v.id, name: v.name, totals: wire(totals), ...r };
    }),
  };
}

/** The results as CSV: one row per variant and figure (UTF-8 with BOM, as the reports). */
export function campaignResultsCsv(results: CampaignResults): string {
  const lines = ['variant,figure,estimate,low,high,p_value,significant,members_still_needed'];
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  for (const v of results.variants) {
    const figures = [
      ['conversion', v.conversion],
      ['redemption', v.redemption],
      ['spend_per_member_minor', v.spendPerMember],
      ['incremental_revenue_minor', v.incrementalRevenueMinor],
    ] as const;
    for (const [name, f] of figures) {
      if (!f) continue;
      const extra =
        'significant' in f ? [String(f.significant), String(f.membersStillNeeded ?? '')] : ['', ''];
      lines.push([quote(v.name), name, f.estimate, f.low, f.high, f.pValue, ...extra].join(','));
    }
    lines.push(
      [
        quote(v.name),
        'cost_per_incremental_customer_minor',
        v.costPerIncrementalCustomerMinor ?? '',
        '',
        '',
        '',
        '',
        '',
      ].join(','),
    );
    lines.push([quote(v.name), 'roi', v.roi ?? '', '', '', '', '', ''].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function campaignResultsService(db: Database) {
  return {
    campaignResults(id: unknown): Promise<Outcome<CampaignResults>> {
      return guard(async () =>
        succeed(await campaignResultsOf(db, parseInput(uuidSchema, id, 'campaign id'))),
      );
    },
  };
}
