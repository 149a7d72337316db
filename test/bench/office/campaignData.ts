/**
 * The chain the campaign benchmarks (segment_count, campaign_assign, campaign_results) and
 * member_view run on, loaded by set-based SQL into a cached schema (cachedSchema.ts):
 *
 * - rfm_segments' members and sales (loadRfmData: five stores, 3.5 sales per member over 2025,
 *   a long tail of buyers), so member_activity holds what the push would have left;
 * - tiers: three members in ten have a `member.tierChanged` operation (silver or gold) in
 *   sync_op, as terminals send them; the rest hold the first tier;
 * - consent: six in ten have SMS marketing granted (consent_event and consent_current);
 * - one regular with `events` events (nine in ten sales earning points, the rest bonus points
 *   entries), for the member page;
 * - one saved segment (`RESULTS_SEGMENT`: every member) and one campaign over it launched through
 *   campaignsService on 2025-10-01 (a 10 % holdout, double points and a coupon), for the results.
 */
import type { Database } from '../../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../../server/headOffice';
import type { SegmentDefinition } from '../../../shared/office/campaigns';
import { loadRfmData } from '../rfmSegments';
import { cachedOffice, seqUuid, uniform, type CachedOffice } from './cachedSchema';

/** Head office's clock while the benchmarks run: the day after the sales end. */
export const CAMPAIGN_NOW = Date.parse('2026-01-01T00:00:00.000Z');
/** The results campaign's launch: its 30-day window holds about a twelfth of the year's sales. */
export const RESULTS_LAUNCH = Date.parse('2025-10-01T00:00:00.000Z');
export const ATTRIBUTION_DAYS = 30;

/** Every member (all enrolled in 2024): the campaigns' segment. */
export const EVERY_MEMBER: SegmentDefinition = { enrolled: { from: '2000-01-01', to: null } };

/** The segment_count segment: RFM, tier, last purchase window and consent together. */
export const COUNTED_SEGMENT: SegmentDefinition = {
  rfm: ['champions', 'loyal', 'potential_loyalist', 'need_attention', 'at_risk'],
  tiers: ['basic', 'silver'],
  lastPurchase: { atLeastDays: null, atMostDays: 180 },
  consent: [{ channel: 'sms', purpose: 'marketing' }],
};

export const campaignRequest = (segmentId: string, name: string) => ({
  name,
  segmentId,
  holdoutBasisPoints: 1000,
  attributionDays: ATTRIBUTION_DAYS,
  variants: [
    {
      name: 'Double points',
      weight: 1,
      offer: { kind: 'multiplier', percent: 200, from: '2025-10-01', to: '2025-10-31' },
    },
    { name: 'Coupon', weight: 1, offer: { kind: 'coupon', couponCampaignId: 'autumn' } },
  ],
});

export interface CampaignChain extends CachedOffice {
  members: number;
  /** The member with `events` events. */
  regular: string;
  /** The launched campaign the results page shows. */
  resultsCampaign: string;
  /** The saved segment of every member. */
  everyMemberSegment: string;
}

/** The regular's id: the member after the last generated one. */
const regularOf = (members: number) => `${(3 * 1e12 + members + 1).toString(16).padStart(32, '0')}`;
const asUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

async function loadCampaignData(
  db: Database,
  members: number,
  events: number,
  seed: number,
  progress: (message: string) => void,
): Promise<void> {
  const sales = await loadRfmData(db, members, seed);
  progress(`members and ${sales.toLocaleString('en')} sales loaded`);
  const u = (k: number) => uniform(k, '$2');
  await db.query(
    `INSERT INTO sync_op (terminal_id, seq, op_id, type, hlc, staff_id, created_at, payload,
       outcome, received_at)
     SELECT ${seqUuid(2, '1 + g % 5')}, g, ${seqUuid(8, 'g')}, 'member.tierChanged', 'h',
       ${seqUuid(9, '1')},
       to_char(timestamp '2025-01-01' + make_interval(secs => floor(31536000 * ${u(1)})::int),
         'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       jsonb_build_object('memberId', ${seqUuid(3, 'g')}, 'fromTier', 'basic',
         'toTier', CASE WHEN ${u(2)} < 0.7 THEN 'silver' ELSE 'gold' END),
       '{"status":"accepted"}'::jsonb, now()
     FROM generate_series(1, $1::int) g WHERE ${u(3)} < 0.3`,
    [members, seed],
  );
  await db.query(
    `INSERT INTO consent_event (id, member_id, channel, purpose, answer, at, hlc, origin,
       store_id, terminal_id, staff_id, method, wording_version, language, op_id, recorded_at)
     SELECT 'bench:' || g, ${seqUuid(3, 'g')}, 'sms', 'marketing', 'granted',
       '2024-06-01T00:00:00.000Z', 'h' || g, 'terminal', ${seqUuid(1, '1 + g % 5')},
       ${seqUuid(2, '1 + g % 5')}, ${seqUuid(9, '1')}, 'display_tap', 1, 'en', NULL, now()
     FROM generate_series(1, $1::int) g WHERE ${u(4)} < 0.6`,
    [members, seed],
  );
  await db.query(
    `INSERT INTO consent_current (member_id, channel, purpose, answer, event_id, hlc)
     SELECT member_id, channel, purpose, answer, id, hlc FROM consent_event
     WHERE starts_with(id, 'bench:')`,
  );
  await loadRegular(db, members, sales, events);
  for (const table of ['sync_op', 'consent_event', 'consent_current', 'points_entry']) {
    await db.query(`VACUUM (ANALYZE) ${table}`);
  }
  progress('tiers, consent and the regular loaded');
  // The campaign the results page shows, launched through the service on its day.
  const launchOffice = await createHeadOffice(db, { now: () => RESULTS_LAUNCH });
  const segment = unwrap(
    await launchOffice.campaigns.saveSegment('bench', {
      name: 'Everyone',
      definition: EVERY_MEMBER,
    }),
  );
  const campaign = unwrap(
    await launchOffice.campaigns.createCampaign(
      'bench',
      campaignRequest(segment.id, 'Autumn double points'),
    ),
  );
  unwrap(await launchOffice.campaigns.launchCampaign('bench', campaign.id));
  await db.query('VACUUM (ANALYZE) campaign_assignment');
  progress('results campaign launched');
}

/**
 * The regular: `events` events, nine in ten of them sales in 2025 (each with its earn entry,
 * which the page reads for the points lots but the timeline shows with the sale) and the rest
 * bonus points entries, plus their balance.
 */
async function loadRegular(
  db: Database,
  members: number,
  sales: number,
  events: number,
): Promise<void> {
  const id = asUuid(regularOf(members));
  const regularSales = Math.ceil(events * 0.9);
  await db.query(
    `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
       enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id,
       enrolled_staff_id, enrolled_op_id, name_hlc, email_hlc, birthday_hlc,
       marketing_consent_hlc, hlc, arrived_at)
     VALUES ($1, '3999999999999', 'Chan Tai Man', '+85299999999', '99999999', false,
       '2024-06-01T00:00:00.000Z', ${seqUuid(1, '1')}, 'Store', ${seqUuid(2, '1')},
       ${seqUuid(9, '1')}, ${seqUuid(4, '$2::bigint')}, 'h', 'h', 'h', 'h', 'h', now())`,
    [id, members + 1],
  );
  await db.query(
    `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
       redeem_value_minor, paid_minor, points_redeemed, points_earned, lines, offline, store_id,
       terminal_id, staff_id, op_id, created_at, recorded_at)
     SELECT ${seqUuid(5, '$2::bigint + g')}, 'sale', NULL, 'R-' || g, $1::uuid, 'HKD', 5000, 0,
       5000, 0, 50,
       '[{"lineNo":1,"description":"Goods","quantity":1,"unitPriceMinor":5000,"amountMinor":5000}]'::jsonb,
       false, ${seqUuid(1, '1 + g % 5')}, ${seqUuid(2, '1 + g % 5')}, ${seqUuid(9, '1')},
       ${seqUuid(7, '$2::bigint + g')},
       to_char(timestamp '2025-01-01' + make_interval(secs => (g::bigint * 31535000 / $3::int)),
         'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), now()
     FROM generate_series(1, $3::int) g`,
    [id, sales, regularSales],
  );
  await db.query(
    `INSERT INTO points_entry (id, member_id, kind, points, sale_id, reverses_id, terminal_id,
       op_id, recorded_at)
     SELECT ${seqUuid(6, 'g')}, $1::uuid, CASE WHEN g <= $3 THEN 'earn' ELSE 'bonus' END,
       CASE WHEN g <= $3 THEN 50 ELSE 20 END,
       CASE WHEN g <= $3 THEN ${seqUuid(5, '$2::bigint + g')} END, NULL,
       ${seqUuid(2, '1 + g % 5')}, ${seqUuid(7, '$2::bigint + g')},
       timestamptz '2025-01-01T00:00:00Z' + make_interval(secs => (g::bigint * 31535000 / $4::int))
     FROM generate_series(1, $4::int) g`,
    [id, sales, regularSales, events],
  );
  await db.query(
    `INSERT INTO member_balance (member_id, points, updated_at)
     SELECT $1::uuid, sum(points), now() FROM points_entry WHERE member_id = $1::uuid`,
    [id],
  );
}

function unwrap<T>(
  outcome: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}
export { unwrap };

export interface CampaignChainOptions {
  members: number;
  seed: number;
  /** The regular's events (default 5,000). */
  events?: number;
  disposable?: boolean;
  progress?: (message: string) => void;
}

/** The cached chain of `members` members (built on first use), its head office at CAMPAIGN_NOW. */
export async function campaignChain(options: CampaignChainOptions): Promise<CampaignChain> {
  const events = options.events ?? 5000;
  const progress = options.progress ?? (() => {});
  const office = await cachedOffice({
    kind: 'campaign',
    seed: options.seed,
    size: `n${options.members}_e${events}`,
    now: () => CAMPAIGN_NOW,
    disposable: options.disposable,
    load: (db) => loadCampaignData(db, options.members, events, options.seed, progress),
  });
  try {
    const { rows } = await office.db.query<{ campaign: string; segment: string }>(
      `SELECT c.id AS campaign, c.segment_id AS segment FROM campaign c
       WHERE c.status = 'running' ORDER BY c.created_at LIMIT 1`,
    );
    const found = rows[0];
    if (!found) throw new Error(`${office.schema} holds no launched campaign`);
    return {
      ...office,
      members: options.members,
      regular: asUuid(regularOf(options.members)),
      resultsCampaign: found.campaign,
      everyMemberSegment: found.segment,
    };
  } catch (error) {
    await office.close();
    throw error;
  }
}

export type { HeadOffice };

/** What each chain benchmark takes: the chain's size, and how many timed rounds (tests: few). */
export interface ChainBenchOptions extends Omit<CampaignChainOptions, 'progress'> {
  rounds?: number;
}
