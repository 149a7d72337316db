import {
  campaignCostRequest,
  campaignView,
  createCampaignRequest,
  variantOffer,
  type CampaignList,
  type CampaignView,
  type VariantOffer,
} from '../../shared/office/campaigns';
import type { PulledOffer } from '../../shared/sync/protocol';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import { iso, isoAt, isoRequired, type ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import { ASSIGNMENT_BUCKET_SQL, BUCKETS } from './assignment';
import { compiledSegmentOf } from './segments';

interface CampaignRow {
  id: string;
  name: string;
  segment_id: string;
  segment_name: string;
  status: CampaignView['status'];
  holdout_basis_points: number;
  attribution_days: number;
  cost_minor: string | number | null;
  minimum_conversion_points: string | number | null;
  minimum_spend_minor: string | number | null;
  created_at: Date | string;
  launched_at: Date | string | null;
}

interface VariantRow {
  id: string;
  campaign_id: string;
  name: string;
  weight: number;
  offer: unknown;
  message: unknown;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export async function campaignsOf(db: Queryable, ids: string[] | null): Promise<CampaignView[]> {
  const { rows } = await db.query<CampaignRow>(
    `SELECT c.*, s.name AS segment_name FROM campaign c JOIN segment s ON s.id = c.segment_id
     WHERE $1::uuid[] IS NULL OR c.id = ANY($1::uuid[])
     ORDER BY c.created_at DESC, c.id`,
    [ids],
  );
  if (rows.length === 0) return [];
  const campaignIds = rows.map((r) => r.id);
  const variants = await db.query<VariantRow>(
    `SELECT id, campaign_id, name, weight, offer, message FROM campaign_variant
     WHERE campaign_id = ANY($1::uuid[]) ORDER BY campaign_id, position`,
    [campaignIds],
  );
  const assigned = await db.query<{ campaign_id: string; arm: string; members: number }>(
    `SELECT campaign_id, coalesce(variant_id::text, 'holdout') AS arm, count(*)::int AS members
     FROM campaign_assignment WHERE campaign_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`,
    [campaignIds],
  );
  return rows.map((r) =>
    campaignView.parse({
      id: r.id,
      name: r.name,
      segmentId: r.segment_id,
      segmentName: r.segment_name,
      status: r.status,
      holdoutBasisPoints: r.holdout_basis_points,
      variants: variants.rows
        .filter((v) => v.campaign_id === r.id)
        .map((v) => ({
          id: v.id,
          name: v.name,
          weight: v.weight,
          offer: v.offer,
          message: v.message,
        })),
      attributionDays: r.attribution_days,
      costMinor: num(r.cost_minor),
      minimumConversionPoints: num(r.minimum_conversion_points),
      minimumSpendMinor: num(r.minimum_spend_minor),
      createdAt: isoRequired(r.created_at),
      launchedAt: iso(r.launched_at),
      assigned: assigned.rows
        .filter((a) => a.campaign_id === r.id)
        .map((a) => ({ arm: a.arm, members: a.members })),
    }),
  );
}

/**
 * Assigns every member of the segment not yet assigned: bucket = assignment.ts's hash, the
 * holdout below the campaign's basis points, the variants after it by cumulative weight, in
 * integers (bucket − h)·Σw < upTo·(BUCKETS − h), as armOf decides it. One statement, whatever
 * the segment's size; an assignment once made is never changed (ON CONFLICT DO NOTHING), so a
 * second evaluation of the segment only adds newcomers. Returns how many were added.
 */
export async function assignMembers(
  tx: Queryable,
  campaignId: string,
  segmentId: string,
  holdoutBasisPoints: number,
  at: string,
): Promise<number> {
  const { compiled } = await compiledSegmentOf(tx, segmentId, at);
  const n = compiled.params.length;
  const campaign = `$${n + 1}::text`;
  const { rows } = await tx.query<{ added: number }>(
    `WITH segment_members AS (${compiled.sql}),
     v AS (
       SELECT id, position, sum(weight) OVER (ORDER BY position) AS up_to, sum(weight) OVER () AS total
       FROM campaign_variant WHERE campaign_id = $${n + 1}::uuid),
     bucketed AS (
       SELECT member_id, ${ASSIGNMENT_BUCKET_SQL.replace('$1', campaign)}::int AS bucket
       FROM segment_members),
     added AS (
       INSERT INTO campaign_assignment (campaign_id, member_id, variant_id, bucket, assigned_at)
       SELECT $${n + 1}::uuid, b.member_id,
         CASE WHEN b.bucket < $${n + 2}::int THEN NULL ELSE (
           SELECT v.id FROM v
           WHERE (b.bucket - $${n + 2}::int)::int8 * v.total < v.up_to * (${BUCKETS} - $${n + 2}::int)
           ORDER BY v.position LIMIT 1) END,
         b.bucket, $${n + 3}::timestamptz
       FROM bucketed b
       ORDER BY b.member_id
       ON CONFLICT (campaign_id, member_id) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS added FROM added`,
    [...compiled.params, campaignId, holdoutBasisPoints, at],
  );
  return rows[0]?.added ?? 0;
}

/**
 * Publishes each treated member's multiplier offer on the offers stream, built in SQL so a large
 * campaign is one statement. The holdout gets nothing: no terminal can give it the offer.
 */
async function publishOffers(
  tx: Queryable,
  campaignId: string,
  campaignName: string,
  withdrawn: boolean,
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO stream_publication (changes, recorded_at)
     SELECT jsonb_agg(jsonb_build_object('stream', 'offers',
         'entityId', a.campaign_id::text || ':' || a.member_id::text,
         'data', jsonb_build_object('campaignId', a.campaign_id, 'variantId', a.variant_id,
           'memberId', a.member_id, 'campaignName', $2::text,
           'percent', (v.offer ->> 'percent')::int, 'from', v.offer ->> 'from',
           'to', v.offer ->> 'to', 'withdrawn', $3::boolean))
         ORDER BY a.member_id), $4::timestamptz
     FROM campaign_assignment a JOIN campaign_variant v ON v.id = a.variant_id
     WHERE a.campaign_id = $1 AND v.offer ->> 'kind' = 'multiplier'
     HAVING count(*) > 0`,
    [campaignId, campaignName, withdrawn, at],
  );
}

export type { PulledOffer };

/** Campaigns: a segment, variants and a holdout; launched once, then assigned for good. */
export function campaignsService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  const one = async (id: string): Promise<CampaignView> => {
    const [found] = await campaignsOf(db, [id]);
    if (!found) throw new HeadOfficeFailure('not_found', 'No campaign has that id.');
    return found;
  };
  return {
    createCampaign(actor: string, body: unknown): Promise<Outcome<CampaignView>> {
      return guard(async () => {
        const request = parseInput(createCampaignRequest, body, 'campaign');
        const at = isoAt(clock);
        const id = random.uuidv7(clock.now());
        await db.transaction(async (tx) => {
          const segment = await tx.query('SELECT 1 FROM segment WHERE id = $1', [
            request.segmentId,
          ]);
          if (segment.rows.length === 0)
            throw new HeadOfficeFailure('not_found', 'No segment has that id.');
          await tx.query(
            `INSERT INTO campaign (id, name, segment_id, status, holdout_basis_points,
               attribution_days, cost_minor, minimum_conversion_points, minimum_spend_minor,
               created_at)
             VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9)`,
            [
              id,
              request.name,
              request.segmentId,
              request.holdoutBasisPoints,
              request.attributionDays,
              request.costMinor,
              request.minimumConversionPoints,
              request.minimumSpendMinor,
              at,
            ],
          );
          for (const [position, variant] of request.variants.entries()) {
            await tx.query(
              `INSERT INTO campaign_variant (id, campaign_id, position, name, weight, offer, message)
               VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
              [
                random.uuidv7(clock.now()),
                id,
                position,
                variant.name,
                variant.weight,
                JSON.stringify(variant.offer),
                variant.message === null ? null : JSON.stringify(variant.message),
              ],
            );
          }
          await recordAudit(tx, {
            at,
            actor,
            action: 'campaign.create',
            subject: id,
            details: { name: request.name, segmentId: request.segmentId },
          });
        });
        return succeed(await one(id));
      });
    },

    /** Enters or corrects the campaign's cost, in any status: it is often known only later. */
    setCampaignCost(actor: string, id: unknown, body: unknown): Promise<Outcome<CampaignView>> {
      return guard(async () => {
        const campaignId = parseInput(uuidSchema, id, 'campaign id');
        const { costMinor } = parseInput(campaignCostRequest, body, 'campaign cost');
        const at = isoAt(clock);
        await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ cost_minor: string | number | null }>(
            'SELECT cost_minor FROM campaign WHERE id = $1 FOR UPDATE',
            [campaignId],
          );
          const row = rows[0];
          if (!row) throw new HeadOfficeFailure('not_found', 'No campaign has that id.');
          await tx.query('UPDATE campaign SET cost_minor = $2 WHERE id = $1', [
            campaignId,
            costMinor,
          ]);
          await recordAudit(tx, {
            at,
            actor,
            action: 'campaign.cost',
            subject: campaignId,
            details: { from: num(row.cost_minor), to: costMinor },
          });
        });
        return succeed(await one(campaignId));
      });
    },

    listCampaigns(): Promise<Outcome<CampaignList>> {
      return guard(async () => succeed({ campaigns: await campaignsOf(db, null) }));
    },

    getCampaign(id: unknown): Promise<Outcome<CampaignView>> {
      return guard(async () => succeed(await one(parseInput(uuidSchema, id, 'campaign id'))));
    },

    /**
     * Launches a draft: assigns the segment's members (assignMembers) and sends the multiplier
     * offers to the terminals, in one transaction.
     */
    launchCampaign(actor: string, id: unknown): Promise<Outcome<CampaignView>> {
      return guard(async () => {
        const campaignId = parseInput(uuidSchema, id, 'campaign id');
        const at = isoAt(clock);
        await db.transaction(async (tx) => {
          const { rows } = await tx.query<CampaignRow>(
            'SELECT * FROM campaign WHERE id = $1 FOR UPDATE',
            [campaignId],
          );
          const row = rows[0];
          if (!row) throw new HeadOfficeFailure('not_found', 'No campaign has that id.');
          if (row.status !== 'draft')
            throw new HeadOfficeFailure(
              'campaign_not_draft',
              'This campaign was launched already.',
            );
          const added = await assignMembers(
            tx,
            campaignId,
            row.segment_id,
            row.holdout_basis_points,
            at,
          );
          await tx.query(`UPDATE campaign SET status = 'running', launched_at = $2 WHERE id = $1`, [
            campaignId,
            at,
          ]);
          await publishOffers(tx, campaignId, row.name, false, at);
          await recordAudit(tx, {
            at,
            actor,
            action: 'campaign.launch',
            subject: campaignId,
            details: { assigned: added },
          });
        });
        return succeed(await one(campaignId));
      });
    },
  };
}

/** A variant's offer as stored (parsed: the column is jsonb). */
export const offerOf = (value: unknown): VariantOffer => variantOffer.parse(value);
