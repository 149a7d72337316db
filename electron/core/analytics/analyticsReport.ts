import type Database from 'better-sqlite3-multiple-ciphers';
import {
  averageTicket,
  bySpendThenId,
  campaignRedemption,
  repeatPurchaseRate,
  topShare,
} from '../../../shared/analytics/figures';
import {
  periodBounds,
  periodDays,
  windowStartIso,
  type PeriodBounds,
} from '../../../shared/analytics/period';
import {
  TOP_MEMBERS,
  type AnalyticsOverview,
  type SegmentMember,
  type TierLevel,
} from '../../../shared/analytics/report';
import {
  recencyDays,
  scoreMembers,
  segmentCounts,
  type RfmSegment,
  type ScoredMember,
} from '../../../shared/analytics/rfm';
import { tierDistribution, tierMoves } from '../../../shared/analytics/tiers';
import { liabilityMinor } from '../../../shared/figures/liability';
import type { Program } from '../../../shared/program';
import {
  activeMembers,
  couponsByCampaign,
  memberActivity,
  memberNames,
  profilingAllowedAmong,
  nonMemberTickets,
  pointsByDay,
  tierChanges,
  tierCounts,
  type MemberActivityRow,
  type PeriodParams,
} from './analyticsQueries';

/**
 * The terminal's analytics: the queries give sums and counts, shared/analytics turns them into
 * figures with the same definitions head office uses.
 */
export interface AnalyticsRequest {
  from: string;
  to: string;
  tierId: string | null;
}

interface Prepared {
  bounds: PeriodBounds;
  params: PeriodParams;
  tiers: TierLevel[];
  activity: MemberActivityRow[];
  scored: ScoredMember[];
}

function prepare(
  db: Database.Database,
  program: Program,
  timeZone: string,
  request: AnalyticsRequest,
): Prepared {
  const bounds = periodBounds(request.from, request.to, timeZone);
  const tiers = program.tiers.levels.map((l) => ({ id: l.id, name: l.name }));
  const params: PeriodParams = {
    start: bounds.startIso,
    end: bounds.endIso,
    tier: request.tierId,
    firstTier: tiers[0]?.id ?? '',
  };
  const activity = memberActivity(db, params);
  const scored = scoreMembers(
    activity
      .filter((row) => row.purchases > 0 && row.last_at !== null)
      .map((row) => ({
        memberId: row.member_id,
        purchases: row.purchases,
        netSpendMinor: row.net_minor,
        recencyDays: recencyDays(row.last_at as string, bounds.endIso),
      })),
  );
  return { bounds, params, tiers, activity, scored };
}

export function analyticsOverview(
  db: Database.Database,
  program: Program,
  terminal: { timeZone: string; currency: string },
  request: AnalyticsRequest,
): AnalyticsOverview {
  const { timeZone } = terminal;
  const { bounds, params, tiers, activity, scored } = prepare(db, program, timeZone, request);
  const memberNet = activity.reduce((sum, row) => sum + row.net_minor, 0);
  const memberSales = activity.reduce((sum, row) => sum + row.purchases, 0);
  const walkIns = nonMemberTickets(db, params);

  const active = activeMembers(db, {
    ...params,
    from30: windowStartIso(bounds.endIso, 30),
    from90: windowStartIso(bounds.endIso, 90),
    from365: windowStartIso(bounds.endIso, 365),
  });

  const days = periodDays(bounds, timeZone);
  const points = pointsByDay(db, {
    ...params,
    days: JSON.stringify(days.map((d) => [d.date, d.startIso, d.endIso])),
  });
  const change = new Map(points.changes.map((c) => [c.date, c.points]));
  let outstanding = points.opening;
  const redemption = {
    points: program.redemption.points,
    valueMinor: program.redemption.valueMinor,
  };
  const liabilityDays = days.map((day) => {
    outstanding += change.get(day.date) ?? 0;
    return {
      date: day.date,
      points: outstanding,
      valueMinor: liabilityMinor(outstanding, redemption),
    };
  });

  const buyers = scored.map((m) => ({ memberId: m.memberId, netSpendMinor: m.netSpendMinor }));
  // The top members are a drill-down: only members who allow profiling are listed by name.
  const listable = profilingAllowedAmong(
    db,
    scored.map((m) => m.memberId),
  );
  const top = scored
    .filter((m) => listable.has(m.memberId))
    .sort(bySpendThenId)
    .slice(0, TOP_MEMBERS);
  const lastAt = new Map(activity.map((row) => [row.member_id, row.last_at ?? '']));
  const names = memberNames(
    db,
    top.map((m) => m.memberId),
  );

  return {
    period: bounds,
    tierId: request.tierId,
    currency: terminal.currency,
    tiers,
    repeatPurchase: repeatPurchaseRate(activity.map((row) => row.purchases)),
    averageTicket: {
      members: averageTicket(memberNet, memberSales),
      nonMembers: averageTicket(walkIns.net_minor, walkIns.sales),
    },
    activeMembers: active,
    rfm: { scored: scored.length, segments: segmentCounts(scored) },
    tierDistribution: tierDistribution(tiers, tierCounts(db, params)),
    tierMovement: tierMoves(tiers, tierChanges(db, params)),
    liability: { redemption, days: liabilityDays },
    coupons: couponsByCampaign(db, params).map((row) =>
      campaignRedemption(row.campaign_id, row.issued, row.redeemed),
    ),
    topMembers: top.map((m) => ({
      memberId: m.memberId,
      name: names.get(m.memberId)?.name ?? '',
      cardNumber: names.get(m.memberId)?.cardNumber ?? '',
      netSpendMinor: m.netSpendMinor,
      purchases: m.purchases,
      lastPurchaseAt: lastAt.get(m.memberId) ?? '',
    })),
    topShare: topShare(buyers, memberNet),
  };
}

/**
 * A segment's members who allow profiling (shared/rules/profiling.ts), highest monetary score
 * first, then highest spend, then member id; `total` counts those members (the segment's full
 * size is the overview's).
 */
export function segmentMembers(
  db: Database.Database,
  program: Program,
  timeZone: string,
  request: AnalyticsRequest & { segment: RfmSegment; limit: number },
): { members: SegmentMember[]; total: number } {
  const { scored } = prepare(db, program, timeZone, request);
  const segment = scored.filter((m) => m.segment === request.segment);
  const listable = profilingAllowedAmong(
    db,
    segment.map((m) => m.memberId),
  );
  const inSegment = segment
    .filter((m) => listable.has(m.memberId))
    .sort((a, b) => b.m - a.m || bySpendThenId(a, b));
  const shown = inSegment.slice(0, request.limit);
  const names = memberNames(
    db,
    shown.map((m) => m.memberId),
  );
  return {
    total: inSegment.length,
    members: shown.map((m) => ({
      memberId: m.memberId,
      name: names.get(m.memberId)?.name ?? '',
      cardNumber: names.get(m.memberId)?.cardNumber ?? '',
      r: m.r,
      f: m.f,
      m: m.m,
      purchases: m.purchases,
      netSpendMinor: m.netSpendMinor,
      recencyDays: m.recencyDays,
    })),
  };
}
