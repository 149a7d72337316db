import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../shared/i18n';
import { saleTenders, tendersText } from '../../renderer/src/sale/saleTenders';

/** How a sale was paid, as the sales list and the receipt say it. */
describe('sale tenders', () => {
  const t = (key: MessageKey) => translate('en', key);
  const money = (minor: number) => `HK$${(minor / 100).toFixed(2)}`;
  const cash = { tender: 'cash' as const, cashReceivedMinor: null, changeMinor: null };

  it('names a gift card and the cash that paid the rest, with their amounts', () => {
    const parts = saleTenders({
      redeemValueMinor: 0,
      giftCardMinor: 30_000,
      paidMinor: 5_000,
      payment: cash,
    });
    expect(parts).toEqual([
      { kind: 'giftCard', amountMinor: 30_000 },
      { kind: 'cash', amountMinor: 5_000 },
    ]);
    expect(tendersText(parts, t, money)).toBe('Gift card HK$300.00 + Cash HK$50.00');
  });

  it('gives a sale paid wholly by gift card no money part', () => {
    const parts = saleTenders({
      redeemValueMinor: 0,
      giftCardMinor: 8_000,
      paidMinor: 0,
      payment: cash,
    });
    expect(parts).toEqual([{ kind: 'giftCard', amountMinor: 8_000 }]);
    expect(tendersText(parts, t, money)).toBe('Gift card');
  });

  it('names one money tender alone, and points as a tender of their own', () => {
    const card = { tender: 'card' as const, cashReceivedMinor: null, changeMinor: null };
    expect(
      tendersText(
        saleTenders({ redeemValueMinor: 0, giftCardMinor: 0, paidMinor: 8_000, payment: card }),
        t,
        money,
      ),
    ).toBe('Card');
    expect(
      tendersText(
        saleTenders({ redeemValueMinor: 1_250, giftCardMinor: 0, paidMinor: 8_750, payment: cash }),
        t,
        money,
      ),
    ).toBe('Points HK$12.50 + Cash HK$87.50');
  });

  it('shows a refund’s negated amounts as positive, and guesses no tender for old sales', () => {
    expect(
      saleTenders({ redeemValueMinor: 0, giftCardMinor: -300, paidMinor: -200, payment: cash }),
    ).toEqual([
      { kind: 'giftCard', amountMinor: 300 },
      { kind: 'cash', amountMinor: 200 },
    ]);
    expect(
      tendersText(
        saleTenders({ redeemValueMinor: 0, giftCardMinor: 0, paidMinor: 500, payment: null }),
        t,
        money,
      ),
    ).toBeNull();
  });
});
