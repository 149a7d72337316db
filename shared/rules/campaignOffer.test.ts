import { describe, expect, it } from 'vitest';
import { defaultProgram } from '../program';
import { offerOn, offerRunsOn, type MemberOffer } from './campaignOffer';
import { priceCheckout, type CheckoutFacts } from './checkout';

const offer = (more: Partial<MemberOffer>): MemberOffer => ({
  campaignId: '0190a000-0000-7000-8000-000000000001',
  variantId: '0190a000-0000-7000-8000-0000000000a1',
  campaignName: 'Double week',
  percent: 200,
  from: '2026-12-07',
  to: '2026-12-13',
  ...more,
});

function facts(member: CheckoutFacts['member']): CheckoutFacts {
  return {
    program: defaultProgram,
    date: '2026-12-08',
    weekday: 2,
    lines: [
      {
        description: 'Tea',
        quantity: 1,
        unitPriceMinor: 12_345,
        sku: null,
        category: null,
        kind: 'goods',
      },
    ],
    member,
    coupons: [],
    redeemPoints: 0,
    giftCardPayments: [],
  };
}

describe('a campaign multiplier at the counter', () => {
  it('runs from its first to its last day, inclusive', () => {
    const o = offer({});
    expect(offerRunsOn(o, '2026-12-06')).toBe(false);
    expect(offerRunsOn(o, '2026-12-07')).toBe(true);
    expect(offerRunsOn(o, '2026-12-13')).toBe(true);
    expect(offerRunsOn(o, '2026-12-14')).toBe(false);
  });

  it('takes the best offer running that day, never a product of two', () => {
    const triple = offer({ campaignId: '0190a000-0000-7000-8000-000000000002', percent: 300 });
    const later = offer({ percent: 500, from: '2026-12-20', to: '2026-12-31' });
    expect(offerOn([offer({}), triple, later], '2026-12-08')).toBe(triple);
    expect(offerOn([offer({}), triple, later], '2026-12-25')).toBe(later);
    expect(offerOn([offer({})], '2026-12-25')).toBeNull();
    expect(offerOn([], '2026-12-08')).toBeNull();
  });

  it('HK$123.45 at Basic with double points earns floor(12345×200/100/100)=246, not 2×123', () => {
    const doubled = priceCheckout(
      facts({ availablePoints: 0, tierPercent: 100, offerPercent: 200 }),
    );
    expect(doubled.pointsEarned).toBe(246);
    expect(doubled.offerPercent).toBe(200);
    const plain = priceCheckout(facts({ availablePoints: 0, tierPercent: 100 }));
    expect(plain.pointsEarned).toBe(123);
    expect(plain.offerPercent).toBe(100);
  });

  it('multiplies on top of the tier: Gold 150% with 150% offer on HK$123.45 earns floor(277.76)=277', () => {
    const priced = priceCheckout(
      facts({ availablePoints: 0, tierPercent: 150, offerPercent: 150 }),
    );
    expect(priced.pointsEarned).toBe(277);
  });

  it('gives nothing to a sale without a member', () => {
    expect(priceCheckout(facts(null)).pointsEarned).toBe(0);
  });
});
