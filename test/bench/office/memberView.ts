/**
 * member_view: the head-office member page of a regular with 5,000 events (nine in ten sales
 * with their earn entries, the rest bonus points entries) in the campaign chain of 1,000,000
 * members, through head office's code: members.memberPage (memberService.ts: profile, merges,
 * consent, purchases for the value figures, balance, points lots, tier, RFM segment, the
 * timeline's sources (timelineSources.ts), the view logged in member_views), against the bare
 * statement: one plain query reading every event of the member (the sales and the points
 * entries no sale carries, newest first). Target: p99 ≤ 150 ms.
 */
import type { Database } from '../../../server/db/database';
import type { MemberPage } from '../../../shared/office/members';
import type { BenchResult } from '../stats';
import { alternate } from './cachedSchema';
import { sampleOf } from './segmentCount';
import { campaignChain, unwrap, type CampaignChain, type ChainBenchOptions } from './campaignData';

const TARGET_MS = 150;

const BARE_MEMBER_EVENTS_SQL = `
SELECT at, kind, amount_minor, points FROM (
  SELECT s.created_at::timestamptz AS at, s.kind, s.total_minor AS amount_minor,
    s.points_earned - s.points_redeemed AS points
  FROM sale s WHERE s.member_id = $1
  UNION ALL
  SELECT e.recorded_at, e.kind, NULL, e.points FROM points_entry e
  WHERE e.member_id = $1 AND e.sale_id IS NULL) events
ORDER BY at DESC`;

export async function bareMemberEvents(db: Database, memberId: string): Promise<number> {
  return (await db.query(BARE_MEMBER_EVENTS_SQL, [memberId])).rows.length;
}

const viewer = { actor: 'bench', userId: null, role: 'customerService' as const };

export async function ourMemberPage(chain: CampaignChain): Promise<MemberPage> {
  return unwrap(
    await chain.headOffice.members.memberPage(viewer, chain.regular, {
      reason: 'customer_enquiry',
    }),
  );
}

export async function benchMemberView(
  options: ChainBenchOptions,
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  const chain = await campaignChain({ ...options, progress: (m) => progress(`member_view: ${m}`) });
  try {
    const page = await ourMemberPage(chain);
    const events = await bareMemberEvents(chain.db, chain.regular);
    const rounds = options.rounds ?? 50;
    const times = await alternate(
      rounds,
      () => ourMemberPage(chain),
      () => bareMemberEvents(chain.db, chain.regular),
    );
    // Each view is logged in member_views (append-only): a run adds its rounds' rows, a few dozen.
    const summary = sampleOf(times.ours).summary();
    return {
      name: 'member_view',
      ours: summary,
      baseline: sampleOf(times.bare).summary(),
      target: `p99 ≤ ${TARGET_MS} ms`,
      met: summary.p99Ms <= TARGET_MS && page.timeline.length > 0,
      notes: [
        `${chain.members.toLocaleString('en')} members (${chain.built ? 'loaded now' : 'cached'} in ${chain.schema})`,
        `the regular has ${events.toLocaleString('en')} events (sales and bonus points entries); the page shows ${page.timeline.length} timeline entries, ${page.points.lots.length} points lots, segment ${page.value.rfmSegment ?? 'none'}`,
        'ours: members.memberPage (every section, the view logged)',
        "baseline: one plain statement reading all the member's events (sales, bonus points entries), newest first",
      ],
      figures: { events },
    };
  } finally {
    await chain.close();
  }
}
