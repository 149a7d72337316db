import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/domain';
import type { Program } from '../../../shared/program';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  campaign,
  enroll,
  goods,
  loyaltyOf,
  makeClock,
  programWith,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * Refunds through the real dispatch, for any sale with any tender mix (cash or card, points, up
 * to two gift cards, a coupon) and any partition of its units into partial refunds, in any order,
 * interleaved with other sales, days passing (expiry) and the loyalty catch-up:
 * - each part's tenders add up to its net, and no tender ever gives back more than it paid;
 * - where a part is worth more than a point and the money and cards left can balance one, it
 *   returns its net within one minor unit, points counted at their redemption value;
 * - the parts of every tender add up to the sale's whole;
 * - the member's balance is the sum of their entries, and every gift card's is the sum of its.
 */

const rates = [
  { points: 100, valueMinor: 500 }, // 1 pt = 5 minor
  { points: 1, valueMinor: 100 }, // 1 pt = HK$1.00
  { points: 3, valueMinor: 2 }, // 3 pts = 2 minor
];

function programFor(
  rate: (typeof rates)[number],
  reduceCash: boolean,
  expiryMonths: number,
): Program {
  return programWith({
    expiry: { months: expiryMonths },
    refunds: { spentPoints: reduceCash ? 'reduce_cash' : 'negative_balance' },
    redemption: { ...rate, minimumPoints: 0, maxSharePercent: 100 },
    // The member is seeded with a million points by one adjustment.
    adjustments: { maxPoints: 1_000_000 },
    coupons: {
      campaigns: [
        campaign({ id: 'tenoff' }),
        campaign({ id: 'fiver', kind: 'amount', percentOff: null, amountOffMinor: 500 }),
      ],
      welcomeCampaignId: null,
      birthdayCampaignId: null,
      nextOrder: null,
    },
  });
}

const cores: TestCore[] = [];
afterAll(() => {
  for (const core of cores.splice(0)) core.cleanup();
});

const interlude = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 1, max: 400 }) }),
  fc.constant({ kind: 'catchUp' as const }),
  fc.record({
    kind: fc.constant('otherSale' as const),
    priceMinor: fc.integer({ min: 1, max: 200_000 }),
    spend: fc.boolean(),
  }),
);

const scenario = fc.record({
  rate: fc.nat(rates.length - 1),
  reduceCash: fc.boolean(),
  expiryMonths: fc.constantFrom(0, 1, 12),
  lines: fc.array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 4 }),
      priceMinor: fc.oneof(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 60_000 })),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  coupon: fc.constantFrom(null, 'tenoff', 'fiver'),
  redeemPercent: fc.integer({ min: 0, max: 100 }),
  cardPercents: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 2 }),
  card: fc.boolean(),
  order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
  sizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 16, maxLength: 16 }),
  interludes: fc.array(interlude, { minLength: 16, maxLength: 16 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const back = (amount: number) => 0 - amount + 0;
/** Parts whose value was checked to the minor unit, over all runs (a vacuous pass is worthless). */
let checkedUnits = 0;

function checkLedger(core: TestCore): void {
  const members = core.db
    .prepare(
      `SELECT m.points_balance AS cached,
         (SELECT coalesce(sum(points), 0) FROM points_entry e WHERE e.member_id = m.id) AS summed
       FROM member m`,
    )
    .all() as { cached: number; summed: number }[];
  for (const m of members) expect(m.cached).toBe(m.summed);
  const cards = core.db
    .prepare(
      `SELECT g.balance_minor AS cached,
         (SELECT coalesce(sum(amount_minor), 0) FROM stored_value_entry e WHERE e.gift_card_id = g.id)
           AS summed
       FROM gift_card g`,
    )
    .all() as { cached: number; summed: number }[];
  for (const c of cards) {
    expect(c.cached).toBe(c.summed);
    expect(c.cached).toBeGreaterThanOrEqual(0);
  }
}

function run(s: Scenario): void {
  const clock: TestClock = makeClock('2025-03-05T04:00:00.000Z');
  const rate = rates[s.rate] as (typeof rates)[number];
  const core = openTestCore({
    program: programFor(rate, s.reduceCash, s.expiryMonths),
    now: clock.now,
  });
  cores.push(core);
  try {
    const amy = enroll(core);
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 1_000_000,
        reason: 'Seed',
        managerPin: MANAGER_PIN,
      }),
    );
    const cards = [0, 1].map(
      () =>
        sell(core, { lines: [goods(5_000_000, { kind: 'gift_card', description: 'Gift card' })] })
          .giftCards[0]?.code as string,
    );
    const coupon = s.coupon
      ? (
          unwrap(core.dispatch('coupon.issue', { campaignId: s.coupon, memberId: amy.id })) as {
            code: string;
          }
        ).code
      : null;
    const lines = s.lines.map((l) => goods(l.priceMinor, { quantity: l.quantity }));
    const preview = unwrap(
      core.dispatch('sale.preview', {
        memberId: amy.id,
        lines,
        redeemPoints: 0,
        couponCodes: coupon ? [coupon] : [],
      }),
    ) as { maxRedeemablePoints: number; redeemStep: number; totalMinor: number };
    const redeemPoints =
      Math.floor((preview.maxRedeemablePoints * s.redeemPercent) / 100 / preview.redeemStep) *
      preview.redeemStep;
    let left = preview.totalMinor - (redeemPoints * rate.valueMinor) / rate.points;
    const giftCardPayments = s.cardPercents
      .map((percent, i) => {
        const amountMinor = Math.floor((left * percent) / 100);
        left -= amountMinor;
        return { code: cards[i] as string, amountMinor };
      })
      .filter((p) => p.amountMinor > 0);
    const sale = sell(core, {
      memberId: amy.id,
      lines,
      redeemPoints,
      couponCodes: coupon ? [coupon] : [],
      giftCardPayments,
      ...(s.card ? { moneyTender: 'card' as const } : {}),
    });

    // Every unit, shuffled, cut into parts of 1–3 units (a part's units may span lines).
    const units = sale.sale.lines.flatMap((l) =>
      Array.from({ length: l.quantity }, () => l.lineNo),
    );
    const shuffled = units
      .map((lineNo, i) => ({ lineNo, k: s.order[i % s.order.length] ?? 0, i }))
      .sort((a, b) => a.k - b.k || a.i - b.i)
      .map((u) => u.lineNo);
    const parts: { lineNo: number; quantity: number }[][] = [];
    for (let i = 0, p = 0; i < shuffled.length; p += 1) {
      const size = s.sizes[p % s.sizes.length] ?? 1;
      const counts = new Map<number, number>();
      for (const lineNo of shuffled.slice(i, i + size))
        counts.set(lineNo, (counts.get(lineNo) ?? 0) + 1);
      parts.push([...counts].map(([lineNo, quantity]) => ({ lineNo, quantity })));
      i += size;
    }

    const paidCards = sale.sale.giftCardMinor;
    const moneyForGoods = sale.sale.paidMinor;
    const pointValue = rate.valueMinor / rate.points;
    const refunds: Receipt[] = [];
    let moneyLeft = moneyForGoods;
    let pointsSoFar = 0;
    let cramped = false;
    let valueSoFar = 0;
    let cardsLeft = paidCards;
    for (const [p, part] of parts.entries()) {
      const between = s.interludes[p % s.interludes.length];
      if (between?.kind === 'days') clock.advanceDays(between.days);
      if (between?.kind === 'catchUp')
        unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }));
      if (between?.kind === 'otherSale') {
        const available = loyaltyOf(core, amy.id).available;
        const spend = between.spend
          ? Math.min(available, Math.floor(between.priceMinor / pointValue))
          : 0;
        const step = rate.points;
        sell(core, {
          memberId: amy.id,
          lines: [goods(between.priceMinor)],
          redeemPoints: spend - (spend % step),
        });
      }
      const refund = unwrap(
        core.dispatch('sale.refund', {
          saleId: sale.sale.id,
          refundId: uuidv7(),
          reason: 'Part',
          managerPin: MANAGER_PIN,
          lines: part,
        }),
      ) as Receipt;
      refunds.push(refund);
      const net = back(refund.sale.totalMinor);
      const value = back(refund.sale.redeemValueMinor);
      const cardsBack = back(refund.sale.giftCardMinor);
      const kept = back(refund.sale.pointsShortfallMinor);
      const money = back(refund.sale.paidMinor) + kept;
      // The part's tenders add up to its net, and none is negative.
      expect(value + cardsBack + money).toBe(net);
      for (const amount of [value, cardsBack, money, kept, back(refund.sale.pointsRedeemed)])
        expect(amount).toBeGreaterThanOrEqual(0);
      const points = back(refund.sale.pointsRedeemed);
      // A point cannot be split: only where no whole number of points fits a part may its
      // recorded value run ahead or behind its points, and the next part that fits evens it out.
      // Otherwise the part returns its net within one minor unit, points at their value.
      const evened =
        valueSoFar ===
        Math.floor((sale.sale.redeemValueMinor * pointsSoFar) / (sale.sale.pointsRedeemed || 1));
      const roomy = net >= pointValue + 1 && moneyLeft + cardsLeft - net >= pointValue + 2;
      // Until a part was too small for a point (or the money left too little to balance one),
      // points and their recorded value never drift apart.
      if (!cramped) expect(evened).toBe(true);
      if (evened && roomy) {
        const exact = points * pointValue + cardsBack + money;
        expect(Math.abs(exact - net)).toBeLessThanOrEqual(1);
        checkedUnits += 1;
      }
      cramped ||= !roomy;
      pointsSoFar += points;
      valueSoFar += value;
      moneyLeft -= money;
      cardsLeft -= cardsBack;
      checkLedger(core);
    }
    const sum = (f: (r: Receipt) => number) => refunds.reduce((a, r) => a + back(f(r)), 0);
    expect(sum((r) => r.sale.totalMinor)).toBe(sale.sale.totalMinor);
    expect(sum((r) => r.sale.pointsRedeemed)).toBe(sale.sale.pointsRedeemed);
    expect(sum((r) => r.sale.redeemValueMinor)).toBe(sale.sale.redeemValueMinor);
    expect(sum((r) => r.sale.giftCardMinor)).toBe(sale.sale.giftCardMinor);
    expect(sum((r) => r.sale.paidMinor) + sum((r) => r.sale.pointsShortfallMinor)).toBe(
      sale.sale.paidMinor,
    );
    for (const code of cards) {
      const card = unwrap(core.dispatch('giftCard.balance', { code })) as { balanceMinor: number };
      expect(card.balanceMinor).toBe(5_000_000);
    }
  } finally {
    core.cleanup();
    cores.splice(cores.indexOf(core), 1);
  }
}

describe('refunds through the real dispatch: any tenders, any partition, any order', () => {
  it('each part adds up, no tender pays back more than it took, parts sum to the whole, balances = Σ entries', () => {
    fc.assert(fc.property(scenario, run), {
      numRuns: 25,
      interruptAfterTimeLimit: 60_000,
    });
    expect(checkedUnits).toBeGreaterThan(0);
  }, 120_000);
});
