import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsOverview, SegmentMember } from '../../shared/analytics/report';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import {
  ANALYTICS_PERIOD,
  acknowledge,
  buildAnalyticsFixture,
  unsentOperations,
  type AnalyticsFixture,
} from '../../test/unit/helpers/analyticsFixture';
import { unwrap } from '../../test/unit/helpers/terminal';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { buildServer } from '../http/server';
import { resetDatabase, testDatabases } from '../testing/databases';
import { periodBounds } from '../../shared/analytics/period';
import { readsActivitySummary } from './activityRfm';
import { segmentCountsSql } from './rfmStatement';
import { ALL_HISTORY_START_ISO, rfmBounds } from './rfmPeriod';
import {
  TerminalScript,
  TestClock,
  enrollTerminal,
  pushOk,
  type EnrolledTerminal,
} from '../testing/terminalScript';

/**
 * Head office's analytics over the same hand-worked data set as the terminal's
 * (test/unit/helpers/analyticsFixture.ts), made by a real terminal core and delivered through
 * the real push path, one step at a time on the day it happened. A second store sells Member A
 * HK$500 on 15 March, so the chain differs from the first store in ways worked out below.
 */
describe.each(testDatabases)('head-office analytics on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let fx: AnalyticsFixture;
  let causewayBay: EnrolledTerminal;
  let mongKok: EnrolledTerminal;
  let terminalAll: AnalyticsOverview;
  let terminalSilver: AnalyticsOverview;

  const hk = { ...ANALYTICS_PERIOD, timeZone: 'Asia/Hong_Kong' };

  async function pushFromTerminal(): Promise<void> {
    const operations = unsentOperations(fx);
    if (operations.length === 0) return;
    const result = await headOffice.push(causewayBay.auth, {
      protocol: SYNC_PROTOCOL_VERSION,
      terminalId: causewayBay.auth.terminalId,
      operations,
    });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    acknowledge(fx, result.value);
  }

  beforeAll(async () => {
    db = await testDb.open();
    await resetDatabase(db);
    clock = new TestClock(Date.parse('2025-01-10T04:00:00.000Z'));
    headOffice = await createHeadOffice(db, { now: clock.now });
    causewayBay = await enrollTerminal(headOffice, { storeName: 'Causeway Bay' });
    mongKok = await enrollTerminal(headOffice, { storeName: 'Mong Kok' });
    const built = buildAnalyticsFixture();
    fx = built.fixture;
    for (const step of built.steps) {
      step();
      clock.ms = fx.clock.now();
      await pushFromTerminal();
    }
    // Mong Kok: Member A buys HK$500 (500 points) on 15 March.
    clock.ms = Date.parse('2025-03-15T04:00:00.000Z');
    const till = new TerminalScript(mongKok, clock);
    till.sale({ memberId: fx.members.A.id, totalMinor: 50_000, earn: 500 });
    await pushOk(headOffice, till);
    terminalAll = unwrap(
      fx.core.dispatch('analytics.overview', { ...ANALYTICS_PERIOD, tierId: null }),
    ) as AnalyticsOverview;
    terminalSilver = unwrap(
      fx.core.dispatch('analytics.overview', { ...ANALYTICS_PERIOD, tierId: 'silver' }),
    ) as AnalyticsOverview;
  }, 120_000);
  afterAll(async () => {
    fx?.core.cleanup();
    await db?.close();
  });

  async function overview(query: Record<string, string>): Promise<AnalyticsOverview> {
    const result = await headOffice.analytics.analyticsOverview(query);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  describe('one store (Causeway Bay) says what its terminal says', () => {
    it('every figure equals the terminal’s, itself checked by hand in analytics.test.ts', async () => {
      const store = await overview({ ...hk, storeId: causewayBay.storeId });
      expect(store).toEqual(terminalAll);
    });

    it('the hand-worked headline figures, again', async () => {
      const store = await overview({ ...hk, storeId: causewayBay.storeId });
      // 5 of 10 buyers bought twice; HK$6,720 over 19 sales = 353.68; walk-ins 380.10 / 4 = 95.03.
      expect(store.repeatPurchase.basisPoints).toBe(5000);
      expect(store.averageTicket.members.averageMinor).toBe(35_368);
      expect(store.averageTicket.nonMembers.averageMinor).toBe(9_503);
      expect(store.activeMembers).toEqual({ days30: 9, days90: 11, days365: 11 });
      expect(store.rfm.segments.filter((s) => s.count > 0)).toEqual([
        { segment: 'champions', count: 1 },
        { segment: 'loyal', count: 1 },
        { segment: 'new', count: 1 },
        { segment: 'promising', count: 1 },
        { segment: 'need_attention', count: 1 },
        { segment: 'about_to_sleep', count: 1 },
        { segment: 'at_risk', count: 2 },
        { segment: 'lost', count: 2 },
      ]);
      // Tiers come from the tiers the terminal sent with each sale: K (2/20) and B (3/31) silver.
      expect(store.tierDistribution.map((t) => t.count)).toEqual([10, 2, 0, 0]);
      expect(store.tierMovement.upgrades).toBe(1);
      // Points as head office recorded them, pushed on their day: 3500 + 6720 = 10 220 = HK$511.
      expect(store.liability.days[30]).toEqual({
        date: '2025-03-31',
        points: 10_220,
        valueMinor: 51_100,
      });
      expect(store.coupons.map((c) => [c.campaignId, c.issued, c.redeemed])).toEqual([
        ['fiveoff', 1, 0],
        ['tenoff', 4, 1],
      ]);
      expect(store.topShare.basisPoints).toBe(6994);
    });

    it('the silver filter too', async () => {
      const store = await overview({ ...hk, storeId: causewayBay.storeId, tierId: 'silver' });
      expect(store).toEqual(terminalSilver);
      expect(store.averageTicket.members.averageMinor).toBe(93_333);
    });
  });

  describe('the chain (both stores)', () => {
    it('counts Mong Kok’s HK$500 for A: (6720 + 500) / 20 sales = HK$361.00', async () => {
      const chain = await overview(hk);
      expect(chain.averageTicket.members).toEqual({
        netSalesMinor: 722_000,
        sales: 20,
        averageMinor: 36_100,
      });
      expect(chain.repeatPurchase).toEqual({ numerator: 5, denominator: 10, basisPoints: 5000 });
    });

    it('A now spends 1500: top fifth = B 3500 + A 1500 = 5000 of 7220 = 69.25 %', async () => {
      const chain = await overview(hk);
      expect(chain.topMembers.slice(0, 3).map((m) => [m.name, m.netSpendMinor])).toEqual([
        ['Member B', 350_000],
        ['Member A', 150_000],
        ['Member H', 120_000],
      ]);
      expect(chain.topShare).toEqual({
        numerator: 500_000,
        denominator: 722_000,
        basisPoints: 6925,
        topMembers: 2,
        buyers: 10,
      });
    });

    it('RFM: A (5 purchases, 1500) moves to M 5 and H to M 4; segments (by R and F) stay', async () => {
      const chain = await overview(hk);
      expect(chain.rfm.segments).toEqual(terminalAll.rfm.segments);
      const loyal = await headOffice.analytics.segmentMembers({ ...hk, segment: 'loyal' });
      const sleepy = await headOffice.analytics.segmentMembers({
        ...hk,
        segment: 'about_to_sleep',
      });
      if (!loyal.ok || !sleepy.ok) throw new Error('segment members refused');
      expect(loyal.value.members.map((m) => [m.name, m.m])).toEqual([['Member A', 5]]);
      expect(loyal.value.members.slice(0, 1)).toEqual([
        {
          memberId: fx.members.A.id,
          name: 'Member A',
          cardNumber: fx.members.A.cardNumber,
          r: 4,
          f: 5,
          m: 5,
          purchases: 5,
          netSpendMinor: 150_000,
          recencyDays: 1,
        } satisfies SegmentMember,
      ]);
      expect(sleepy.value.members.map((m) => [m.name, m.m])).toEqual([['Member H', 4]]);
    });

    it('liability adds Mong Kok’s 500 points from 15 March: 10 720 points = HK$536 at the end', async () => {
      const chain = await overview(hk);
      expect(chain.liability.days[13]?.points).toBe(
        (terminalAll.liability.days[13]?.points ?? 0) + 0,
      );
      expect(chain.liability.days[14]?.points).toBe(
        (terminalAll.liability.days[14]?.points ?? 0) + 500,
      );
      expect(chain.liability.days[30]).toEqual({
        date: '2025-03-31',
        points: 10_720,
        valueMinor: 53_600,
      });
    });

    it('the whole year holds every sale: RFM reads the member activity summary', async () => {
      // K's February sale (HK$3,500, the 700 line refunded in March) joins the March buyers.
      // From the period end (2025-12-31 16:00 UTC), over N = 11: R = 5 − ⌊5(k − 1)/11⌋ with k
      // the rank from the most recent; F and M = 1 + ⌊5(k − 1)/11⌋ with k the rank from the fewest
      // purchases (least spend), ties sharing the first rank of their group:
      //   A 276 d, 5, 1500: 5 5 4 champions      G 290 d, 3, 180:  3 4 2 loyal
      //   B 275 d, 3, 3500: 5 4 5 champions      H 279 d, 1, 1200: 4 1 4 promising
      //   C 281 d, 2, 200:  3 3 2 need_attention I 300 d, 1, 20:   2 1 1 hibernating
      //   D 278 d, 1, 80:   4 1 1 promising      J 275 d, 1, 40:   5 1 1 new
      //   E 305 d, 1, 900:  1 1 3 lost           K 314 d, 1, 2800: 1 1 5 lost
      //   F 297 d, 2, 300:  2 3 3 at_risk
      const year = { from: '2025-01-01', to: '2025-12-31', timeZone: 'Asia/Hong_Kong' };
      const yearBounds = periodBounds(year.from, year.to, year.timeZone);
      const march = periodBounds(hk.from, hk.to, hk.timeZone);
      const p = (b: { startIso: string; endIso: string }) =>
        [b.startIso, b.endIso, null, null, 'basic'] as const;
      expect(await readsActivitySummary(db, p(yearBounds))).toBe(true);
      expect(await readsActivitySummary(db, p(march))).toBe(false);

      const rfm = await headOffice.analytics.rfmSegments(year);
      if (!rfm.ok) throw new Error(rfm.error.message);
      expect(rfm.value.scored).toBe(11);
      expect(rfm.value.segments.filter((s) => s.count > 0)).toEqual([
        { segment: 'champions', count: 2 },
        { segment: 'loyal', count: 1 },
        { segment: 'new', count: 1 },
        { segment: 'promising', count: 2 },
        { segment: 'need_attention', count: 1 },
        { segment: 'at_risk', count: 1 },
        { segment: 'hibernating', count: 1 },
        { segment: 'lost', count: 2 },
      ]);
      // The sales statement, made to run on the same period, says the same.
      const { rows } = await db.query<{ segment: string; count: number }>(
        segmentCountsSql(false),
        p(yearBounds),
      );
      expect(new Map(rows.map((r) => [r.segment, r.count]))).toEqual(
        new Map(rfm.value.segments.filter((s) => s.count > 0).map((s) => [s.segment, s.count])),
      );

      const lost = await headOffice.analytics.segmentMembers({ ...year, segment: 'lost' });
      if (!lost.ok) throw new Error(lost.error.message);
      expect(lost.value.total).toBe(2);
      expect(lost.value.members.map((m) => m.name)).toEqual(['Member K', 'Member E']);
      expect(lost.value.members[0]).toMatchObject({
        r: 1,
        f: 1,
        m: 5,
        purchases: 1,
        netSpendMinor: 280_000,
        recencyDays: 314,
      });
    });

    it('all history (no from) up to a day reads the summary and counts what the sales say', async () => {
      // The same buyers as the whole year above (every sale is before 2025-12-31 in Hong Kong).
      const upTo = { to: '2025-12-31', timeZone: 'Asia/Hong_Kong' };
      const bounds = rfmBounds(upTo, clock.ms);
      expect(bounds).toMatchObject({
        from: null,
        to: '2025-12-31',
        startIso: ALL_HISTORY_START_ISO,
      });
      expect(bounds.endIso).toBe('2025-12-31T16:00:00.000Z');
      const p = [bounds.startIso, bounds.endIso, null, null, 'basic'] as const;
      expect(await readsActivitySummary(db, p)).toBe(true);
      // A store or a tier cannot read the summary, even over all history.
      expect(await readsActivitySummary(db, [...p.slice(0, 3), 'silver', 'basic'] as never)).toBe(
        false,
      );

      const rfm = await headOffice.analytics.rfmSegments(upTo);
      if (!rfm.ok) throw new Error(rfm.error.message);
      expect(rfm.value.scored).toBe(11);
      const { rows } = await db.query<{ segment: string; count: number }>(
        segmentCountsSql(false),
        p,
      );
      expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(11);
      expect(new Map(rows.map((r) => [r.segment, r.count]))).toEqual(
        new Map(rfm.value.segments.filter((s) => s.count > 0).map((s) => [s.segment, s.count])),
      );
      const lost = await headOffice.analytics.segmentMembers({ ...upTo, segment: 'lost' });
      if (!lost.ok) throw new Error(lost.error.message);
      expect(lost.value.members.map((m) => m.name)).toEqual(['Member K', 'Member E']);
    });

    it('with to left out too, all history is as of today in the given zone', async () => {
      const saved = clock.ms;
      try {
        // 31 December 2025, 23:30 in Hong Kong (15:30 UTC): today there is the 31st.
        clock.ms = Date.parse('2025-12-31T15:30:00.000Z');
        const asOfToday = await headOffice.analytics.rfmSegments({ timeZone: 'Asia/Hong_Kong' });
        const upTo31st = await headOffice.analytics.rfmSegments({
          to: '2025-12-31',
          timeZone: 'Asia/Hong_Kong',
        });
        expect(asOfToday).toEqual(upTo31st);
        // In UTC it is the 31st too, but that day ends 8 hours later.
        expect(rfmBounds({ timeZone: 'UTC' }, clock.ms).endIso).toBe('2026-01-01T00:00:00.000Z');
        // 1 January 2026, 00:30 in Hong Kong: a new day there, still the 31st in UTC.
        clock.ms = Date.parse('2025-12-31T16:30:00.000Z');
        expect(rfmBounds({ timeZone: 'Asia/Hong_Kong' }, clock.ms).to).toBe('2026-01-01');
        expect(rfmBounds({ timeZone: 'UTC' }, clock.ms).to).toBe('2025-12-31');
      } finally {
        clock.ms = saved;
      }
    });

    it('before the first sale all history is empty; a day before the last sale reads the sales', async () => {
      const before = await headOffice.analytics.rfmSegments({ to: '2024-12-31', timeZone: 'UTC' });
      if (!before.ok) throw new Error(before.error.message);
      expect(before.value.scored).toBe(0);
      // Sales after the end: not every sale is held, so the sales statement answers (same rule).
      const bounds = rfmBounds({ to: '2025-03-15', timeZone: 'Asia/Hong_Kong' }, clock.ms);
      expect(
        await readsActivitySummary(db, [bounds.startIso, bounds.endIso, null, null, 'basic']),
      ).toBe(false);
    });

    it('Mong Kok alone: one buyer (A), one sale of HK$500, a new customer for that store', async () => {
      const store = await overview({ ...hk, storeId: mongKok.storeId });
      expect(store.averageTicket.members).toEqual({
        netSalesMinor: 50_000,
        sales: 1,
        averageMinor: 50_000,
      });
      // N = 1: every score is 1 (see rfm.ts), so the one buyer is "lost" by the map.
      expect(store.rfm.scored).toBe(1);
      // Members of Mong Kok's tiers: only A bought there.
      expect(store.tierDistribution.map((t) => t.count)).toEqual([1, 0, 0, 0]);
    });
  });

  describe('the rfm endpoint and its refusals', () => {
    it('/rfm counts the same segments as the overview', async () => {
      const rfm = await headOffice.analytics.rfmSegments(hk);
      if (!rfm.ok) throw new Error(rfm.error.message);
      expect(rfm.value.scored).toBe(10);
      expect(rfm.value.segments).toEqual(terminalAll.rfm.segments);
    });

    it.each([
      [{}, 'from'],
      [{ from: '2025-03-01' }, 'to'],
      [{ ...hk, to: '2025-02-01' }, 'to'],
      [{ ...hk, from: '2023-01-01' }, 'to'],
      [{ ...hk, from: '2025-02-30' }, 'from'],
      [{ ...hk, storeId: 'not-a-store' }, 'storeId'],
      [{ ...hk, tierId: 'Gold Tier' }, 'tierId'],
      [{ ...hk, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...hk, extra: '1' }, '(body)'],
      [{ ...hk, from: "2025-03-01'; DROP TABLE sale; --" }, 'from'],
    ])('refuses %j with invalid_input naming %s', async (query, field) => {
      const result = await headOffice.analytics.analyticsOverview(query);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('invalid_input');
      const issues = (result.error.details?.issues ?? []) as { path: string }[];
      expect(issues.map((i) => i.path)).toContain(field);
    });

    it.each([
      [{ from: '' }, 'from'],
      [{ to: '' }, 'to'],
      [{ to: '2025-02-30' }, 'to'],
      [{ to: '1999-12-31' }, 'to'],
      [{ from: '2025-03-01', to: '2025-02-01' }, 'to'],
      [{ from: '2023-01-01', to: '2025-03-31' }, 'to'],
      // to left out means today (the test clock: 15 March 2025)
      [{ from: '2025-03-16' }, 'from'],
      [{ from: '2023-03-14' }, 'from'],
      [{ to: "2025-03-31'; DROP TABLE sale; --" }, 'to'],
      [{ to: ['2025-03-30', '2025-03-31'] }, 'to'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ storeId: 'not-a-store' }, 'storeId'],
      [{ asOf: 'today' }, '(body)'],
    ])('/rfm and /segment-members refuse %j with invalid_input naming %s', async (query, field) => {
      for (const result of [
        await headOffice.analytics.rfmSegments(query),
        await headOffice.analytics.segmentMembers({ ...query, segment: 'lost' }),
      ]) {
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('invalid_input');
        const issues = (result.error.details?.issues ?? []) as { path: string }[];
        expect(issues.map((i) => i.path)).toContain(field);
      }
    });

    it('from alone runs to today (the 731-day limit still holds); the overview still needs from', async () => {
      const tillToday = await headOffice.analytics.rfmSegments({
        from: '2023-03-16',
        timeZone: 'Asia/Hong_Kong',
      });
      expect(tillToday.ok).toBe(true);
      expect(await headOffice.analytics.analyticsOverview({ to: '2025-03-31' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    });

    it('segment-members refuses an unknown segment, a limit of 0 or 501', async () => {
      for (const query of [
        { ...hk, segment: 'vip' },
        { ...hk, segment: 'lost', limit: '0' },
        { ...hk, segment: 'lost', limit: '501' },
        { ...hk, segment: 'lost', offset: '-1' },
      ]) {
        const result = await headOffice.analytics.segmentMembers(query);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    });
  });

  describe('over HTTP', () => {
    let app: FastifyInstance;
    let base: string;
    let token: string;
    beforeAll(async () => {
      token = (await headOffice.ensureAdminToken()).newToken ?? '';
      app = await buildServer(headOffice);
      base = await app.listen({ host: '127.0.0.1', port: 0 });
    });
    afterAll(async () => {
      await app?.close();
    });
    const get = (path: string, bearer?: string) =>
      fetch(`${base}${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
    const query = new URLSearchParams(hk).toString();

    it('GET /admin/analytics/rfm answers the admin; strangers get 401', async () => {
      const ok = await get(`/admin/analytics/rfm?${query}`, token);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { scored: number }).scored).toBe(10);
      expect((await get(`/admin/analytics/rfm?${query}`)).status).toBe(401);
      expect((await get(`/admin/analytics/rfm?${query}`, 'hoa_wrong_token_123456')).status).toBe(
        401,
      );
    });

    it('a bad query string is a 400 with the error body', async () => {
      const bad = await get('/admin/analytics/overview?from=yesterday&to=today', token);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    });

    it('GET /admin/analytics/rfm without from: all history, the summary’s answer', async () => {
      const res = await get('/admin/analytics/rfm?to=2025-12-31&timeZone=Asia%2FHong_Kong', token);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { scored: number }).scored).toBe(11);
      const members = await get(
        '/admin/analytics/segment-members?to=2025-12-31&timeZone=Asia%2FHong_Kong&segment=lost',
        token,
      );
      expect(members.status).toBe(200);
      expect(((await members.json()) as { total: number }).total).toBe(2);
      expect((await get('/admin/analytics/rfm?timeZone=UTC')).status).toBe(401);
    });

    it.each([
      '/admin/analytics/rfm?from=&to=2025-03-31',
      '/admin/analytics/rfm?to=tomorrow',
      '/admin/analytics/rfm?to=2025-03-31&to=2025-04-01',
      '/admin/analytics/rfm?from=2099-12-31',
      '/admin/analytics/rfm?timeZone=%00',
      '/admin/analytics/segment-members?segment=lost&to=2025-03-31%27--',
      '/admin/analytics/segment-members?segment=lost&from=2020-01-01',
      '/admin/analytics/overview?to=2025-03-31',
    ])('GET %s is a 400 invalid_input', async (path) => {
      const res = await get(path, token);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    });

    it('GET /admin/analytics/segment-members lists a segment', async () => {
      const res = await get(`/admin/analytics/segment-members?${query}&segment=at_risk`, token);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { total: number; members: SegmentMember[] };
      expect(body.total).toBe(2);
      expect(body.members.map((m) => m.name)).toEqual(['Member F', 'Member G']);
    });
  });
});
