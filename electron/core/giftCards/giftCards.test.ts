import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GiftCardView, Member } from '../../../shared/domain';
import { normaliseCode } from '../../../shared/rules/codes';
import { uuidv7 } from '../../../shared/ids';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import {
  enroll,
  expectRefusal,
  goods,
  makeClock,
  programWith,
  refund,
  rows,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * Gift cards through the real core: sold and activated on a sale, paid with fully or in part,
 * topped up, refunded while unspent; the stored value has its own append-only ledger and the
 * cached balance always equals it.
 */

let clock: TestClock;
let core: TestCore;
let amy: Member;

beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z');
  core = openTestCore({
    program: programWith({ giftCards: { expiryMonths: 12 } }),
    now: clock.now,
  });
  amy = enroll(core);
});
afterEach(() => core.cleanup());

const giftCard = (unitPriceMinor: number) =>
  goods(unitPriceMinor, { kind: 'gift_card', description: 'Gift card' });
const topUp = (unitPriceMinor: number, giftCardCode: string) =>
  goods(unitPriceMinor, { kind: 'gift_card_topup', description: 'Top up', giftCardCode });

function balance(code: string): GiftCardView {
  return unwrap(core.dispatch('giftCard.balance', { code })) as GiftCardView;
}

function expectCachedBalancesMatchEntries(): void {
  const cards = rows<{ code: string; cached: number; summed: number }>(
    core,
    `SELECT g.code, g.balance_minor AS cached,
            (SELECT coalesce(sum(amount_minor), 0) FROM stored_value_entry e WHERE e.gift_card_id = g.id)
              AS summed
     FROM gift_card g`,
  );
  for (const card of cards) {
    expect(card.cached).toBe(card.summed);
    expect(card.cached).toBeGreaterThanOrEqual(0);
  }
}

describe('a gift card’s life', () => {
  it('sold → the receipt has its code → pay part → balance reduced → top up → pay the rest', () => {
    const sold = sell(core, { memberId: amy.id, lines: [giftCard(50_000), goods(2000)] });
    const code = sold.giftCards[0]?.code as string;
    expect(normaliseCode(code, 'giftCard')).toBe(code);
    expect(sold.giftCards).toEqual([
      { code, kind: 'sold', amountMinor: 50_000, balanceMinor: 50_000 },
    ]);
    expect(sold.sale.lines[0]).toMatchObject({
      kind: 'gift_card',
      giftCardCode: code,
      pointsEarned: 0,
    });
    // Activation earns nothing: only the HK$20 of goods earns.
    expect(sold.sale.pointsEarned).toBe(20);
    expect(balance(code)).toEqual({
      code,
      currency: 'HKD',
      balanceMinor: 50_000,
      expiresAt: '2026-03-05T04:00:00.000Z',
      active: true,
    });

    const paid = sell(core, {
      memberId: amy.id,
      lines: [goods(12_000)],
      giftCardPayments: [{ code: code.toLowerCase().replace(/-/g, ''), amountMinor: 12_000 }],
    });
    expect(paid.sale).toMatchObject({ giftCardMinor: 12_000, paidMinor: 0, pointsEarned: 0 });
    expect(paid.giftCards).toEqual([
      { code, kind: 'paid', amountMinor: -12_000, balanceMinor: 38_000 },
    ]);
    expect(balance(code).balanceMinor).toBe(38_000);

    const topped = sell(core, { lines: [topUp(10_000, code)] });
    expect(topped.giftCards).toEqual([
      { code, kind: 'topped_up', amountMinor: 10_000, balanceMinor: 48_000 },
    ]);
    expect(topped.sale.lines[0]?.giftCardCode).toBe(code);

    const rest = sell(core, {
      lines: [goods(60_000)],
      giftCardPayments: [{ code, amountMinor: 48_000 }],
    });
    expect(rest.sale.paidMinor).toBe(12_000);
    expect(balance(code).balanceMinor).toBe(0);
    expect(
      rows(core, 'SELECT kind, amount_minor FROM stored_value_entry ORDER BY entry_no'),
    ).toEqual([
      { kind: 'activate', amount_minor: 50_000 },
      { kind: 'pay', amount_minor: -12_000 },
      { kind: 'top_up', amount_minor: 10_000 },
      { kind: 'pay', amount_minor: -48_000 },
    ]);
    expectCachedBalancesMatchEntries();
  });

  it('an unspent card can be refunded: its value leaves the card; a card with anything spent cannot', () => {
    const sold = sell(core, { lines: [giftCard(30_000)] });
    const code = sold.giftCards[0]?.code as string;
    const back = refund(core, sold.sale.id);
    expect(back.sale).toMatchObject({ totalMinor: -30_000, paidMinor: -30_000 });
    expect(back.giftCards).toEqual([{ code, kind: 'sold', amountMinor: -30_000, balanceMinor: 0 }]);
    expect(balance(code).balanceMinor).toBe(0);

    const second = sell(core, { lines: [giftCard(30_000)] });
    const other = second.giftCards[0]?.code as string;
    sell(core, { lines: [goods(100)], giftCardPayments: [{ code: other, amountMinor: 1 }] });
    const error = expectRefusal(
      core,
      'sale.refund',
      { saleId: second.sale.id, refundId: uuidv7(), reason: 'Unwanted' },
      'gift_card_insufficient',
    );
    expect(error.details).toMatchObject({ code: other, balance: 29_999 });
    expectCachedBalancesMatchEntries();
  });

  it('a top-up can be refunded while its value is still on the card', () => {
    const code = sell(core, { lines: [giftCard(10_000)] }).giftCards[0]?.code as string;
    const topped = sell(core, { lines: [topUp(5000, code)] });
    refund(core, topped.sale.id);
    expect(balance(code).balanceMinor).toBe(10_000);
    expect(
      rows(core, "SELECT amount_minor FROM stored_value_entry WHERE kind = 'refund_top_up'"),
    ).toEqual([{ amount_minor: -5000 }]);
  });

  it('never negative: paying HK$100.01 from HK$100 → gift_card_insufficient, nothing written', () => {
    const code = sell(core, { lines: [giftCard(10_000)] }).giftCards[0]?.code as string;
    expectRefusal(
      core,
      'sale.record',
      {
        saleId: uuidv7(),
        memberId: null,
        lines: [goods(20_000)],
        redeemPoints: 0,
        giftCardPayments: [{ code, amountMinor: 10_001 }],
      },
      'gift_card_insufficient',
    );
  });

  it('a gift card cannot pay for a gift card line → gift_card_exceeds_total', () => {
    const code = sell(core, { lines: [giftCard(10_000)] }).giftCards[0]?.code as string;
    expectRefusal(
      core,
      'sale.record',
      {
        saleId: uuidv7(),
        memberId: null,
        lines: [giftCard(5000)],
        redeemPoints: 0,
        giftCardPayments: [{ code, amountMinor: 5000 }],
      },
      'gift_card_exceeds_total',
    );
  });

  it('expiry is configurable (12 months): on the expiry date paying is refused with gift_card_expired; the balance still shows, inactive', () => {
    const code = sell(core, { lines: [giftCard(10_000)] }).giftCards[0]?.code as string;
    clock.advanceMonths(12);
    const error = expectRefusal(
      core,
      'sale.record',
      {
        saleId: uuidv7(),
        memberId: null,
        lines: [goods(1000)],
        redeemPoints: 0,
        giftCardPayments: [{ code, amountMinor: 1000 }],
      },
      'gift_card_expired',
    );
    expect(error.details?.date).toBe('2026-03-05');
    expect(balance(code)).toMatchObject({ balanceMinor: 10_000, active: false });
    expectRefusal(
      core,
      'sale.record',
      { saleId: uuidv7(), memberId: null, lines: [topUp(1000, code)], redeemPoints: 0 },
      'gift_card_expired',
    );
  });

  it('with expiryMonths 0 a card never expires', () => {
    const c = openTestCore({ now: clock.now });
    try {
      const sold = sell(c, { lines: [giftCard(10_000)] });
      expect(sold.giftCards[0]).toBeDefined();
      const code = sold.giftCards[0]?.code as string;
      clock.advanceMonths(120);
      expect(unwrap(c.dispatch('giftCard.balance', { code }))).toMatchObject({
        expiresAt: null,
        active: true,
      });
    } finally {
      c.cleanup();
    }
  });

  it('typos and unknown numbers are refused with their own reasons', () => {
    const code = sell(core, { lines: [giftCard(10_000)] }).giftCards[0]?.code as string;
    const typo = `${code.slice(0, -1)}${code.endsWith('3') ? '4' : '3'}`;
    expectRefusal(core, 'giftCard.balance', { code: typo }, 'gift_card_invalid_code');
    expectRefusal(core, 'giftCard.balance', { code: 'GC22-2222-2222' }, 'gift_card_invalid_code');
  });
});
