import type { Member, Receipt } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import type { Program } from '../../../shared/program';
import type { PushResponse, SyncOperation } from '../../../shared/sync/protocol';
import { applyPushResponse, nextPushBatch } from '../../../electron/core/sync/pushOutbox';
import { campaign, makeClock, programWith, type TestClock } from './loyalty';
import { openTestCore, unwrap, type TestCore } from './terminal';

/**
 * The analytics data set, small enough to work out by hand: twelve members (A–L) and a few
 * walk-in tickets at one Hong Kong store, March 2025 (plus a February sale). Every sale is at
 * noon in Hong Kong (04:00 UTC) on its day, one line of a whole number of dollars unless said.
 * The default program: 1 point per HK$1 (floor), silver from HK$3,000 of rolling spend, 100
 * points are worth HK$5. Two coupon campaigns: "tenoff" (10 %) and "fiveoff" (HK$5).
 *
 * | member | purchases in March (HK$)                  | n | net   | last | notes                          |
 * | A      | 3/2 100, 3/10 200, 3/20 300, 3/30 400     | 4 | 1000  | 3/30 | tenoff coupon 3/2, unused       |
 * | B      | 3/5 500, 3/29 500, 3/31 2500              | 3 | 3500  | 3/31 | the 3/31 sale upgrades to silver |
 * | C      | 3/3 50, 3/25 150                          | 2 | 200   | 3/25 | tenoff coupon 3/3, unused       |
 * | D      | 3/28 80                                   | 1 | 80    | 3/28 |                                 |
 * | E      | 3/1 900                                   | 1 | 900   | 3/1  | 3/1 noon is before end − 30 d   |
 * | F      | 3/8 300, 3/9 300 (refunded in full 3/15)  | 2 | 300   | 3/9  |                                 |
 * | G      | 3/12 60, 3/14 60, 3/16 60                 | 3 | 180   | 3/16 |                                 |
 * | H      | 3/27 1200                                 | 1 | 1200  | 3/27 |                                 |
 * | I      | 3/6 20                                    | 1 | 20    | 3/6  | fiveoff coupon 3/6, unused      |
 * | J      | 3/31 40                                   | 1 | 40    | 3/31 |                                 |
 * | K      | none (2/20: 2800 + 700, silver; 3/4 refund of the 700 line) | 0 | −700 | – |        |
 * | L      | none ever                                 | 0 | 0     | –    |                                 |
 *
 * Walk-ins: 3/2 100; 3/15 250 with a bearer tenoff coupon (225); 3/15 55.10; 3/20 100 with
 * another bearer tenoff coupon (90), refunded in full 3/21 (the coupon comes back).
 */
export const ANALYTICS_PERIOD = { from: '2025-03-01', to: '2025-03-31' } as const;

export const analyticsProgram: Program = programWith({
  coupons: {
    campaigns: [
      campaign({ id: 'tenoff' }),
      campaign({ id: 'fiveoff', kind: 'amount', percentOff: null, amountOffMinor: 500 }),
    ],
    welcomeCampaignId: null,
    birthdayCampaignId: null,
    nextOrder: null,
  },
});

export type MemberKey = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L';
const memberKeys: MemberKey[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'];

export interface AnalyticsFixture {
  core: TestCore;
  clock: TestClock;
  members: Record<MemberKey, Member>;
}

/**
 * The data set as steps through the real `dispatch`, each setting the clock to its day first.
 * The head-office tests push after each step, so head office learns each change on its day.
 */
export function buildAnalyticsFixture(): { fixture: AnalyticsFixture; steps: (() => void)[] } {
  const clock = makeClock('2025-01-10T04:00:00.000Z');
  const core = openTestCore({ now: clock.now, program: analyticsProgram });
  const fixture: AnalyticsFixture = { core, clock, members: {} as Record<MemberKey, Member> };
  const steps: (() => void)[] = [];
  const at = (date: string, action: () => void) =>
    steps.push(() => {
      clock.set(`${date}T04:00:00.000Z`);
      action();
    });

  // Terminals with shifts sell only inside one: open it if this build has them.
  at('2025-01-10', () => {
    const current = core.dispatch('shift.current', {});
    if (current.ok && current.value === null)
      unwrap(core.dispatch('shift.open', { floatMinor: 0 }));
  });
  memberKeys.forEach((key, index) => {
    at('2025-01-10', () => {
      fixture.members[key] = unwrap(
        core.dispatch('member.enroll', {
          name: `Member ${key}`,
          phone: `6123 45${String(index + 10)}`,
          marketingConsent: false,
        }),
      ) as Member;
      // Every member lets purchase history choose their offers (the profiling purpose), so
      // each may appear in a drill-down list; a test withdraws it to see one leave the lists.
      unwrap(
        core.dispatch('consent.record', {
          memberId: fixture.members[key].id,
          consent: {
            method: 'cashier_verbal',
            language: 'en',
            answers: [
              { channel: 'sms', purpose: 'profiling', answer: 'granted', wordingVersion: 1 },
            ],
          },
        }),
      );
    });
  });

  const sale = (
    member: MemberKey | null,
    lines: { description: string; unitPriceMinor: number }[],
    couponCodes: string[] = [],
  ): Receipt =>
    unwrap(
      core.dispatch('sale.record', {
        saleId: uuidv7(),
        memberId: member ? fixture.members[member].id : null,
        lines: lines.map((l) => ({ ...l, quantity: 1 })),
        redeemPoints: 0,
        couponCodes,
      }),
    ) as Receipt;
  const buy = (date: string, member: MemberKey | null, dollars: number) =>
    at(date, () => sale(member, [{ description: 'Goods', unitPriceMinor: dollars * 100 }]));
  const refund = (saleId: () => string, lines?: { lineNo: number; quantity: number }[]) =>
    unwrap(
      core.dispatch('sale.refund', {
        saleId: saleId(),
        refundId: uuidv7(),
        reason: 'Returned',
        ...(lines ? { lines } : {}),
      }),
    );
  const coupon = (campaignId: string, member: MemberKey | null): string =>
    (
      unwrap(
        core.dispatch('coupon.issue', {
          campaignId,
          memberId: member ? fixture.members[member].id : null,
        }),
      ) as { code: string }
    ).code;

  // February: K spends HK$3,500 and reaches silver; the 700 line comes back in March.
  let kSale = '';
  at('2025-02-20', () => {
    kSale = sale('K', [
      { description: 'Coat', unitPriceMinor: 280_000 },
      { description: 'Scarf', unitPriceMinor: 70_000 },
    ]).sale.id;
  });

  buy('2025-03-01', 'E', 900);
  buy('2025-03-02', 'A', 100);
  at('2025-03-02', () => void coupon('tenoff', 'A'));
  buy('2025-03-02', null, 100);
  buy('2025-03-03', 'C', 50);
  at('2025-03-03', () => void coupon('tenoff', 'C'));
  at('2025-03-04', () => void refund(() => kSale, [{ lineNo: 2, quantity: 1 }]));
  buy('2025-03-05', 'B', 500);
  let bearer1 = '';
  let bearer2 = '';
  at('2025-03-05', () => {
    bearer1 = coupon('tenoff', null);
    bearer2 = coupon('tenoff', null);
  });
  buy('2025-03-06', 'I', 20);
  at('2025-03-06', () => void coupon('fiveoff', 'I'));
  buy('2025-03-08', 'F', 300);
  let fSale = '';
  at('2025-03-09', () => {
    fSale = sale('F', [{ description: 'Goods', unitPriceMinor: 30_000 }]).sale.id;
  });
  buy('2025-03-10', 'A', 200);
  buy('2025-03-12', 'G', 60);
  buy('2025-03-14', 'G', 60);
  at('2025-03-15', () => void refund(() => fSale));
  at('2025-03-15', () => {
    sale(null, [{ description: 'Goods', unitPriceMinor: 25_000 }], [bearer1]);
    sale(null, [{ description: 'Goods', unitPriceMinor: 5_510 }]);
  });
  buy('2025-03-16', 'G', 60);
  buy('2025-03-20', 'A', 300);
  let walkInRefundable = '';
  at('2025-03-20', () => {
    walkInRefundable = sale(null, [{ description: 'Goods', unitPriceMinor: 10_000 }], [bearer2])
      .sale.id;
  });
  at('2025-03-21', () => void refund(() => walkInRefundable));
  buy('2025-03-25', 'C', 150);
  buy('2025-03-27', 'H', 1200);
  buy('2025-03-28', 'D', 80);
  buy('2025-03-29', 'B', 500);
  buy('2025-03-30', 'A', 400);
  buy('2025-03-31', 'B', 2500);
  buy('2025-03-31', 'J', 40);
  return { fixture, steps };
}

/** Builds it all at once, for the terminal's own tests. */
export function analyticsFixture(): AnalyticsFixture {
  const { fixture, steps } = buildAnalyticsFixture();
  for (const step of steps) step();
  return fixture;
}

/** What the terminal has not had acknowledged yet, as its sync worker would push it. */
export function unsentOperations(fixture: AnalyticsFixture): SyncOperation[] {
  return nextPushBatch(fixture.core.db, 500);
}

/** Takes head office's answer the way the sync worker does. */
export function acknowledge(fixture: AnalyticsFixture, response: PushResponse): void {
  applyPushResponse(fixture.core.db, response, fixture.clock.iso());
}
