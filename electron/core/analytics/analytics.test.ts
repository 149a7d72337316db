import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsOverview, SegmentMember } from '../../../shared/analytics/report';
import {
  ANALYTICS_PERIOD,
  analyticsFixture,
  type AnalyticsFixture,
  type MemberKey,
} from '../../../test/unit/helpers/analyticsFixture';
import { openTestCore, snapshot, unwrap } from '../../../test/unit/helpers/terminal';
import {
  balanceOf,
  enroll,
  goods,
  makeClock,
  programWith,
  refund,
  sell,
} from '../../../test/unit/helpers/loyalty';

/**
 * Every figure of the terminal's analytics against the data set in analyticsFixture.ts, worked
 * out by hand. The period is March 2025 in Hong Kong: [2025-02-28T16:00Z, 2025-03-31T16:00Z).
 * Sales are at 04:00Z, so a purchase on March d is 31 − d whole days before the end.
 */
let fx: AnalyticsFixture;
let all: AnalyticsOverview;
let silver: AnalyticsOverview;

const overview = (tierId: string | null) =>
  unwrap(
    fx.core.dispatch('analytics.overview', { ...ANALYTICS_PERIOD, tierId }),
  ) as AnalyticsOverview;

beforeAll(() => {
  fx = analyticsFixture();
  all = overview(null);
  silver = overview('silver');
});
afterAll(() => fx.core.cleanup());

const idOf = (key: MemberKey) => fx.members[key].id;

describe('the period', () => {
  it('is March in Hong Kong: 1 March 00:00 HKT to 1 April 00:00 HKT, as UTC instants', () => {
    expect(all.period).toEqual({
      from: '2025-03-01',
      to: '2025-03-31',
      startIso: '2025-02-28T16:00:00.000Z',
      endIso: '2025-03-31T16:00:00.000Z',
    });
    expect(all.tiers.map((t) => t.id)).toEqual(['basic', 'silver', 'gold', 'platinum']);
  });
});

describe('repeat purchase rate', () => {
  it('A, B, C, F, G bought twice or more of the 10 who bought (K only refunded) = 5/10 = 50.00 %', () => {
    expect(all.repeatPurchase).toEqual({ numerator: 5, denominator: 10, basisPoints: 5000 });
  });
  it('silver (B and K): B bought 3 times, K none = 1/1 = 100 %', () => {
    expect(silver.repeatPurchase).toEqual({ numerator: 1, denominator: 1, basisPoints: 10_000 });
  });
});

describe('average ticket', () => {
  it('members: (1000+3500+200+80+900+300+180+1200+20+40 − 700) HK$ = 6720.00 over 19 sales = 353.6842 → HK$353.68', () => {
    expect(all.averageTicket.members).toEqual({
      netSalesMinor: 672_000,
      sales: 19,
      averageMinor: 35_368,
    });
  });
  it('walk-ins: (100 + 225 + 55.10 + 90 − 90) = 380.10 over 4 sales = 95.025 → HK$95.03 (half up)', () => {
    expect(all.averageTicket.nonMembers).toEqual({
      netSalesMinor: 38_010,
      sales: 4,
      averageMinor: 9_503,
    });
  });
  it('silver: (3500 − 700) over B’s 3 sales = 933.333 → HK$933.33', () => {
    expect(silver.averageTicket.members).toEqual({
      netSalesMinor: 280_000,
      sales: 3,
      averageMinor: 93_333,
    });
  });
});

describe('active members as of the period end', () => {
  it('30 days: all buyers but E (3/1 04:00Z is before 3/1 16:00Z) = 9; 90 and 365 days: + E + K (2/20) = 11', () => {
    expect(all.activeMembers).toEqual({ days30: 9, days90: 11, days365: 11 });
  });
  it('silver: B within 30 days, K (2/20) within 90', () => {
    expect(silver.activeMembers).toEqual({ days30: 1, days90: 2, days365: 2 });
  });
});

describe('RFM', () => {
  // N = 10 buyers; ties share the first rank of their group.
  // R = 5 − floor(5 × (k − 1) ÷ 10), k the rank from the most recent:
  //   B0 J0 (k 1) → 5 | A1 (3), D3 (4) → 4 | H4 (5), C6 (6) → 3 | G15, F22 → 2 | I25, E30 → 1.
  // F = 1 + floor(5 × (k − 1) ÷ 10), k the rank from the fewest purchases:
  //   D E H I J = 1 (k 1) → 1 | C F = 2 (k 6) → 3 | B G = 3 (k 8) → 4 | A 4 (k 10) → 5.
  // M the same from the least spend: I 20, J 40 → 1 | D 80, G 180 → 2 | C 200, F 300 → 3 |
  //   E 900, A 1000 → 4 | H 1200, B 3500 → 5.
  const expected: Record<string, [number, number, number, string]> = {
    A: [4, 5, 4, 'loyal'],
    B: [5, 4, 5, 'champions'],
    C: [3, 3, 3, 'need_attention'],
    D: [4, 1, 2, 'promising'],
    E: [1, 1, 4, 'lost'],
    F: [2, 3, 3, 'at_risk'],
    G: [2, 4, 2, 'at_risk'],
    H: [3, 1, 5, 'about_to_sleep'],
    I: [1, 1, 1, 'lost'],
    J: [5, 1, 1, 'new'],
  };

  it('scores the 10 buyers and counts them per segment, every segment listed', () => {
    expect(all.rfm.scored).toBe(10);
    expect(all.rfm.segments).toEqual([
      { segment: 'champions', count: 1 },
      { segment: 'loyal', count: 1 },
      { segment: 'potential_loyalist', count: 0 },
      { segment: 'new', count: 1 },
      { segment: 'promising', count: 1 },
      { segment: 'need_attention', count: 1 },
      { segment: 'about_to_sleep', count: 1 },
      { segment: 'at_risk', count: 2 },
      { segment: 'cant_lose', count: 0 },
      { segment: 'hibernating', count: 0 },
      { segment: 'lost', count: 2 },
    ]);
  });

  it.each(Object.entries(expected))(
    'member %s scores R, F, M and sits in its segment',
    (key, [r, f, m, segment]) => {
      const { members } = unwrap(
        fx.core.dispatch('analytics.segmentMembers', {
          ...ANALYTICS_PERIOD,
          tierId: null,
          segment,
        }),
      ) as { members: SegmentMember[] };
      const member = members.find((x) => x.memberId === idOf(key as MemberKey));
      expect(member).toMatchObject({ r, f, m, name: `Member ${key}` });
    },
  );

  it('a segment lists its members by M score, then spend: at_risk = F (M 3, 300), G (M 2, 180)', () => {
    const result = unwrap(
      fx.core.dispatch('analytics.segmentMembers', {
        ...ANALYTICS_PERIOD,
        tierId: null,
        segment: 'at_risk',
      }),
    ) as { members: SegmentMember[]; total: number };
    expect(result.total).toBe(2);
    const row = (key: MemberKey) => ({
      memberId: idOf(key),
      name: `Member ${key}`,
      cardNumber: fx.members[key].cardNumber,
    });
    expect(result.members).toEqual([
      { ...row('F'), r: 2, f: 3, m: 3, purchases: 2, netSpendMinor: 30_000, recencyDays: 22 },
      { ...row('G'), r: 2, f: 4, m: 2, purchases: 3, netSpendMinor: 18_000, recencyDays: 15 },
    ]);
  });

  it('limit cuts the list but not the total', () => {
    const result = unwrap(
      fx.core.dispatch('analytics.segmentMembers', {
        ...ANALYTICS_PERIOD,
        tierId: null,
        segment: 'at_risk',
        limit: 1,
      }),
    ) as { members: SegmentMember[]; total: number };
    expect(result.total).toBe(2);
    expect(result.members.map((m) => m.memberId)).toEqual([idOf('F')]);
  });

  it('silver: only B bought, so N = 1: R = 5 (the best recency) and F = M = 1 (the only value is also the worst): new', () => {
    expect(silver.rfm.scored).toBe(1);
    expect(silver.rfm.segments.find((s) => s.segment === 'new')?.count).toBe(1);
  });
});

describe('tiers', () => {
  it('at the end: B (upgraded 3/31) and K (2/20) silver, the other 10 basic', () => {
    expect(all.tierDistribution).toEqual([
      { tierId: 'basic', count: 10 },
      { tierId: 'silver', count: 2 },
      { tierId: 'gold', count: 0 },
      { tierId: 'platinum', count: 0 },
    ]);
  });
  it('movement in March: B basic → silver (K’s was in February)', () => {
    expect(all.tierMovement).toEqual({
      upgrades: 1,
      downgrades: 0,
      moves: [{ fromTier: 'basic', toTier: 'silver', direction: 'up', count: 1 }],
    });
  });
  it('the silver filter keeps only silver members', () => {
    expect(silver.tierDistribution.map((t) => t.count)).toEqual([0, 2, 0, 0]);
  });
});

describe('points liability', () => {
  // Opening (before 3/1 HKT): K's 3500. 100 points = HK$5, so value = points × 5 minor.
  it('1 March: 3500 + E 900 = 4400 points = HK$220', () => {
    expect(all.liability.days[0]).toEqual({ date: '2025-03-01', points: 4400, valueMinor: 22_000 });
  });
  it('4 March: 4400 + A 100 + C 50 − K 700 = 3850 points; 7 March (no entries) = 6 March = 3850 + 500 + 20 = 4370', () => {
    expect(all.liability.days[3]).toEqual({ date: '2025-03-04', points: 3850, valueMinor: 19_250 });
    expect(all.liability.days[6]).toEqual({ date: '2025-03-07', points: 4370, valueMinor: 21_850 });
  });
  it('31 March: 3500 + 6720 earned net in March = 10 220 points = HK$511; one value per day', () => {
    expect(all.liability.days).toHaveLength(31);
    expect(all.liability.days[30]).toEqual({
      date: '2025-03-31',
      points: 10_220,
      valueMinor: 51_100,
    });
    expect(all.liability.redemption).toEqual({ points: 100, valueMinor: 500 });
  });
  it('silver: K 3500 → 2800 on 3/4, then B 500 + 500 + 2500 = 6300 at the end', () => {
    expect(silver.liability.days[0]?.points).toBe(3500);
    expect(silver.liability.days[3]?.points).toBe(2800);
    expect(silver.liability.days[30]?.points).toBe(6300);
  });
});

describe('coupon redemption by campaign', () => {
  it('tenoff: 4 issued in March (A, C, two bearer), 1 kept redeemed (the 3/20 one came back) = 25 %; fiveoff: 0 of 1', () => {
    expect(all.coupons).toEqual([
      {
        campaignId: 'fiveoff',
        issued: 1,
        redeemed: 0,
        rate: { numerator: 0, denominator: 1, basisPoints: 0 },
      },
      {
        campaignId: 'tenoff',
        issued: 4,
        redeemed: 1,
        rate: { numerator: 1, denominator: 4, basisPoints: 2500 },
      },
    ]);
  });
  it('silver members were issued none', () => {
    expect(silver.coupons).toEqual([]);
  });
});

describe('top members', () => {
  it('by net spend: B 3500, H 1200, A 1000, E 900, F 300, C 200, G 180, D 80, J 40, I 20', () => {
    expect(all.topMembers.map((m) => [m.name, m.netSpendMinor, m.purchases])).toEqual([
      ['Member B', 350_000, 3],
      ['Member H', 120_000, 1],
      ['Member A', 100_000, 4],
      ['Member E', 90_000, 1],
      ['Member F', 30_000, 2],
      ['Member C', 20_000, 2],
      ['Member G', 18_000, 3],
      ['Member D', 8_000, 1],
      ['Member J', 4_000, 1],
      ['Member I', 2_000, 1],
    ]);
    expect(all.topMembers[0]?.lastPurchaseAt).toBe('2025-03-31T04:00:00.000Z');
  });
  it('top 20 % = ceil(10 ÷ 5) = 2 members (B, H): 4700 of 6720 = 69.94 %', () => {
    expect(all.topShare).toEqual({
      numerator: 470_000,
      denominator: 672_000,
      basisPoints: 6994,
      topMembers: 2,
      buyers: 10,
    });
  });
});

describe('reading analytics', () => {
  it('writes nothing', () => {
    const before = snapshot(fx.core.db);
    overview(null);
    fx.core.dispatch('analytics.segmentMembers', {
      ...ANALYTICS_PERIOD,
      tierId: null,
      segment: 'lost',
    });
    expect(snapshot(fx.core.db)).toBe(before);
  });

  it('an empty period has zero counts and null averages, not errors', () => {
    const empty = unwrap(
      fx.core.dispatch('analytics.overview', {
        from: '2024-01-01',
        to: '2024-01-31',
        tierId: null,
      }),
    ) as AnalyticsOverview;
    expect(empty.repeatPurchase.basisPoints).toBeNull();
    expect(empty.averageTicket.members.averageMinor).toBeNull();
    expect(empty.rfm.scored).toBe(0);
    expect(empty.topShare.basisPoints).toBeNull();
    expect(empty.liability.days.every((d) => d.points === 0)).toBe(true);
  });
});

describe('points liability with a member in debt', () => {
  // Amy earns 100 on 3 March and spends them; her earning sale is refunded on 4 March, so she
  // owes 100. Ben earns 300 on 3 March. The shop still owes Ben 300: Amy's debt is owed to the
  // shop and does not cancel it. 3 March: 300 (Amy 0 + Ben 300); 4 March: still 300, not 200.
  it('counts each member at max(balance, 0): 300 on 3 and 4 March, not 200', () => {
    const clock = makeClock('2025-03-03T04:00:00.000Z');
    const core = openTestCore({ program: programWith({}), now: clock.now });
    try {
      const amy = enroll(core, { name: 'Amy' });
      const ben = enroll(core, { name: 'Ben' });
      const earned = sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // +100
      sell(core, { memberId: amy.id, lines: [goods(500)], redeemPoints: 100 }); // −100, +0
      sell(core, { memberId: ben.id, lines: [goods(30_000)] }); // +300
      clock.advanceDays(1);
      refund(core, earned.sale.id); // Amy −100: debt
      expect(balanceOf(core, amy.id)).toBe(-100);
      const view = unwrap(
        core.dispatch('analytics.overview', { from: '2025-03-03', to: '2025-03-04', tierId: null }),
      ) as AnalyticsOverview;
      expect(view.liability.days.map((d) => d.points)).toEqual([300, 300]);
      expect(view.liability.days[1]?.valueMinor).toBe(1500);
    } finally {
      core.cleanup();
    }
  });
});
