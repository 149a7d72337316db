import type { Sale } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';

export type TenderKind = 'points' | 'giftCard' | 'cash' | 'card';

/** One way a sale was paid (or a refund paid back), as a positive amount. */
export interface TenderPart {
  kind: TenderKind;
  amountMinor: number;
}

export const tenderLabels: Record<TenderKind, MessageKey> = {
  points: 'tender.points',
  giftCard: 'tender.giftCard',
  cash: 'tender.cash',
  card: 'tender.card',
};

type Paid = Pick<Sale, 'redeemValueMinor' | 'giftCardMinor' | 'paidMinor' | 'payment'>;

/**
 * Every tender of a sale, in the order the receipt lists them: points, gift cards, then the
 * money part by its tender. A sale paid HK$300 by gift card and HK$50 in cash has two; one paid
 * wholly by gift card has no money part at all. A sale rung up before shifts recorded the tender
 * has no known money tender, and none is guessed.
 */
export function saleTenders(sale: Paid): TenderPart[] {
  const parts: TenderPart[] = [];
  const add = (kind: TenderKind, minor: number) => {
    if (minor !== 0) parts.push({ kind, amountMinor: Math.abs(minor) });
  };
  add('points', sale.redeemValueMinor);
  add('giftCard', sale.giftCardMinor);
  if (sale.payment) add(sale.payment.tender, sale.paidMinor);
  return parts;
}

/**
 * The tenders in a few words: one tender by its name ("Cash"), several with their amounts
 * ("Gift card HK$300.00 + Cash HK$50.00"); null when nothing is known.
 */
export function tendersText(
  parts: readonly TenderPart[],
  t: (key: MessageKey) => string,
  money: (minor: number) => string,
): string | null {
  if (parts.length === 0) return null;
  const [only] = parts;
  if (parts.length === 1 && only) return t(tenderLabels[only.kind]);
  return parts
    .map((part) => `${t(tenderLabels[part.kind])} ${money(part.amountMinor)}`)
    .join(' + ');
}
