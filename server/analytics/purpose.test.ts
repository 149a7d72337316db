import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsOverview } from '../../shared/analytics/report';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import {
  ANALYTICS_PERIOD,
  acknowledge,
  buildAnalyticsFixture,
  unsentOperations,
  type AnalyticsFixture,
} from '../../test/unit/helpers/analyticsFixture';
import { withdrawProfiling } from '../../test/unit/helpers/withdrawProfiling';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TestClock, enrollTerminal, type EnrolledTerminal } from '../testing/terminalScript';

/**
 * Analytics respect purpose at head office (issue 14 §3): F withdraws profiling consent at the
 * counter and the terminal pushes it. F leaves head office's segment list and top members; every
 * aggregate still counts F. An analyst's lists carry no names.
 */
describe.each(testDatabases)('purpose-aware analytics at head office on $name', (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;
  let fx: AnalyticsFixture;
  let till: EnrolledTerminal;
  let before: AnalyticsOverview;
  const hk = { ...ANALYTICS_PERIOD, timeZone: 'Asia/Hong_Kong' };

  async function push(): Promise<void> {
    const operations = unsentOperations(fx);
    if (operations.length === 0) return;
    const result = await headOffice.push(till.auth, {
      protocol: SYNC_PROTOCOL_VERSION,
      terminalId: till.auth.terminalId,
      operations,
    });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    acknowledge(fx, result.value);
  }
  const overview = async () => {
    const result = await headOffice.analytics.analyticsOverview(hk);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  beforeAll(async () => {
    db = await testDb.open();
    await resetDatabase(db);
    const clock = new TestClock(Date.parse('2025-01-10T04:00:00.000Z'));
    headOffice = await createHeadOffice(db, { now: clock.now });
    till = await enrollTerminal(headOffice, { storeName: 'Causeway Bay' });
    const built = buildAnalyticsFixture();
    fx = built.fixture;
    for (const step of built.steps) {
      step();
      clock.ms = fx.clock.now();
      await push();
    }
    before = await overview();
    withdrawProfiling(fx, 'F');
    await push();
  }, 120_000);
  afterAll(async () => {
    fx?.core.cleanup();
    await db?.close();
  });

  it('leaves F out of the segment drill-down and the top members', async () => {
    const list = await headOffice.analytics.segmentMembers({ ...hk, segment: 'at_risk' });
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.members.map((m) => m.name)).toEqual(['Member G']);
    expect(list.value.total).toBe(1);
    const after = await overview();
    expect(after.topMembers.map((m) => m.name)).not.toContain('Member F');
    expect(before.topMembers.map((m) => m.name)).toContain('Member F');
  });

  it('still counts F in every aggregate', async () => {
    const after = await overview();
    expect(after.rfm).toEqual(before.rfm);
    expect(after.topShare).toEqual(before.topShare);
    expect(after.repeatPurchase).toEqual(before.repeatPurchase);
    const counts = await headOffice.analytics.rfmSegments(hk);
    if (!counts.ok) throw new Error(counts.error.message);
    expect(counts.value.segments.find((s) => s.segment === 'at_risk')?.count).toBe(2);
  });

  it('shows an analyst member ids only', async () => {
    const list = await headOffice.analytics.segmentMembers(
      { ...hk, segment: 'at_risk' },
      { namesShown: false },
    );
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.members).toEqual([
      expect.objectContaining({ memberId: fx.members.G.id, name: '', cardNumber: '' }),
    ]);
  });
});
