import { averageTicket, campaignRedemption, ratio } from '../../shared/analytics/figures';
import { liabilityMinor } from '../../shared/figures/liability';
import {
  periodBounds,
  periodDays,
  windowStartIso,
  type PeriodBounds,
} from '../../shared/analytics/period';
import type { AnalyticsOverview, SegmentMember, TierLevel } from '../../shared/analytics/report';
import { rfmSegments, type RfmSegment } from '../../shared/analytics/rfm';
import { tierDistribution, tierMoves } from '../../shared/analytics/tiers';
import { programConfig } from '../../shared/sync/protocol';
import { defaultProgramConfig } from '../admin/programConfig';
import type { Database, Queryable } from '../db/database';
import { guard, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput } from '../platform/parse';
import type { ServiceClock } from '../platform/clock';
import {
  analyticsQuery,
  rfmQuery,
  segmentMembersQuery,
  type AnalyticsQuery,
} from '../../shared/office/analytics';
import { rfmBounds } from './rfmPeriod';
import { TIER_EVENTS } from './rfmStatement';
import {
  activeMembers,
  couponsByCampaign,
  memberSummary,
  nonMemberTickets,
  periodCurrency,
  pointsByDay,
  segmentCounts,
  segmentMembers,
  memberSegment,
  tierChanges,
  tierCounts,
  topMembers,
  type Params,
} from './analyticsQueries';

const log = createLogger('analytics');

/**
 * Head office's loyalty analytics across stores. Reads only, each request in one read-only
 * REPEATABLE READ transaction so every figure comes from the same snapshot. Definitions are
 * shared/analytics's, the same as the terminal's.
 */

/**
 * For this transaction only: grouping a million members wants more than the default 4 MB of
 * work memory (else the aggregate spills to disk), and JIT compiling this statement costs more
 * than it saves at this size.
 */
export const ANALYTICS_SETTINGS = ["SET LOCAL work_mem = '128MB'", 'SET LOCAL jit = off'];

interface Program {
  tiers: TierLevel[];
  redemption: { points: number; valueMinor: number };
}

export async function currentProgram(db: Queryable): Promise<Program> {
  const { rows } = await db.query<{ data: unknown }>(
    'SELECT data FROM program_config WHERE id = 1',
  );
  // Stored JSON is unknown until parsed, like anything read back; a bad row falls back to defaults.
  const parsed = programConfig.safeParse(rows[0]?.data);
  const program = parsed.success ? parsed.data.program : defaultProgramConfig.program;
  return {
    tiers: program.tiers.levels.map((l) => ({ id: l.id, name: l.name })),
    redemption: {
      points: program.redemption.points,
      valueMinor: program.redemption.valueMinor,
    },
  };
}

function paramsOf(
  query: Pick<AnalyticsQuery, 'storeId' | 'tierId'>,
  bounds: Pick<PeriodBounds, 'startIso' | 'endIso'>,
  program: Program,
): Params {
  return [
    bounds.startIso,
    bounds.endIso,
    query.storeId ?? null,
    query.tierId ?? null,
    program.tiers[0]?.id ?? '',
  ];
}

export async function readOnly<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      for (const setting of ANALYTICS_SETTINGS) await tx.query(setting);
      return work(tx);
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}

/** Whether a member list carries names and cards, or only the pseudonymous member id (analysts). */
export interface MemberListView {
  namesShown: boolean;
}
const NAMES_SHOWN: MemberListView = { namesShown: true };

function shownAs(
  row: { name: string; card_number: string },
  view: MemberListView,
): { name: string; cardNumber: string } {
  return view.namesShown
    ? { name: row.name, cardNumber: row.card_number }
    : { name: '', cardNumber: '' };
}

async function overview(
  tx: Queryable,
  query: AnalyticsQuery,
  view: MemberListView,
): Promise<AnalyticsOverview> {
  const program = await currentProgram(tx);
  const bounds = periodBounds(query.from, query.to, query.timeZone);
  const p = paramsOf(query, bounds, program);
  const summary = await memberSummary(tx, p);
  const walkIns = await nonMemberTickets(tx, p);
  const active = await activeMembers(tx, p, {
    from365: windowStartIso(bounds.endIso, 365),
    from90: windowStartIso(bounds.endIso, 90),
    from30: windowStartIso(bounds.endIso, 30),
  });
  const segments = await segmentCounts(tx, p);
  const days = periodDays(bounds, query.timeZone);
  const points = await pointsByDay(tx, p, days);
  const change = new Map(points.changes.map((c) => [c.date, c.points]));
  let outstanding = points.opening;
  const liabilityDays = days.map((day) => {
    outstanding += change.get(day.date) ?? 0;
    return {
      date: day.date,
      points: outstanding,
      valueMinor: liabilityMinor(outstanding, program.redemption),
    };
  });
  const top = await topMembers(tx, p);
  const bySegment = new Map(segments.map((s) => [s.segment, s.count]));
  return {
    period: bounds,
    tierId: query.tierId ?? null,
    currency: await periodCurrency(tx, p),
    tiers: program.tiers,
    repeatPurchase: ratio(summary.repeaters, summary.buyers),
    averageTicket: {
      members: averageTicket(summary.net_minor, summary.sales),
      nonMembers: averageTicket(walkIns.net_minor, walkIns.sales),
    },
    activeMembers: active,
    rfm: {
      scored: summary.buyers,
      segments: rfmSegments.map((segment) => ({ segment, count: bySegment.get(segment) ?? 0 })),
    },
    tierDistribution: tierDistribution(program.tiers, await tierCounts(tx, p)),
    tierMovement: tierMoves(program.tiers, await tierChanges(tx, p)),
    liability: { redemption: program.redemption, days: liabilityDays },
    coupons: (await couponsByCampaign(tx, p)).map((row) =>
      campaignRedemption(row.campaign_id, row.issued, row.redeemed),
    ),
    topMembers: top.map((row) => ({
      memberId: row.member_id,
      ...shownAs(row, view),
      netSpendMinor: row.net_minor,
      purchases: row.purchases,
      lastPurchaseAt: row.last_at,
    })),
    topShare: {
      ...ratio(summary.top_fifth_minor, summary.net_minor),
      topMembers: Math.ceil(summary.buyers / 5),
      buyers: summary.buyers,
    },
  };
}

export function analyticsService(db: Database, clock: ServiceClock) {
  return {
    /** Every figure for the period, store and tier. */
    analyticsOverview(
      query: unknown,
      view: MemberListView = NAMES_SHOWN,
    ): Promise<Outcome<AnalyticsOverview>> {
      return guard(async () => {
        const parsed = parseInput(analyticsQuery, query ?? {}, 'analytics query');
        const started = performance.now();
        const result = await readOnly(db, (tx) => overview(tx, parsed, view));
        log.debug(`overview in ${(performance.now() - started).toFixed(0)} ms`);
        return succeed(result);
      });
    },

    /**
     * Members per RFM segment: the one statement the rfm_segments benchmark times. Without
     * `from`, all history up to `to` (default today): for the chain, the summary's fast path.
     */
    rfmSegments(
      query: unknown,
    ): Promise<Outcome<{ scored: number; segments: { segment: RfmSegment; count: number }[] }>> {
      return guard(async () => {
        const parsed = parseInput(rfmQuery, query ?? {}, 'analytics query');
        const bounds = rfmBounds(parsed, clock.now());
        const counts = await readOnly(db, async (tx) => {
          const program = await currentProgram(tx);
          return segmentCounts(tx, paramsOf(parsed, bounds, program));
        });
        const bySegment = new Map(counts.map((s) => [s.segment, s.count]));
        return succeed({
          scored: counts.reduce((sum, s) => sum + s.count, 0),
          segments: rfmSegments.map((segment) => ({
            segment,
            count: bySegment.get(segment) ?? 0,
          })),
        });
      });
    },

    /** A member's RFM segment today over all history (the member page), as /rfm scores it. */
    async segmentOfMember(memberId: string, timeZone = 'UTC'): Promise<RfmSegment | null> {
      const bounds = rfmBounds({ timeZone }, clock.now());
      const segment = await readOnly(db, async (tx) => {
        const program = await currentProgram(tx);
        return memberSegment(tx, paramsOf({}, bounds, program), memberId);
      });
      return rfmSegments.find((s) => s === segment) ?? null;
    },

    /** The tier a member holds now: the latest tier event, else the first tier. */
    async tierOfMember(memberIds: readonly string[]): Promise<TierLevel | null> {
      const program = await currentProgram(db);
      const { rows } = await db.query<{ to_tier: string }>(
        `WITH ${TIER_EVENTS} SELECT to_tier FROM tier_event WHERE member_id = ANY($1::uuid[])
         ORDER BY created_at DESC, seq DESC LIMIT 1`,
        [memberIds],
      );
      const id = rows[0]?.to_tier ?? program.tiers[0]?.id;
      return program.tiers.find((t) => t.id === id) ?? null;
    },

    /** The drill-down: one segment's members with their scores, paged; the same periods as /rfm. */
    segmentMembers(
      query: unknown,
      view: MemberListView = NAMES_SHOWN,
    ): Promise<Outcome<{ members: SegmentMember[]; total: number }>> {
      return guard(async () => {
        const parsed = parseInput(segmentMembersQuery, query ?? {}, 'segment query');
        const bounds = rfmBounds(parsed, clock.now());
        const rows = await readOnly(db, async (tx) => {
          const program = await currentProgram(tx);
          return segmentMembers(
            tx,
            paramsOf(parsed, bounds, program),
            parsed.segment,
            parsed.limit,
            parsed.offset,
          );
        });
        return succeed({
          total: rows[0]?.total ?? 0,
          members: rows.map((row) => ({
            memberId: row.member_id,
            ...shownAs(row, view),
            r: row.r,
            f: row.f,
            m: row.m,
            purchases: row.purchases,
            netSpendMinor: row.net_minor,
            recencyDays: row.recency_days,
          })),
        });
      });
    },
  };
}

export type AnalyticsService = ReturnType<typeof analyticsService>;
