import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CouponView, Member, Receipt } from '../../../shared/domain';
import { type Program } from '../../../shared/program';
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
  makeClock,
  programWith,
  refund,
  rows,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';
import { spendablePoints } from '../points/chainBalance';
import { ledgerBalance, memberPoints } from '../points/pointsLedger';

/**
 * recordSale replays the member's lots once and carries that replay through the sale, and builds
 * the receipt from the values it wrote instead of reading the sale back. Both shortcuts must give
 * exactly what reading the ledger afresh gives: the receipt equals `sale.get` of the same sale,
 * and its balance after equals a fresh replay of the member's whole ledger.
 */

const program: Program = programWith({
  earn: {
    points: 1,
    perSpendMinor: 100,
    minimumSpendMinor: 0,
    rounding: 'floor',
    multipliers: [{ match: 'care', percent: 200 }],
    promotions: [],
  },
  pending: { returnWindowDays: 0 },
  referrals: { referrerPoints: 500, refereePoints: 300, minimumSpendMinor: 10_000 },
  coupons: {
    campaigns: [
      campaign({ id: 'tenoff', name: 'Ten off', perMemberLimit: 3, totalLimit: 50 }),
      campaign({
        id: 'thanks',
        name: 'Thank you',
        kind: 'amount',
        percentOff: null,
        amountOffMinor: 1000,
      }),
    ],
    welcomeCampaignId: null,
    birthdayCampaignId: null,
    nextOrder: { spendMinor: 50_000, campaignId: 'thanks' },
  },
});

let clock: TestClock;
let core: TestCore;
let amy: Member;

beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z');
  core = openTestCore({ program, now: clock.now });
  amy = enroll(core, { name: 'Amy' });
});
afterEach(() => core.cleanup());

/** The receipt as a fresh read of the stored sale gives it. */
const storedReceipt = (saleId: string) => unwrap(core.dispatch('sale.get', { saleId })) as Receipt;

/** Records a sale and checks its receipt against the stored sale and a fresh replay. */
function sellAndCheck(input: Parameters<typeof sell>[1]): Receipt {
  const receipt = sell(core, input);
  expect(receipt).toEqual(storedReceipt(receipt.sale.id));
  const memberId = receipt.sale.member?.id;
  if (memberId) {
    const fresh = spendablePoints(core.db, memberId, clock.iso());
    expect([receipt.balanceAfter, receipt.pendingAfter, receipt.debtAfter]).toEqual([
      fresh.available,
      fresh.pending,
      fresh.debt,
    ]);
    // The chain's balance once head office has reported, else the sum of the local entries.
    expect(receipt.sale.member?.pointsBalance).toBe(fresh.total);
    expect(rows(core, 'SELECT points_balance AS n FROM member WHERE id = ?', memberId)).toEqual([
      { n: ledgerBalance(core.db, memberId) },
    ]);
  }
  return receipt;
}

const issue = (campaignId: string, memberId: string | null) =>
  unwrap(core.dispatch('coupon.issue', { campaignId, memberId })) as CouponView;

describe('the receipt of a sale just recorded', () => {
  it('equals the stored sale read back, for a plain sale without a member', () => {
    sellAndCheck({ lines: [goods(1250, { quantity: 2 }), goods(990, { sku: 'A-1' })] });
  });

  it('equals it with a coupon, a redemption, a tier upgrade and a next-order coupon', () => {
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 1000,
        reason: 'Seed',
        managerPin: MANAGER_PIN,
      }),
    );
    const coupon = issue('tenoff', amy.id);
    const receipt = sellAndCheck({
      memberId: amy.id,
      lines: [
        goods(200_000, { category: 'care', description: 'Cream' }),
        goods(150_000, { quantity: 1, description: 'Tea' }),
      ],
      couponCodes: [coupon.code],
      redeemPoints: 400,
    });
    expect(receipt.couponsRedeemed).toHaveLength(1);
    expect(receipt.couponsIssued).toHaveLength(1);
    expect(receipt.tierUpgrade).not.toBeNull();
    expect(receipt.sale.pointsRedeemed).toBe(400);
  });

  it('equals it when selling a gift card, topping one up and paying with another', () => {
    const sold = sellAndCheck({
      lines: [
        goods(20_000, { kind: 'gift_card', description: 'Gift card' }),
        goods(5_000, { kind: 'gift_card', description: 'Gift card' }),
      ],
    });
    const [first, second] = sold.giftCards.map((card) => card.code);
    sellAndCheck({
      memberId: amy.id,
      lines: [
        goods(3000),
        goods(1000, { kind: 'gift_card_topup', giftCardCode: second ?? '', description: 'Top up' }),
      ],
      giftCardPayments: [{ code: first ?? '', amountMinor: 2500 }],
    });
  });

  it('equals it for a referred member’s first purchase, which pays both bonuses', () => {
    const ben = enroll(core, { name: 'Ben', referralCode: amy.referralCode ?? '' });
    const receipt = sellAndCheck({ memberId: ben.id, lines: [goods(20_000)] });
    expect(receipt.balanceAfter).toBe(200 + 300);
    expect(ledgerBalance(core.db, amy.id)).toBe(500);
  });

  it('equals it after a refund of an earlier sale and when expiry catches up inside the sale', () => {
    const first = sellAndCheck({ memberId: amy.id, lines: [goods(10_000), goods(4000)] });
    refund(core, first.sale.id, [{ lineNo: 2, quantity: 1 }]);
    clock.advanceMonths(13);
    const receipt = sellAndCheck({ memberId: amy.id, lines: [goods(2000)] });
    // The first sale's 100 points expired inside this sale; only the new 20 are left.
    expect(receipt.balanceAfter).toBe(20);
    expect(rows(core, "SELECT count(*) AS n FROM points_entry WHERE kind = 'expire'")[0]).toEqual({
      n: 1,
    });
  });

  it('equals it when head office has reported the member’s chain balance', () => {
    sellAndCheck({ memberId: amy.id, lines: [goods(10_000)] });
    // Head office counted this terminal's 100 and 250 more earned at another store.
    core.db
      .prepare(
        'INSERT INTO member_remote (member_id, points, as_of_seq, local_included) VALUES (?, ?, ?, ?)',
      )
      .run(amy.id, 350, 1, 100);
    const receipt = sellAndCheck({ memberId: amy.id, lines: [goods(5000)], redeemPoints: 300 });
    // 300 points pay HK$15, so HK$35 is paid in money and earns 35.
    expect(receipt.balanceAfter).toBe(350 - 300 + 35);
  });

  it('recording the same sale again returns the same receipt', () => {
    const coupon = issue('tenoff', amy.id);
    const input = { memberId: amy.id, lines: [goods(9000)], couponCodes: [coupon.code] };
    const receipt = sellAndCheck(input);
    expect(sell(core, { ...input, saleId: receipt.sale.id })).toEqual(receipt);
  });
});

describe('a long run of sales, refunds and expiry on one member', () => {
  it('keeps every receipt equal to the stored sale and to a fresh replay', () => {
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 500,
        reason: 'Seed',
        managerPin: MANAGER_PIN,
      }),
    );
    const sales: Receipt[] = [];
    for (let i = 0; i < 24; i++) {
      clock.advanceDays(23);
      const available = spendablePoints(core.db, amy.id, clock.iso()).available;
      const redeem = i % 3 === 0 ? Math.min(available, 200) - (Math.min(available, 200) % 100) : 0;
      sales.push(
        sellAndCheck({
          memberId: amy.id,
          lines: [goods(1000 + i * 700, { category: i % 2 ? 'care' : null })],
          redeemPoints: redeem,
        }),
      );
      const last = sales[i - 2];
      if (i % 5 === 4 && last) refund(core, last.sale.id);
    }
    const { state } = memberPoints(core.db, amy.id, clock.iso());
    expect(state.debt).toBeGreaterThanOrEqual(0);
    expect(rows(core, 'SELECT points_balance AS n FROM member WHERE id = ?', amy.id)[0]).toEqual({
      n: ledgerBalance(core.db, amy.id),
    });
  });
});
