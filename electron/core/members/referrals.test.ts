import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain';
import { openTestCore, snapshot, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import {
  balanceOf,
  enroll,
  expectRefusal,
  goods,
  makeClock,
  nextPhone,
  programWith,
  refund,
  rows,
  sell,
} from '../../../test/unit/helpers/loyalty';

/**
 * Referrals: a new member enrolls with an existing member's referral code; the new member's
 * first qualifying purchase (HK$100 of money here) rewards both, once.
 */

const program = programWith({
  referrals: { referrerPoints: 500, refereePoints: 300, minimumSpendMinor: 10_000 },
});

let core: TestCore;
let amy: Member;

beforeEach(() => {
  core = openTestCore({ program, now: makeClock().now });
  amy = enroll(core, { name: 'Amy' });
});
afterEach(() => core.cleanup());

const bonuses = () =>
  rows<{ member_id: string; points: number; reason: string }>(
    core,
    "SELECT member_id, points, reason FROM points_entry WHERE kind = 'bonus' ORDER BY entry_no",
  );

describe('referral codes at enrollment', () => {
  it('every member gets a readable referral code; member.byReferralCode finds its owner however it is typed', () => {
    expect(amy.referralCode).toMatch(/^RF[2-9A-Y]{2}-[2-9A-Y]{4}-[2-9A-Y]{4}$/);
    const typed = (amy.referralCode ?? '').toLowerCase().replace(/-/g, ' ');
    expect(unwrap(core.dispatch('member.byReferralCode', { code: typed }))).toEqual({
      memberId: amy.id,
      name: 'Amy',
    });
    expect(unwrap(core.dispatch('member.byReferralCode', { code: 'RF22-2222-2223' }))).toBeNull();
    expect(unwrap(core.dispatch('member.byReferralCode', { code: '' }))).toBeNull();
  });

  it('a new member enrolled with the code is linked to the referrer', () => {
    const ben = enroll(core, { name: 'Ben', referralCode: amy.referralCode ?? '' });
    expect(ben.referredBy).toBe(amy.id);
  });

  it('an unknown or mistyped code is refused with referral_invalid and nothing is written', () => {
    const code = amy.referralCode ?? '';
    const typo = `${code.slice(0, -1)}${code.endsWith('3') ? '4' : '3'}`;
    expectRefusal(
      core,
      'member.enroll',
      { name: 'Ben', phone: nextPhone(), marketingConsent: true, referralCode: typo },
      'referral_invalid',
    );
  });
});

describe('the first qualifying purchase rewards both, once', () => {
  it('HK$99.99 does not qualify; HK$100.00 gives Ben 300 and Amy 500; the next purchase gives nothing more', () => {
    const ben = enroll(core, { name: 'Ben', referralCode: amy.referralCode ?? '' });
    sell(core, { memberId: ben.id, lines: [goods(9999)] });
    expect(bonuses()).toEqual([]);
    const qualifying = sell(core, { memberId: ben.id, lines: [goods(10_000)] });
    expect(bonuses()).toEqual([
      { member_id: ben.id, points: 300, reason: 'referral: welcome' },
      { member_id: amy.id, points: 500, reason: 'referral: thank you' },
    ]);
    expect(rows(core, 'SELECT referee_id, referrer_id, sale_id FROM referral_reward')).toEqual([
      { referee_id: ben.id, referrer_id: amy.id, sale_id: qualifying.sale.id },
    ]);
    expect(balanceOf(core, ben.id)).toBe(99 + 100 + 300);
    expect(balanceOf(core, amy.id)).toBe(500);
    // Both bonuses travel with the sale to head office.
    const payload = JSON.parse(
      rows<{ payload: string }>(
        core,
        "SELECT payload FROM outbox WHERE op_type = 'sale.recorded' ORDER BY seq DESC LIMIT 1",
      )[0]?.payload ?? '{}',
    ) as { pointsEntries: { kind: string; memberId: string; points: number }[] };
    expect(payload.pointsEntries.filter((e) => e.kind === 'bonus')).toHaveLength(2);

    const before = bonuses().length;
    sell(core, { memberId: ben.id, lines: [goods(50_000)] });
    expect(bonuses()).toHaveLength(before);
  });

  it('money counts, points do not: HK$120 less 400 pts (HK$20) = HK$100 qualifies; less 420 pts does not', () => {
    const ben = enroll(core, { name: 'Ben', referralCode: amy.referralCode ?? '' });
    unwrap(
      core.dispatch('points.adjust', {
        memberId: ben.id,
        points: 1000,
        reason: 'Seed',
        managerPin: '2468',
      }),
    );
    sell(core, { memberId: ben.id, lines: [goods(12_000)], redeemPoints: 420 });
    expect(bonuses()).toEqual([]);
    sell(core, { memberId: ben.id, lines: [goods(12_000)], redeemPoints: 400 });
    expect(bonuses()).toHaveLength(2);
  });

  it('a member who was not referred earns no bonus, and the referrer’s own purchases give nothing', () => {
    sell(core, { memberId: amy.id, lines: [goods(50_000)] });
    const cara = enroll(core, { name: 'Cara' });
    sell(core, { memberId: cara.id, lines: [goods(50_000)] });
    expect(bonuses()).toEqual([]);
  });

  it('with both rewards set to 0 the program gives nothing and records nothing', () => {
    const c = openTestCore({ now: makeClock().now });
    try {
      const a = enroll(c, { name: 'A' });
      const b = enroll(c, { name: 'B', referralCode: a.referralCode ?? '' });
      const before = snapshot(c.db);
      sell(c, { memberId: b.id, lines: [goods(50_000)] });
      expect(snapshot(c.db)).not.toBe(before);
      expect(rows(c, 'SELECT * FROM referral_reward')).toEqual([]);
    } finally {
      c.cleanup();
    }
  });

  // Buy, collect both bonuses, return the goods: nobody may keep the bonuses.
  it('refunding the qualifying purchase takes both bonuses back', () => {
    const ben = enroll(core, { name: 'Ben', referralCode: amy.referralCode ?? '' });
    const qualifying = sell(core, { memberId: ben.id, lines: [goods(10_000)] });
    refund(core, qualifying.sale.id);
    expect([balanceOf(core, ben.id), balanceOf(core, amy.id)]).toEqual([0, 0]);
  });

  it('a partial refund that leaves HK$100 paid keeps both bonuses: 200 + 300 − 100 = 400, Amy 500', () => {
    const ben = enroll(core, { name: 'Ben', referralCode: amy.referralCode ?? '' });
    const qualifying = sell(core, { memberId: ben.id, lines: [goods(10_000), goods(10_000)] });
    refund(core, qualifying.sale.id, [{ lineNo: 2, quantity: 1 }]);
    expect([balanceOf(core, ben.id), balanceOf(core, amy.id)]).toEqual([400, 500]);
    refund(core, qualifying.sale.id, [{ lineNo: 1, quantity: 1 }]);
    expect([balanceOf(core, ben.id), balanceOf(core, amy.id)]).toEqual([0, 0]);
  });

  it('the referrer’s bonus already spent is taken back as debt: her balance drops by exactly 500', () => {
    const ben = enroll(core, { name: 'Ben', referralCode: amy.referralCode ?? '' });
    const qualifying = sell(core, { memberId: ben.id, lines: [goods(10_000)] });
    sell(core, { memberId: amy.id, lines: [goods(50_000)], redeemPoints: 500 });
    const amyBefore = balanceOf(core, amy.id);
    refund(core, qualifying.sale.id);
    expect(balanceOf(core, amy.id)).toBe(amyBefore - 500);
    expect(balanceOf(core, ben.id)).toBe(0);
    // Refunding it again is refused and takes nothing more.
    expect(() => refund(core, qualifying.sale.id)).toThrow();
    expect(balanceOf(core, amy.id)).toBe(amyBefore - 500);
  });

  it('under reduce_cash the referrer’s spent bonus comes from her other 475 points (HK$500 − HK$25 paid with points) and the missing 25 points (25 × 5 = 125) are kept back: 10,000 − 125 = 9,875 back, nobody in debt', () => {
    const c = openTestCore({
      program: programWith({
        referrals: { referrerPoints: 500, refereePoints: 300, minimumSpendMinor: 10_000 },
        refunds: { spentPoints: 'reduce_cash' },
      }),
      now: makeClock().now,
    });
    try {
      const a = enroll(c, { name: 'Amy' });
      const b = enroll(c, { name: 'Ben', referralCode: a.referralCode ?? '' });
      const qualifying = sell(c, { memberId: b.id, lines: [goods(10_000)] });
      sell(c, { memberId: a.id, lines: [goods(50_000)], redeemPoints: 500 });
      expect(balanceOf(c, a.id)).toBe(475);
      const back = refund(c, qualifying.sale.id);
      expect(-back.sale.paidMinor).toBe(9_875);
      expect([balanceOf(c, b.id), balanceOf(c, a.id)]).toEqual([0, 0]);
    } finally {
      c.cleanup();
    }
  });
});
