/**
 * campaign_assign: launching a campaign over a segment of every member (1,000,000 by default),
 * through head office's code: campaignsService.launchCampaign, one transaction that assigns
 * every member by the hash of campaign and member (assignment.ts, in SQL: campaigns.ts
 * assignMembers, a 10 % holdout and two variants) and publishes the double-points variant's
 * offers on the offers stream. Against the bare statement: one plain INSERT … SELECT of the same
 * assignments (same hash, same arms) from the member table, in its own transaction. Target:
 * `seconds` ≤ 10. Each run's campaign, assignments and offers are deleted afterwards, so the
 * cached chain stays as it was loaded.
 */
import { ASSIGNMENT_BUCKET_SQL, BUCKETS } from '../../../server/campaigns/assignment';
import type { Database } from '../../../server/db/database';
import { elapsedMs, type BenchResult } from '../stats';
import { sampleOf } from './segmentCount';
import {
  campaignChain,
  campaignRequest,
  unwrap,
  type CampaignChain,
  type ChainBenchOptions,
} from './campaignData';

const TARGET_S = 10;

async function removeCampaign(db: Database, campaignId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM campaign_assignment WHERE campaign_id = $1', [campaignId]);
    await tx.query(
      `DELETE FROM change_log WHERE stream = 'offers' AND starts_with(entity_id, $1::text || ':')`,
      [campaignId],
    );
    await tx.query('DELETE FROM campaign_variant WHERE campaign_id = $1', [campaignId]);
    await tx.query('DELETE FROM campaign WHERE id = $1', [campaignId]);
  });
}

/** Campaigns a killed run left behind (every campaign but the results one). */
async function removeLeftovers(chain: CampaignChain): Promise<void> {
  const { rows } = await chain.db.query<{ id: string }>('SELECT id FROM campaign WHERE id <> $1', [
    chain.resultsCampaign,
  ]);
  for (const row of rows) await removeCampaign(chain.db, row.id);
}

async function draft(chain: CampaignChain, name: string): Promise<string> {
  return unwrap(
    await chain.headOffice.campaigns.createCampaign(
      'bench',
      campaignRequest(chain.everyMemberSegment, name),
    ),
  ).id;
}

/** The bare assignment: the same arms as armOf, written plainly for two equal variants. */
export async function bareAssign(db: Database, campaignId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows: variants } = await tx.query<{ id: string }>(
      'SELECT id FROM campaign_variant WHERE campaign_id = $1 ORDER BY position',
      [campaignId],
    );
    const { rows } = await tx.query<{ added: number }>(
      `WITH added AS (INSERT INTO campaign_assignment (campaign_id, member_id, variant_id, bucket, assigned_at)
       SELECT $1::uuid, member_id,
         CASE WHEN bucket < 1000 THEN NULL WHEN (bucket - 1000) * 2 < ${BUCKETS} - 1000 THEN $2::uuid
           ELSE $3::uuid END,
         bucket, now()
       FROM (SELECT id AS member_id,
         ${ASSIGNMENT_BUCKET_SQL.replace('$1', '$1::text').replace('member_id', 'id::text')}::int AS bucket
         FROM member WHERE merged_into IS NULL) m
       RETURNING 1)
       SELECT count(*)::int AS added FROM added`,
      [campaignId, variants[0]?.id, variants[1]?.id],
    );
    return rows[0]?.added ?? 0;
  });
}

export async function benchCampaignAssign(
  options: ChainBenchOptions,
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  const chain = await campaignChain({
    ...options,
    progress: (m) => progress(`campaign_assign: ${m}`),
  });
  try {
    await removeLeftovers(chain);
    const rounds = options.rounds ?? 3;
    const ours: number[] = [];
    const bare: number[] = [];
    let assigned = 0;
    let bareAssigned = 0;
    let sameArms = true;
    for (let round = 0; round < rounds; round++) {
      const sides = round % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
      const ids: Record<string, string> = {};
      for (const side of sides) {
        const id = await draft(chain, `Bench ${side} ${round}`);
        ids[side] = id;
        const started = process.hrtime.bigint();
        if (side === 'ours') {
          const launched = unwrap(await chain.headOffice.campaigns.launchCampaign('bench', id));
          ours.push(elapsedMs(started));
          assigned = launched.assigned.reduce((sum, arm) => sum + arm.members, 0);
        } else {
          bareAssigned = await bareAssign(chain.db, id);
          bare.push(elapsedMs(started));
        }
      }
      if (round === 0) sameArms = await armsAgree(chain.db, ids.ours ?? '');
      for (const id of Object.values(ids)) await removeCampaign(chain.db, id);
      progress(`campaign_assign: round ${round + 1} of ${rounds} done`);
    }
    await chain.db.query('VACUUM campaign_assignment');
    const summary = sampleOf(ours).summary();
    const baseline = sampleOf(bare).summary();
    const seconds = summary.p50Ms / 1000;
    const baselineSeconds = baseline.p50Ms / 1000;
    return {
      name: 'campaign_assign',
      ours: summary,
      baseline,
      target: `seconds ≤ ${TARGET_S}`,
      met: seconds <= TARGET_S && assigned === bareAssigned && sameArms,
      notes: [
        `${chain.members.toLocaleString('en')} members (${chain.built ? 'loaded now' : 'cached'} in ${chain.schema})`,
        `ours: campaigns.launchCampaign (assign by hash, publish the double-points offers, audit), median of ${rounds}: ${seconds.toFixed(2)} s`,
        `baseline: one INSERT … SELECT of the same assignments from member, median ${baselineSeconds.toFixed(2)} s`,
        `assigned ${assigned.toLocaleString('en')} (bare ${bareAssigned.toLocaleString('en')}); every member in the arm the formula gives: ${sameArms ? 'yes' : 'NO'}`,
      ],
      json: {
        seconds,
        baseline_seconds: baselineSeconds,
        ratio: baselineSeconds / seconds,
        members: assigned,
      },
    };
  } finally {
    await chain.close();
  }
}

/**
 * Every member of the chain is assigned by our launch, each with the bucket and arm the bare
 * statement's formula gives for that campaign (the hash includes the campaign's id, so the two
 * sides' campaigns split members differently; each is checked against the formula).
 */
async function armsAgree(db: Database, campaignId: string): Promise<boolean> {
  const { rows } = await db.query<{ wrong: number; missing: number }>(
    `WITH expected AS (
       SELECT id AS member_id,
         ${ASSIGNMENT_BUCKET_SQL.replace('$1', '$1::text').replace('member_id', 'id::text')}::int AS bucket
       FROM member WHERE merged_into IS NULL)
     SELECT count(*) FILTER (WHERE a.member_id IS NOT NULL AND (a.bucket <> e.bucket
         OR coalesce(v.position, -1) <> CASE WHEN e.bucket < 1000 THEN -1
           WHEN (e.bucket - 1000) * 2 < ${BUCKETS} - 1000 THEN 0 ELSE 1 END))::int AS wrong,
       count(*) FILTER (WHERE a.member_id IS NULL)::int AS missing
     FROM expected e
       LEFT JOIN campaign_assignment a ON a.member_id = e.member_id AND a.campaign_id = $1::uuid
       LEFT JOIN campaign_variant v ON v.id = a.variant_id`,
    [campaignId],
  );
  return rows[0]?.wrong === 0 && rows[0]?.missing === 0;
}
