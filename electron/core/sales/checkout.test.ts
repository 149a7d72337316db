import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member, SalePreview } from '../../../shared/domain';
import { defaultProgram, type Program } from '../../../shared/program';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  snapshot,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  balanceOf,
  enroll,
  expectRefusal,
  goods,
  loyaltyOf,
  makeClock,
  programWith,
  refund,
  rows,
  sell,
  trySell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * Sales through the real core: what the preview shows is what gets written, earning follows the
 * program (multipliers, promotions by the shop’s calendar, tiers), pending points wait out the
 * return window, and a tier upgrade is recorded and printed.
 */

const program: Program = programWith({
  earn: {
    ...defaultProgram.earn,
    multipliers: [
      { match: 'tobacco', percent: 0 },
      { match: 'TEA-1', percent: 300 },
    ],
    promotions: [
      {
        id: 'weekend',
        name: 'Double weekend',
        percent: 200,
        from: null,
        to: null,
        weekdays: [6, 7],
      },
    ],
  },
});

let clock: TestClock;
let core: TestCore;
let amy: Member;

beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z'); // Wednesday noon in Hong Kong
  core = openTestCore({ program, now: clock.now });
  amy = enroll(core);
});
afterEach(() => core.cleanup());

describe('preview and record agree', () => {
  it('a basket with sku/category rules, a gift card, points and another card: preview = receipt, and the preview writes nothing', () => {
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 1000,
        reason: 'Seed',
        managerPin: MANAGER_PIN,
      }),
    );
    const card = sell(core, {
      lines: [goods(20_000, { kind: 'gift_card', description: 'Gift card' })],
    }).giftCards[0]?.code as string;
    const basket = {
      memberId: amy.id,
      lines: [
        goods(1000, { sku: 'TEA-1', category: 'drinks', quantity: 2 }),
        goods(5000, { category: 'tobacco' }),
        goods(3000, { category: 'bakery' }),
        goods(10_000, { kind: 'gift_card', description: 'Gift card' }),
      ],
      redeemPoints: 200,
      giftCardPayments: [{ code: card, amountMinor: 1500 }],
    };
    const before = snapshot(core.db);
    const preview = unwrap(core.dispatch('sale.preview', basket)) as SalePreview;
    expect(snapshot(core.db)).toBe(before);
    const receipt = sell(core, basket);
    // Goods 2000 + 5000 + 3000 = 10000; 200 pts = HK$10; card HK$15 → earn base 10000−1000−1500 = 7500.
    // Weights: tea 2000×300, tobacco 5000×0, bakery 3000×100 → 900000 of 1000000 at 100%:
    // floor(900000 × 7500 / 10000 / 100 / 100) = 67.
    expect(preview).toMatchObject({
      subtotalMinor: 20_000,
      totalMinor: 20_000,
      redeemValueMinor: 1000,
      giftCardMinor: 1500,
      paidMinor: 17_500,
      pointsEarned: 67,
      pointsRedeemed: 200,
      balanceAfter: 1000 - 200 + 67,
    });
    expect(receipt.sale).toMatchObject({
      subtotalMinor: preview.subtotalMinor,
      totalMinor: preview.totalMinor,
      redeemValueMinor: preview.redeemValueMinor,
      giftCardMinor: preview.giftCardMinor,
      paidMinor: preview.paidMinor,
      pointsEarned: preview.pointsEarned,
      pointsRedeemed: preview.pointsRedeemed,
    });
    expect(receipt.sale.lines.map((l) => l.pointsEarned)).toEqual(
      preview.lines.map((l) => l.pointsEarned),
    );
    expect(receipt.sale.lines.map((l) => [l.sku, l.category, l.kind])).toEqual([
      ['TEA-1', 'drinks', 'goods'],
      [null, 'tobacco', 'goods'],
      [null, 'bakery', 'goods'],
      [null, null, 'gift_card'],
    ]);
    expect(receipt.balanceAfter).toBe(preview.balanceAfter);
    expect(rows(core, 'SELECT earn_base_minor FROM sale WHERE id = ?', receipt.sale.id)).toEqual([
      { earn_base_minor: 7500 },
    ]);
  });

  it('a failed sale writes nothing: 101 pts with 100 available → insufficient_points', () => {
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 100,
        reason: 'Seed',
        managerPin: MANAGER_PIN,
      }),
    );
    expectRefusal(
      core,
      'sale.record',
      { saleId: uuidv7(), memberId: amy.id, lines: [goods(10_000)], redeemPoints: 101 },
      'insufficient_points',
    );
  });

  it('recording the same saleId twice returns the same receipt and writes nothing', () => {
    const saleId = uuidv7();
    const first = sell(core, { saleId, memberId: amy.id, lines: [goods(12_345)] });
    const before = snapshot(core.db);
    const again = sell(core, { saleId, memberId: null, lines: [goods(1)] });
    expect(again).toEqual(first);
    expect(snapshot(core.db)).toBe(before);
  });
});

describe('earning through the core', () => {
  it('promotions follow the shop’s calendar: Friday 16:00 UTC is already Saturday 00:00 in Hong Kong → double points', () => {
    clock.set('2025-03-07T15:59:00.000Z'); // Friday 23:59 in Hong Kong
    expect(sell(core, { memberId: amy.id, lines: [goods(10_000)] }).sale.pointsEarned).toBe(100);
    clock.set('2025-03-07T16:00:00.000Z'); // Saturday 00:00 in Hong Kong
    expect(sell(core, { memberId: amy.id, lines: [goods(10_000)] }).sale.pointsEarned).toBe(200);
  });

  it("category 'tobacco' at 0% earns nothing; sku 'TEA-1' at 300%: HK$10 tea earns floor(1000×300/100/100)=30", () => {
    expect(
      sell(core, { memberId: amy.id, lines: [goods(10_000, { category: 'tobacco' })] }).sale
        .pointsEarned,
    ).toBe(0);
    expect(
      sell(core, { memberId: amy.id, lines: [goods(1000, { sku: 'TEA-1' })] }).sale.pointsEarned,
    ).toBe(30);
  });

  it('gift card activation line earns no points, and points cannot pay for it', () => {
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 5000,
        reason: 'Seed',
        managerPin: MANAGER_PIN,
      }),
    );
    const receipt = sell(core, {
      memberId: amy.id,
      lines: [goods(50_000, { kind: 'gift_card', description: 'Gift card' })],
    });
    expect(receipt.sale.pointsEarned).toBe(0);
    expectRefusal(
      core,
      'sale.record',
      {
        saleId: uuidv7(),
        memberId: amy.id,
        lines: [goods(50_000, { kind: 'gift_card', description: 'Gift card' })],
        redeemPoints: 100,
      },
      'redeem_exceeds_total',
    );
  });
});

describe('tiers', () => {
  it('upgrade the moment the threshold is crossed: HK$2,999.99 stays Basic; the next HK$0.01 makes Silver, recorded in tier_change and printed on the receipt', () => {
    const first = sell(core, { memberId: amy.id, lines: [goods(299_999)] });
    expect(first.tierUpgrade).toBeNull();
    expect(first.tierName).toBe('普通 Basic');
    const second = sell(core, { memberId: amy.id, lines: [goods(1)] });
    expect(second.tierUpgrade).toEqual({ from: '普通 Basic', to: '銀 Silver' });
    expect(second.tierName).toBe('銀 Silver');
    expect(
      rows(
        core,
        'SELECT member_id, from_tier, to_tier, reason, sale_id, created_at FROM tier_change',
      ),
    ).toEqual([
      {
        member_id: amy.id,
        from_tier: null,
        to_tier: 'silver',
        reason: 'upgrade',
        sale_id: second.sale.id,
        created_at: clock.iso(),
      },
    ]);
    // The next sale earns at Silver's 125%: HK$100 → 125.
    const third = sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    expect(third.sale.pointsEarned).toBe(125);
    expect(third.tierUpgrade).toBeNull();
    expect(loyaltyOf(core, amy.id)).toMatchObject({
      tier: { id: 'silver', earnPercent: 125 },
      nextTier: { id: 'gold' },
      qualifyingValue: 310_000,
      remainingToNext: 690_000,
    });
  });

  it('one big sale can jump tiers: HK$12,000 from Basic → Gold', () => {
    const receipt = sell(core, { memberId: amy.id, lines: [goods(1_200_000)] });
    expect(receipt.tierUpgrade).toEqual({ from: '普通 Basic', to: '金 Gold' });
  });

  it('spend paid with points does not qualify: HK$3,000 less 200 pts (HK$10) = HK$2,990 stays Basic', () => {
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 200,
        reason: 'Seed',
        managerPin: MANAGER_PIN,
      }),
    );
    expect(
      sell(core, { memberId: amy.id, lines: [goods(300_000)], redeemPoints: 200 }).tierUpgrade,
    ).toBeNull();
  });

  it('downgrade at the review (01-01) after 30 days’ grace, through loyalty.catchUp, recorded once', () => {
    clock.set('2024-03-05T04:00:00.000Z');
    sell(core, { memberId: amy.id, lines: [goods(1_000_000)] }); // Gold since 2024-03-05
    clock.set('2025-01-30T04:00:00.000Z'); // grace running
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      tierChanges: 0,
    });
    clock.set('2025-03-10T04:00:00.000Z'); // the spend is now more than 12 months old
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      tierChanges: 1,
    });
    const before = snapshot(core.db);
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      tierChanges: 0,
    });
    expect(snapshot(core.db)).toBe(before);
    expect(
      rows(core, 'SELECT from_tier, to_tier, reason FROM tier_change ORDER BY change_no'),
    ).toEqual([
      { from_tier: null, to_tier: 'gold', reason: 'upgrade' },
      { from_tier: 'gold', to_tier: 'basic', reason: 'review' },
    ]);
  });

  it('a tier won on 2 January in Hong Kong (still 1 January in UTC) is won after the 01-01 review and kept', () => {
    clock.set('2025-01-01T17:00:00.000Z'); // 2025-01-02 01:00 in Hong Kong
    sell(core, { memberId: amy.id, lines: [goods(1_000_000)] });
    clock.set('2025-06-01T04:00:00.000Z');
    // Spend still qualifies for Gold here; refund it so only the review rule keeps the tier.
    const sale = rows<{ id: string }>(core, "SELECT id FROM sale WHERE kind = 'sale'")[0]
      ?.id as string;
    refund(core, sale);
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      tierChanges: 0,
    });
    expect(loyaltyOf(core, amy.id).tier.id).toBe('gold');
  });
});

describe('pending points through the return window (14 days)', () => {
  const pendingProgram = programWith({ pending: { returnWindowDays: 14 } });

  it('are not spendable until the window ends, then are; the receipt shows them as pending', () => {
    const c = openTestCore({ program: pendingProgram, now: clock.now });
    try {
      const cara = enroll(c);
      const receipt = sell(c, { memberId: cara.id, lines: [goods(10_000)] });
      expect(receipt.sale).toMatchObject({ pointsEarned: 100, pointsPending: 100 });
      expect([receipt.balanceAfter, receipt.pendingAfter]).toEqual([0, 100]);
      expect(loyaltyOf(c, cara.id)).toMatchObject({ available: 0, pending: 100 });
      expectRefusal(
        c,
        'sale.record',
        { saleId: uuidv7(), memberId: cara.id, lines: [goods(10_000)], redeemPoints: 100 },
        'insufficient_points',
      );
      clock.advanceDays(13);
      expect(loyaltyOf(c, cara.id)).toMatchObject({ available: 0, pending: 100 });
      clock.advanceDays(1);
      expect(loyaltyOf(c, cara.id)).toMatchObject({ available: 100, pending: 0 });
      const spend = sell(c, { memberId: cara.id, lines: [goods(10_000)], redeemPoints: 100 });
      expect(spend.sale.redeemValueMinor).toBe(500);
    } finally {
      c.cleanup();
    }
  });

  it('a refund inside the window cancels the pending points from their own lot', () => {
    const c = openTestCore({ program: pendingProgram, now: clock.now });
    try {
      const cara = enroll(c);
      const receipt = sell(c, { memberId: cara.id, lines: [goods(10_000)] });
      clock.advanceDays(3);
      const back = refund(c, receipt.sale.id);
      expect(back.sale.pointsEarned).toBe(-100);
      expect(back.sale.pointsShortfallMinor).toBe(0);
      expect(loyaltyOf(c, cara.id)).toMatchObject({ available: 0, pending: 0, debt: 0 });
      expect(balanceOf(c, cara.id)).toBe(0);
    } finally {
      c.cleanup();
    }
  });
});

describe('minimum spend and rounding through the core', () => {
  it('minimum spend HK$50 not reached earns 0; rounding ceil earns ceil on HK$50.01 → 51', () => {
    const c = openTestCore({
      program: programWith({
        earn: { ...defaultProgram.earn, minimumSpendMinor: 5000, rounding: 'ceil' },
      }),
      now: clock.now,
    });
    try {
      const cara = enroll(c);
      expect(sell(c, { memberId: cara.id, lines: [goods(4999)] }).sale.pointsEarned).toBe(0);
      expect(sell(c, { memberId: cara.id, lines: [goods(5001)] }).sale.pointsEarned).toBe(51);
    } finally {
      c.cleanup();
    }
  });
});

describe('a sale with no member', () => {
  it('earns nothing, redeems nothing, and still records everything else', () => {
    const receipt = sell(core, { memberId: null, lines: [goods(10_000)] });
    expect(receipt.sale).toMatchObject({ pointsEarned: 0, member: null });
    expect(receipt.balanceAfter).toBeNull();
    expect(
      trySell(core, { memberId: null, lines: [goods(10_000)], redeemPoints: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'member_required' },
    });
  });
});

describe('a line the cashier did not name', () => {
  it('is stored without a name, so every screen names it in its own language', () => {
    const receipt = sell(core, { memberId: null, lines: [goods(2_000, { description: '' })] });
    expect(receipt.sale.lines[0]?.description).toBe('');
    const again = unwrap(core.dispatch('sale.get', { saleId: receipt.sale.id })) as typeof receipt;
    expect(again.sale.lines[0]?.description).toBe('');
    const sent = rows<{ payload: string }>(
      core,
      "SELECT payload FROM outbox WHERE op_type = 'sale.recorded'",
    ).map((row) => JSON.parse(row.payload) as { lines: { description: string }[] });
    expect(sent[0]?.lines[0]?.description).toBe('');
    // Invisible characters are still refused: a name is plain text or nothing.
    expect(
      trySell(core, { memberId: null, lines: [goods(2_000, { description: '\u202egoods' })] }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
