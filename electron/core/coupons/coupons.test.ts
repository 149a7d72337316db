import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CouponView, Member, Receipt } from '../../../shared/domain';
import type { Program } from '../../../shared/program';
import { normaliseCode } from '../../../shared/rules/codes';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  snapshot,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  campaign,
  enroll,
  expectRefusal,
  goods,
  loyaltyOf,
  makeClock,
  programWith,
  refund,
  rows,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * Coupons through the real core: every refusal says exactly why and writes nothing; coupons are
 * issued by hand, at enrollment, after a big enough sale and in the birthday month.
 */

const program: Program = programWith({
  coupons: {
    campaigns: [
      campaign({ id: 'tenoff', name: '10% off' }),
      campaign({ id: 'solo', name: '20% off, alone', percentOff: 20, stackable: false }),
      campaign({
        id: 'min100',
        name: 'HK$10 off HK$100',
        kind: 'amount',
        percentOff: null,
        amountOffMinor: 1000,
        minimumBasketMinor: 10_000,
      }),
      campaign({ id: 'spring', name: 'Spring', validFrom: '2025-04-01', validTo: '2025-04-30' }),
      campaign({ id: 'week', name: 'This week only', validDays: 7 }),
      campaign({ id: 'online', name: 'Online only', onlineOnly: true }),
      campaign({ id: 'once', name: 'Once per member', perMemberLimit: 1 }),
      campaign({ id: 'first', name: 'First customer only', totalLimit: 1 }),
      campaign({
        id: 'welcome',
        name: 'Welcome HK$20',
        kind: 'amount',
        percentOff: null,
        amountOffMinor: 2000,
        validDays: 30,
      }),
      campaign({
        id: 'birthday',
        name: 'Birthday cake',
        kind: 'free_item',
        percentOff: null,
        appliesTo: 'cake',
      }),
    ],
    welcomeCampaignId: null,
    birthdayCampaignId: 'birthday',
    nextOrder: { spendMinor: 50_000, campaignId: 'tenoff' },
  },
});

let clock: TestClock;
let core: TestCore;
let amy: Member;
let ben: Member;

beforeEach(() => {
  // Monday 2025-03-03, noon in Hong Kong.
  clock = makeClock('2025-03-03T04:00:00.000Z');
  core = openTestCore({ program, now: clock.now });
  amy = enroll(core, { name: 'Amy Chan' });
  ben = enroll(core, { name: 'Ben Lee' });
});
afterEach(() => core.cleanup());

function issue(campaignId: string, memberId: string | null = amy.id): CouponView {
  return unwrap(core.dispatch('coupon.issue', { campaignId, memberId })) as CouponView;
}

function basket(couponCodes: string[], memberId: string | null = amy.id, price = 10_000) {
  return {
    saleId: uuidv7(),
    memberId,
    lines: [goods(price)],
    redeemPoints: 0,
    couponCodes,
  };
}

describe('each refusal returns exactly its reason and writes nothing', () => {
  it('a typo (the check character fails) → coupon_invalid_code', () => {
    const code = issue('tenoff').code;
    const typo = `${code.slice(0, -2)}${code.at(-2) === '3' ? '4' : '3'}${code.at(-1)}`;
    expectRefusal(core, 'sale.record', basket([typo]), 'coupon_invalid_code');
    expectRefusal(core, 'coupon.check', { code: typo, memberId: amy.id }, 'coupon_invalid_code');
  });

  it('a well-formed code nobody issued → coupon_not_found', () => {
    const code = issue('tenoff').code;
    // Another valid code: issue one on a scratch core, so this ledger has never seen it.
    const other = openTestCore({ program });
    try {
      const stranger = unwrap(
        other.dispatch('coupon.issue', { campaignId: 'tenoff', memberId: null }),
      ) as CouponView;
      expect(stranger.code).not.toBe(code);
      expectRefusal(core, 'sale.record', basket([stranger.code]), 'coupon_not_found');
      expectRefusal(
        core,
        'coupon.check',
        { code: stranger.code, memberId: null },
        'coupon_not_found',
      );
    } finally {
      other.cleanup();
    }
  });

  it('expired: a 7-day coupon issued on 03-03 is valid to 03-09 and refused on 03-10 → coupon_expired', () => {
    const coupon = issue('week');
    expect([coupon.validFrom, coupon.validTo]).toEqual(['2025-03-03', '2025-03-09']);
    clock.advanceDays(6);
    expect(
      unwrap(core.dispatch('coupon.check', { code: coupon.code, memberId: amy.id })),
    ).toMatchObject({
      state: 'usable',
    });
    clock.advanceDays(1);
    const error = expectRefusal(core, 'sale.record', basket([coupon.code]), 'coupon_expired');
    expect(error.details?.date).toBe('2025-03-09');
    expectRefusal(core, 'coupon.check', { code: coupon.code, memberId: amy.id }, 'coupon_expired');
  });

  it('not yet valid: a spring coupon issued on 03-03 starts 04-01 → coupon_not_yet_valid, usable on 04-01, expired on 05-01', () => {
    const coupon = issue('spring');
    expect([coupon.validFrom, coupon.validTo, coupon.state]).toEqual([
      '2025-04-01',
      '2025-04-30',
      'not_yet_valid',
    ]);
    const error = expectRefusal(core, 'sale.record', basket([coupon.code]), 'coupon_not_yet_valid');
    expect(error.details?.date).toBe('2025-04-01');
    clock.set('2025-03-31T16:00:00.000Z'); // 04-01 00:00 in Hong Kong
    expect(sell(core, basket([coupon.code])).sale.discountMinor).toBe(1000);
    const later = issue('spring');
    clock.set('2025-04-30T16:00:00.000Z'); // 05-01 00:00 in Hong Kong
    expectRefusal(core, 'sale.record', basket([later.code]), 'coupon_expired');
  });

  it('below the minimum: HK$10 off HK$100 on a HK$99.99 basket → coupon_below_minimum; on HK$100.00 it applies', () => {
    const code = issue('min100').code;
    const error = expectRefusal(
      core,
      'sale.record',
      basket([code], amy.id, 9999),
      'coupon_below_minimum',
    );
    expect(error.details?.minimum).toBe(10_000);
    expect(sell(core, basket([code], amy.id, 10_000)).sale.discountMinor).toBe(1000);
  });

  it('already used → coupon_already_used; the receipt of the first use names it', () => {
    const code = issue('tenoff').code;
    const receipt = sell(core, basket([code]));
    expect(receipt.couponsRedeemed).toEqual([
      { code, campaignName: '10% off', discountMinor: 1000 },
    ]);
    expectRefusal(core, 'sale.record', basket([code]), 'coupon_already_used');
    expectRefusal(core, 'coupon.check', { code, memberId: amy.id }, 'coupon_already_used');
  });

  it('the same coupon twice on one sale (typed two ways) → coupon_already_used', () => {
    const code = issue('tenoff').code;
    expectRefusal(
      core,
      'sale.record',
      basket([code, code.replace(/-/g, ' ').toLowerCase()]),
      'coupon_already_used',
    );
  });

  it('another member’s coupon → coupon_other_member (also with no member attached)', () => {
    const code = issue('tenoff', amy.id).code;
    expectRefusal(core, 'sale.record', basket([code], ben.id), 'coupon_other_member');
    expectRefusal(core, 'sale.record', basket([code], null), 'coupon_other_member');
    expectRefusal(core, 'coupon.check', { code, memberId: ben.id }, 'coupon_other_member');
  });

  it('a bearer coupon (issued to nobody) is usable by anyone, once', () => {
    const code = issue('tenoff', null).code;
    expect(sell(core, basket([code], null)).sale.discountMinor).toBe(1000);
    expectRefusal(core, 'sale.record', basket([code], ben.id), 'coupon_already_used');
  });

  it('online only while offline (the terminal starts offline) → coupon_online_only; online it applies', () => {
    expect(core.ctx.connectivity.online).toBe(false);
    const code = issue('online').code;
    expectRefusal(core, 'sale.record', basket([code]), 'coupon_online_only');
    expectRefusal(core, 'coupon.check', { code, memberId: amy.id }, 'coupon_online_only');
    core.ctx.connectivity.online = true;
    const receipt = sell(core, basket([code]));
    expect(receipt.sale.discountMinor).toBe(1000);
    expect(rows(core, 'SELECT offline FROM coupon_use')).toEqual([{ offline: 0 }]);
  });

  it('not stackable: the 20%-alone coupon with a 10% coupon → coupon_not_stackable; alone it applies', () => {
    const solo = issue('solo').code;
    const ten = issue('tenoff').code;
    const error = expectRefusal(core, 'sale.record', basket([ten, solo]), 'coupon_not_stackable');
    expect(error.details?.code).toBe(solo);
    expect(sell(core, basket([solo])).sale.discountMinor).toBe(2000);
  });

  it('per-member limit reached: a second once-per-member coupon → coupon_limit_reached (Ben may still use his)', () => {
    const first = issue('once', amy.id).code;
    const second = issue('once', amy.id).code;
    const bens = issue('once', ben.id).code;
    sell(core, basket([first]));
    expectRefusal(core, 'sale.record', basket([second]), 'coupon_limit_reached');
    expectRefusal(core, 'coupon.check', { code: second, memberId: amy.id }, 'coupon_limit_reached');
    expect(sell(core, basket([bens], ben.id)).sale.discountMinor).toBe(1000);
  });

  it('total limit reached: the first-customer-only offer used by Amy → Ben’s → coupon_limit_reached', () => {
    const amys = issue('first', amy.id).code;
    const bens = issue('first', ben.id).code;
    sell(core, basket([amys]));
    expectRefusal(core, 'sale.record', basket([bens], ben.id), 'coupon_limit_reached');
    expect(
      (unwrap(core.dispatch('member.loyalty', { memberId: ben.id })) as { coupons: CouponView[] })
        .coupons[0]?.state,
    ).toBe('limit_reached');
  });

  it('a campaign removed from the program: its coupons are refused as expired', () => {
    const code = issue('tenoff').code;
    const without = {
      ...program,
      coupons: {
        ...program.coupons,
        campaigns: program.coupons.campaigns.filter((c) => c.id !== 'tenoff'),
        nextOrder: null,
      },
    };
    unwrap(core.dispatch('program.update', { program: without, managerPin: '2468' }));
    expectRefusal(core, 'sale.record', basket([code]), 'coupon_expired');
  });

  it('preview refuses with the same reason as record, and writes nothing either', () => {
    const code = issue('online').code;
    const previewBasket: Partial<ReturnType<typeof basket>> = basket([code]);
    delete previewBasket.saleId;
    expectRefusal(core, 'sale.preview', previewBasket, 'coupon_online_only');
  });
});

describe('a used coupon comes back only when the whole sale is refunded', () => {
  it('partial refund: still used; full refund: usable again, with a returned use in the ledger', () => {
    const code = issue('tenoff').code;
    const receipt = sell(core, {
      memberId: amy.id,
      lines: [goods(5000), goods(5000)],
      couponCodes: [code],
    });
    refund(core, receipt.sale.id, [{ lineNo: 1, quantity: 1 }]);
    expectRefusal(core, 'coupon.check', { code, memberId: amy.id }, 'coupon_already_used');
    refund(core, receipt.sale.id);
    expect(unwrap(core.dispatch('coupon.check', { code, memberId: amy.id }))).toMatchObject({
      state: 'usable',
    });
    expect(rows(core, 'SELECT kind, discount_minor FROM coupon_use ORDER BY use_no')).toEqual([
      { kind: 'redeemed', discount_minor: 1000 },
      { kind: 'returned', discount_minor: -1000 },
    ]);
    expect(sell(core, basket([code])).sale.discountMinor).toBe(1000);
  });
});

describe('coupons issued automatically', () => {
  it('welcome coupon at enrollment when configured: one per new member, valid 30 days, in member.loyalty and the outbox', () => {
    const withWelcome = {
      ...program,
      coupons: { ...program.coupons, welcomeCampaignId: 'welcome' },
    };
    const c = openTestCore({ program: withWelcome, now: clock.now });
    try {
      const before = rows(c, 'SELECT count(*) AS n FROM outbox')[0] as { n: number };
      const cara = enroll(c, { name: 'Cara' });
      const coupons = loyaltyOf(c, cara.id).coupons;
      expect(coupons).toHaveLength(1);
      expect(coupons[0]).toMatchObject({
        campaignId: 'welcome',
        source: 'welcome',
        memberId: cara.id,
        validFrom: '2025-03-03',
        validTo: '2025-04-01',
        state: 'usable',
        amountOffMinor: 2000,
      });
      expect(normaliseCode(coupons[0]?.code ?? '', 'coupon')).toBe(coupons[0]?.code);
      expect(
        rows(c, 'SELECT op_type FROM outbox WHERE seq > ? ORDER BY seq', before.n).map(
          (r) => (r as { op_type: string }).op_type,
        ),
      ).toEqual(['member.enrolled', 'consent.recorded', 'coupon.issued']);
      // Without the setting, enrolling issues nothing.
      expect(loyaltyOf(core, amy.id).coupons).toEqual([]);
    } finally {
      c.cleanup();
    }
  });

  it('next-order coupon after spending HK$500: HK$499.99 issues none, HK$500.00 issues one on the receipt', () => {
    expect(sell(core, { memberId: amy.id, lines: [goods(49_999)] }).couponsIssued).toEqual([]);
    const receipt = sell(core, { memberId: amy.id, lines: [goods(50_000)] });
    expect(receipt.couponsIssued).toHaveLength(1);
    expect(receipt.couponsIssued[0]).toMatchObject({ campaignName: '10% off', validTo: null });
    const coupon = loyaltyOf(core, amy.id).coupons[0];
    expect(coupon).toMatchObject({ source: 'next_order', memberId: amy.id, state: 'usable' });
    // It is usable on the next order.
    expect(sell(core, basket([coupon?.code ?? ''])).sale.discountMinor).toBe(1000);
  });

  it('next-order spend counts money only: HK$600 less 2000 pts (HK$100) = HK$500 → a coupon; less 2020 pts → none', () => {
    const c = openTestCore({ program, now: clock.now });
    try {
      const cara = enroll(c, { name: 'Cara' });
      unwrap(
        c.dispatch('points.adjust', {
          memberId: cara.id,
          points: 5000,
          reason: 'Test',
          managerPin: '2468',
        }),
      );
      const none = sell(c, { memberId: cara.id, lines: [goods(60_000)], redeemPoints: 2020 });
      expect(none.couponsIssued).toEqual([]);
      const one = sell(c, { memberId: cara.id, lines: [goods(60_000)], redeemPoints: 2000 });
      expect(one.couponsIssued).toHaveLength(1);
    } finally {
      c.cleanup();
    }
  });

  it('no member, no next-order coupon', () => {
    expect(sell(core, { memberId: null, lines: [goods(90_000)] }).couponsIssued).toEqual([]);
  });

  it('birthday coupon once per year via loyalty.catchUp: March birthday → one in March, none again, none in April, one next March', () => {
    const cara = enroll(core, { name: 'Cara', birthday: '1990-03-17' });
    enroll(core, { name: 'Dan', birthday: '1985-07-01' });
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      birthdayCoupons: 1,
    });
    const before = snapshot(core.db);
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      birthdayCoupons: 0,
    });
    expect(snapshot(core.db)).toBe(before);
    clock.set('2025-04-15T04:00:00.000Z');
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      birthdayCoupons: 0,
    });
    clock.set('2026-03-02T04:00:00.000Z');
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      birthdayCoupons: 1,
    });
    const coupons = loyaltyOf(core, cara.id).coupons.filter((c) => c.source === 'birthday');
    expect(coupons).toHaveLength(2);
    expect(coupons.every((c) => c.campaignId === 'birthday' && c.memberId === cara.id)).toBe(true);
  });

  it('birthday coupons follow the shop’s calendar: a January birthday caught up at 05:00 on 1 January in Hong Kong (still 31 December in UTC) is not issued again at 10:00', () => {
    const cara = enroll(core, { name: 'Cara', birthday: '1992-01-20' });
    clock.set('2025-12-31T21:00:00.000Z'); // 2026-01-01 05:00 in Hong Kong
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      birthdayCoupons: 1,
    });
    clock.set('2026-01-01T02:00:00.000Z'); // 10:00 the same morning
    expect(unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN }))).toMatchObject({
      birthdayCoupons: 0,
    });
    expect(loyaltyOf(core, cara.id).coupons.filter((c) => c.source === 'birthday')).toHaveLength(1);
  });

  it('a receipt for a sale with a coupon is the same when read again', () => {
    const code = issue('tenoff').code;
    const receipt = sell(core, basket([code]));
    expect(unwrap(core.dispatch('sale.get', { saleId: receipt.sale.id })) as Receipt).toEqual(
      receipt,
    );
  });
});
