/**
 * segment_count: a saved segment's live count (RFM segments, tiers, a last-purchase window and
 * SMS marketing consent: COUNTED_SEGMENT) through the head-office
 * code a saved segment is counted with (segments.ts compiledSegmentOf: the saved definition, the
 * program's first tier, compiled by segmentQuery.ts to one statement; countSql), as listSegments
 * counts each saved segment, against the bare statement: the same count
 * written as one plain query (three rank() windows over member_activity, the latest tier
 * event, the consent row), on the same data in the same run. Target: p99 ≤ 500 ms.
 */
import { SEGMENT_SQL, rfmScoreFromWorstSql, rfmScoreSql } from '../../../shared/analytics/rfm';
import type { Database } from '../../../server/db/database';
import { compiledSegmentOf } from '../../../server/campaigns/segments';
import { countSql } from '../../../server/campaigns/segmentQuery';
import { Sample, type BenchResult } from '../stats';
import { alternate } from './cachedSchema';
import {
  CAMPAIGN_NOW,
  COUNTED_SEGMENT,
  campaignChain,
  unwrap,
  type CampaignChain,
  type ChainBenchOptions,
} from './campaignData';

const TARGET_MS = 500;

const BARE_SEGMENT_COUNT_SQL = `
WITH scored AS (
  SELECT member_id, last_purchase_at,
    ${rfmScoreSql("rank() OVER (ORDER BY date_part('day', $1::timestamptz - last_purchase_at))", 'count(*) OVER ()')} AS r,
    ${rfmScoreFromWorstSql('rank() OVER (ORDER BY purchases)', 'count(*) OVER ()')} AS f
  FROM member_activity WHERE purchases > 0),
latest_tier AS (
  SELECT DISTINCT ON (payload ->> 'memberId') (payload ->> 'memberId')::uuid AS member_id,
    payload ->> 'toTier' AS tier
  FROM sync_op WHERE type = 'member.tierChanged'
  ORDER BY payload ->> 'memberId', created_at DESC, seq DESC)
SELECT count(*)::int AS count
FROM scored s JOIN member m ON m.id = s.member_id
  LEFT JOIN latest_tier t ON t.member_id = s.member_id
  JOIN consent_current c ON c.member_id = s.member_id AND c.channel = 'sms'
    AND c.purpose = 'marketing' AND c.answer = 'granted'
WHERE m.merged_into IS NULL
  AND ${SEGMENT_SQL.replace(/\n/g, ' ')} = ANY($2::text[])
  AND coalesce(t.tier, 'basic') = ANY($3::text[])
  AND s.last_purchase_at >= $1::timestamptz - make_interval(days => $4::int)`;

export async function bareSegmentCount(db: Database): Promise<number> {
  const { rows } = await db.query<{ count: number }>(BARE_SEGMENT_COUNT_SQL, [
    new Date(CAMPAIGN_NOW).toISOString(),
    COUNTED_SEGMENT.rfm,
    COUNTED_SEGMENT.tiers,
    COUNTED_SEGMENT.lastPurchase?.atMostDays,
  ]);
  return rows[0]?.count ?? 0;
}

/** Saves COUNTED_SEGMENT as the only segment (a re-run replaces the last run's). */
async function saveCountedSegment(chain: CampaignChain): Promise<string> {
  await chain.db.query(
    `DELETE FROM segment s WHERE s.name = 'Counted'
       AND NOT EXISTS (SELECT 1 FROM campaign c WHERE c.segment_id = s.id)`,
  );
  const saved = unwrap(
    await chain.headOffice.campaigns.saveSegment('bench', {
      name: 'Counted',
      definition: COUNTED_SEGMENT,
    }),
  );
  return saved.id;
}

/** The saved segment's count as listSegments takes it: compiled from its row as of now. */
export async function ourSegmentCount(chain: CampaignChain, segmentId: string): Promise<number> {
  const now = new Date(CAMPAIGN_NOW).toISOString();
  const { compiled } = await compiledSegmentOf(chain.db, segmentId, now);
  const { rows } = await chain.db.query<{ count: number }>(countSql(compiled), compiled.params);
  return rows[0]?.count ?? 0;
}

export async function benchSegmentCount(
  options: ChainBenchOptions,
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  const chain = await campaignChain({
    ...options,
    progress: (m) => progress(`segment_count: ${m}`),
  });
  try {
    const segmentId = await saveCountedSegment(chain);
    const warmOurs = await ourSegmentCount(chain, segmentId);
    const warmBare = await bareSegmentCount(chain.db);
    const rounds = options.rounds ?? 15;
    const times = await alternate(
      rounds,
      () => ourSegmentCount(chain, segmentId),
      () => bareSegmentCount(chain.db),
    );
    const ours = sampleOf(times.ours);
    const bare = sampleOf(times.bare);
    const summary = ours.summary();
    return {
      name: 'segment_count',
      ours: summary,
      baseline: bare.summary(),
      target: `p99 ≤ ${TARGET_MS} ms`,
      met: summary.p99Ms <= TARGET_MS && warmOurs === warmBare,
      notes: [
        `${chain.members.toLocaleString('en')} members (${chain.built ? 'loaded now' : 'cached'} in ${chain.schema}, load ${(chain.buildMs / 1000).toFixed(1)} s)`,
        `ours: the saved segment read, compiled (compiledSegmentOf) and counted (countSql), as listSegments counts each; segment: ${JSON.stringify(COUNTED_SEGMENT)}`,
        'baseline: one plain statement, three rank() windows over member_activity, the latest tier event, the consent row',
        `members in the segment: ${warmOurs.toLocaleString('en')}; ours and the baseline agree: ${warmOurs === warmBare ? 'yes' : `NO (bare ${warmBare})`}`,
      ],
      figures: { members: chain.members, segment_members: warmOurs },
    };
  } finally {
    await chain.close();
  }
}

export function sampleOf(times: number[]): Sample {
  const sample = new Sample(times.length);
  for (const ms of times) {
    sample.add(ms);
    sample.addRound(1, ms);
  }
  return sample;
}
