import { beforeEach, describe, expect, it } from 'vitest';
import type { HeadOffice } from '../headOffice';
import { reportCsv, type ConsolidatedReport } from './reports';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { TerminalScript, enrollTerminal, pushOk, type TestClock } from '../testing/terminalScript';

/**
 * Store A's till says it is in Hong Kong; store B's never said, so B counts in UTC. At
 * 2026-11-02T17:30Z it is already 3 November in Hong Kong but still 2 November in UTC.
 */
describe.each(testDatabases)('the consolidated report on $name', (testDb) => {
  let clock: TestClock;
  let headOffice: HeadOffice;

  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    ({ clock, headOffice } = await office.fresh(Date.parse('2026-11-02T09:00:00Z')));
    const tillA = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'A' }), clock);
    const tillB = new TerminalScript(
      await enrollTerminal(headOffice, { storeName: '=HYPERLINK("x")' }),
      clock,
    );
    tillA.configured();
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    tillA.sale({ memberId: chan.memberId, earn: 100, totalMinor: 10_000 });
    clock.advance(8.5 * 3600_000);
    tillA.sale({ totalMinor: 5_000 });
    tillB.sale({ memberId: chan.memberId, totalMinor: 2_000 });
    await pushOk(headOffice, tillA);
    await pushOk(headOffice, tillB);
  });

  async function report(from: string, to: string): Promise<ConsolidatedReport> {
    const result = await headOffice.admin.report({ from, to });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  it('counts each store by its own business day and names the zone it used', async () => {
    const day = await report('2026-11-02', '2026-11-02');
    // Stores come by name: '=' sorts before 'A'.
    const [b, a] = day.stores;
    expect(a).toMatchObject({
      storeName: 'A',
      timeZone: 'Asia/Hong_Kong',
      timeZoneKnown: true,
      currency: 'HKD',
      figures: {
        sales: { count: 1, amountMinor: 10_000 },
        netSalesMinor: 10_000,
        points: { issued: 100 },
        newMembers: 1,
        memberSalesCount: 1,
        memberNetSalesMinor: 10_000,
        memberShareBasisPoints: 10_000,
      },
    });
    expect(b).toMatchObject({
      timeZone: 'UTC',
      timeZoneKnown: false,
      currency: 'HKD',
      figures: { sales: { count: 1, amountMinor: 2_000 }, newMembers: 0 },
    });
    expect(day.totals).toEqual([
      expect.objectContaining({
        currency: 'HKD',
        stores: 2,
        figures: expect.objectContaining({
          sales: { count: 2, amountMinor: 12_000 },
          memberShareBasisPoints: 10_000,
        }),
      }),
    ]);
    // 100 points held, worth 500 minor units at the default 100 points = 500, as at the end of
    // 2 November at the store whose day ends last (B's, in UTC), shown on that store's clock.
    expect(day.liability).toEqual({
      points: 100,
      redemption: { points: 100, valueMinor: 500 },
      valueMinor: 500,
      asOf: '2026-11-03T00:00:00.000Z',
      timeZone: 'UTC',
    });

    const next = await report('2026-11-03', '2026-11-03');
    expect(
      next.stores.map((s) => [s.storeName, s.figures.sales.count, s.figures.sales.amountMinor]),
    ).toEqual([
      ['=HYPERLINK("x")', 0, 0],
      ['A', 1, 5_000],
    ]);
    // A: HK$50.00 of walk-in sales, none to members: 0 %. B sold nothing that day, so it has no
    // currency and its total has no share at all.
    const share = (currency: string | null) =>
      next.totals.find((t) => t.currency === currency)?.figures.memberShareBasisPoints;
    expect(share('HKD')).toBe(0);
    expect(share(null)).toBeNull();
  });

  it('exports CSV that a spreadsheet will not run as a formula', async () => {
    const csv = reportCsv(await report('2026-11-02', '2026-11-03'));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^store,time_zone,currency,sales\.count,sales\.amountMinor,/);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",UTC,HKD,1,2000,/);
    expect(lines[2]).toMatch(/^A,Asia\/Hong_Kong,HKD,2,15000,/);
    expect(lines[3]).toMatch(/^TOTAL,,HKD,3,17000,/);
  });
});
