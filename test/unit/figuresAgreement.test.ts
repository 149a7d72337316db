import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsOverview, SegmentMember } from '../../shared/analytics/report';
import type { Member, Receipt } from '../../shared/domain';
import { commonFiguresOf, type CommonFigures } from '../../shared/figures/figures';
import type { ConsolidatedReport } from '../../shared/office/reports';
import type { Report } from '../../shared/reports/report';
import { defaultProgramConfig } from '../../server/admin/programConfig';
import type { Database } from '../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../server/headOffice';
import { buildServer } from '../../server/http/server';
import { testDatabases } from '../../server/testing/databases';
import { enrollTerminal } from '../../electron/core/sync/enrollTerminal';
import { pendingCount } from '../../electron/core/sync/pushOutbox';
import { SyncWorker } from '../../electron/core/sync/syncWorker';
import { httpTransport } from '../../electron/core/sync/transport';
import {
  enroll,
  goods,
  hongKong,
  makeClock,
  refund,
  sell,
  tenOffProgram,
  type TestClock,
} from './helpers/loyalty';
import { MANAGER_PIN, openTestCore, unwrap, type TestCore } from './helpers/terminal';

/**
 * The terminal and head office say the same about the same day (shared/figures). One small shop
 * in Hong Kong trades a day through the real terminal dispatch and syncs through its real sync
 * worker to a real head office over loopback HTTP; then the terminal's Z report and analytics
 * and head office's consolidated report and analytics for that day are compared field by field,
 * and against figures worked out by hand. The day is made once; every test only reads it.
 *
 * The day, 14 June 2030 (the default program: HK$1 earns 1 point, 100 points are worth HK$5;
 * "tenoff" takes 10 %):
 *
 * | HK time | what                                                                 |
 * | 09:10   | Amy: 2 × tea at 50.00 with a tenoff coupon = 90.00, earns 90          |
 * | 10:00   | Ben: 200.00, earns 200                                                |
 * | 10:30   | walk-in: 123.45                                                       |
 * | 11:00   | walk-in: a HK$100 gift card (not goods)                               |
 * | 11:30   | Ben: 3 × 30.00 = 90.00, 100 points (5.00) off, earns 85               |
 * | 12:00   | walk-in: 100.00 of goods paid with that gift card                     |
 * | 14:00   | Amy returns one tea: 45.00 back, 45 points clawed back (partial)      |
 * | 15:00   | the 123.45 walk-in sale comes back in full                            |
 * | 16:00   | Carl's 70 points from June 2029 expire (the catch-up)                 |
 *
 * Three members (fewer than five), and Amy and Ben tie: both last bought today.
 */
const program = tenOffProgram();

const hk = hongKong;
const DAY = '2030-06-14';

describe.each(testDatabases)('the terminal and head office agree on a day ($name)', (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;
  let close: () => Promise<void>;
  let core: TestCore;
  let clock: TestClock;
  let worker: SyncWorker;
  let storeId: string;
  let people: { amy: Member; ben: Member; carl: Member };

  const at = (local: string) => clock.set(hk(local));

  async function sync(): Promise<void> {
    expect(await worker.runOnce()).toBe('synced');
    expect(pendingCount(core.db)).toBe(0);
  }

  beforeAll(async () => {
    clock = makeClock(hk('2029-06-01 09:00'));
    db = await testDb.open();
    headOffice = await createHeadOffice(db, { now: clock.now });
    const app = await buildServer(headOffice);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    // The database is closed on its own after (on PostgreSQL that drops the test's schema).
    close = () => app.close();
    // Head office runs the shop's program, so the terminal keeps it when it pulls the config.
    const config = await headOffice.admin.setConfig('test', { ...defaultProgramConfig, program });
    if (!config.ok) throw new Error(config.error.message);
    const store = await headOffice.admin.createStore('test', { name: 'Causeway Bay' });
    if (!store.ok) throw new Error(store.error.message);
    storeId = store.value.id;
    const code = await headOffice.admin.createEnrollmentCode('test', storeId, {});
    if (!code.ok) throw new Error(code.error.message);

    core = openTestCore({ program, now: clock.now });
    const credentials = core.credentials;
    await enrollTerminal(core.ctx, httpTransport(url), credentials, {
      serverUrl: url,
      code: code.value.code,
    });
    worker = new SyncWorker(core.ctx, { transport: httpTransport(url), credentials });

    // A year before: Carl earns 70 points, which expire on the day.
    const carl = enroll(core, { name: 'Carl Wong' });
    sell(core, { memberId: carl.id, lines: [goods(7000)] });
    await sync();

    at(`${DAY} 08:00`);
    await sync();
    at(`${DAY} 09:00`);
    const amy = enroll(core, { name: 'Amy Chan' });
    const ben = enroll(core, { name: 'Ben Lee' });
    people = { amy, ben, carl };
    // Both let purchases choose their offers, so both appear in the segment lists compared below.
    for (const member of [amy, ben]) {
      unwrap(
        core.dispatch('consent.record', {
          memberId: member.id,
          consent: {
            method: 'cashier_verbal',
            language: 'en',
            answers: [
              { channel: 'sms', purpose: 'profiling', answer: 'granted', wordingVersion: 1 },
            ],
          },
        }),
      );
    }
    at(`${DAY} 09:05`);
    const coupon = unwrap(
      core.dispatch('coupon.issue', { campaignId: 'tenoff', memberId: amy.id }),
    ) as { code: string };
    at(`${DAY} 09:10`);
    const tea = sell(core, {
      memberId: amy.id,
      lines: [goods(5000, { quantity: 2, description: 'Tea' })],
      couponCodes: [coupon.code],
    });
    at(`${DAY} 10:00`);
    sell(core, { memberId: ben.id, lines: [goods(20_000)] });
    at(`${DAY} 10:30`);
    const walkIn = sell(core, { lines: [goods(12_345)] });
    at(`${DAY} 11:00`);
    const card = sell(core, {
      lines: [{ description: 'Gift card', quantity: 1, unitPriceMinor: 10_000, kind: 'gift_card' }],
    });
    await sync();
    at(`${DAY} 11:30`);
    sell(core, { memberId: ben.id, lines: [goods(3000, { quantity: 3 })], redeemPoints: 100 });
    at(`${DAY} 12:00`);
    sell(core, {
      lines: [goods(10_000)],
      giftCardPayments: [{ code: (card as Receipt).giftCards[0]?.code ?? '', amountMinor: 10_000 }],
    });
    at(`${DAY} 14:00`);
    refund(core, tea.sale.id, [{ lineNo: 1, quantity: 1 }]);
    at(`${DAY} 15:00`);
    refund(core, walkIn.sale.id);
    at(`${DAY} 16:00`);
    unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }));
    at(`${DAY} 17:00`);
    await sync();
    // The next morning, the day over.
    at('2030-06-15 09:00');
  }, 120_000);

  afterAll(async () => {
    core?.cleanup();
    await close?.();
    await db?.close();
  });

  async function consolidated(): Promise<ConsolidatedReport> {
    const result = await headOffice.admin.report({ from: DAY, to: DAY });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  const zReport = () => unwrap(core.dispatch('report.z', { businessDay: DAY })) as Report;

  /** What both must say, worked out by hand from the table above. */
  const handWorked: CommonFigures = {
    // Goods: 90.00 + 200.00 + 123.45 + 0 (the card) + 90.00 + 100.00 (paid by the card, once).
    sales: { count: 6, amountMinor: 60_345 },
    // One tea (50.00 less its 5.00 share of the coupon) and the whole 123.45.
    refunds: { count: 2, amountMinor: 16_845 },
    netSalesMinor: 43_500,
    memberSalesCount: 3,
    // Amy 90.00 − 45.00, Ben 200.00 + 90.00: 335.00 of 435.00 = 77.0114… %.
    memberNetSalesMinor: 33_500,
    memberShareBasisPoints: 7701,
    giftCardsSoldMinor: 10_000,
    pointsPaidMinor: 500,
    giftCardPaidMinor: 10_000,
    coupons: { redeemed: 1, returned: 0, discountMinor: 1000 },
    // Issued 90 + 200 + 85 = 375, the 45 clawed back not netted; Carl's 70 expired.
    points: { issued: 375, clawedBack: 45, redeemed: 100, returned: 0, expired: 70, adjusted: 0 },
    newMembers: 2,
  };

  it('the Z report and the consolidated report: every common figure, field by field, and by hand', async () => {
    const till = commonFiguresOf(zReport().totals);
    const office = (await consolidated()).stores.find((s) => s.storeId === storeId);
    expect(office?.timeZone).toBe('Asia/Hong_Kong');
    for (const key of Object.keys(handWorked) as (keyof CommonFigures)[]) {
      expect(till[key], `terminal ${key}`).toEqual(handWorked[key]);
      expect(office?.figures[key], `head office ${key}`).toEqual(till[key]);
    }
  });

  it('liability: 230 points (Amy 45, Ben 185, Carl 0) = HK$11.50 as at the end of the business day, on the store’s clock', async () => {
    const expected = {
      points: 230,
      redemption: { points: 100, valueMinor: 500 },
      valueMinor: 1150,
      asOf: '2030-06-14T16:00:00.000Z',
      timeZone: 'Asia/Hong_Kong',
    };
    expect(zReport().liability).toEqual(expected);
    expect((await consolidated()).liability).toEqual(expected);
  });

  it('analytics for the day: the terminal’s and head office’s for the store are the same, liability included', async () => {
    const period = { from: DAY, to: DAY };
    const till = unwrap(
      core.dispatch('analytics.overview', { ...period, tierId: null }),
    ) as AnalyticsOverview;
    const office = await headOffice.analytics.analyticsOverview({
      ...period,
      storeId,
      timeZone: 'Asia/Hong_Kong',
    });
    if (!office.ok) throw new Error(office.error.message);
    for (const key of Object.keys(till) as (keyof AnalyticsOverview)[]) {
      expect(office.value[key], key).toEqual(till[key]);
    }
    // The day's liability is the Z's.
    expect(till.liability.days).toEqual([{ date: DAY, points: 230, valueMinor: 1150 }]);
    // Members' net sales, the same as the reports': 335.00 over 3 sales = 111.67.
    expect(till.averageTicket.members).toEqual({
      netSalesMinor: 33_500,
      sales: 3,
      averageMinor: 11_167,
    });
    // Walk-ins: 123.45 + 0 (the card) + 100.00 − 123.45 = 100.00 over 3 sales = 33.33.
    expect(till.averageTicket.nonMembers).toEqual({
      netSalesMinor: 10_000,
      sales: 3,
      averageMinor: 3_333,
    });
  });

  it('RFM with a tie and two buyers: both bought today, R = 5; Ben (more visits and spend) 5·3·3 potential loyalist, Amy 5·1·1 new (never 1·3·3 at risk)', async () => {
    const period = { from: DAY, to: DAY };
    const segment = async (name: 'new' | 'potential_loyalist') => {
      const till = unwrap(
        core.dispatch('analytics.segmentMembers', { ...period, tierId: null, segment: name }),
      ) as { members: SegmentMember[] };
      const office = await headOffice.analytics.segmentMembers({
        ...period,
        storeId,
        timeZone: 'Asia/Hong_Kong',
        segment: name,
      });
      if (!office.ok) throw new Error(office.error.message);
      expect(office.value.members).toEqual(till.members);
      return till.members.map((m) => [m.memberId, `${m.r}·${m.f}·${m.m}`, m.recencyDays]);
    };
    expect(await segment('potential_loyalist')).toEqual([[people.ben.id, '5·3·3', 0]]);
    expect(await segment('new')).toEqual([[people.amy.id, '5·1·1', 0]]);
  });
});
