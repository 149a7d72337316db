import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsOverview, SegmentMember } from '../../../shared/analytics/report';
import {
  ANALYTICS_PERIOD,
  analyticsFixture,
  type AnalyticsFixture,
} from '../../../test/unit/helpers/analyticsFixture';
import { unwrap } from '../../../test/unit/helpers/terminal';
import { withdrawProfiling } from '../../../test/unit/helpers/withdrawProfiling';

/**
 * Analytics respect purpose (issue 14 §3): F withdraws profiling consent. F leaves the segment
 * list and the top members, yet every aggregate still counts F: segment sizes, buyers, spend.
 */
let fx: AnalyticsFixture;
let before: AnalyticsOverview;

const overview = () =>
  unwrap(
    fx.core.dispatch('analytics.overview', { ...ANALYTICS_PERIOD, tierId: null }),
  ) as AnalyticsOverview;
const atRisk = () =>
  unwrap(
    fx.core.dispatch('analytics.segmentMembers', {
      ...ANALYTICS_PERIOD,
      tierId: null,
      segment: 'at_risk',
    }),
  ) as { members: SegmentMember[]; total: number };

beforeAll(() => {
  fx = analyticsFixture();
  before = overview();
  withdrawProfiling(fx, 'F');
});
afterAll(() => fx.core.cleanup());

describe('a member without profiling consent', () => {
  it('is left out of the segment drill-down', () => {
    const list = atRisk();
    expect(list.members.map((m) => m.name)).toEqual(['Member G']);
    expect(list.total).toBe(1);
  });

  it('is left out of the top members (ten buyers, nine listed)', () => {
    const after = overview();
    const names = after.topMembers.map((m) => m.name);
    expect(names).not.toContain('Member F');
    expect(names).toHaveLength(before.topMembers.length - 1);
  });

  it('still counts in every aggregate', () => {
    const after = overview();
    expect(after.rfm).toEqual(before.rfm);
    expect(after.topShare).toEqual(before.topShare);
    expect(after.repeatPurchase).toEqual(before.repeatPurchase);
    expect(after.averageTicket).toEqual(before.averageTicket);
    expect(after.rfm.segments.find((s) => s.segment === 'at_risk')?.count).toBe(2);
  });
});
