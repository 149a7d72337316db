import type { Receipt } from '../../../shared/domain';
import { formatCardNumber } from '../../../shared/card';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import { intlLocale, type Locale } from '../../../shared/locale';
import { formatMoney, type Currency } from '../../../shared/money';
import { offerSize } from '../../../shared/rules/campaignOffer';
import { lineName } from '../../../shared/lineName';
import { taxByRate } from '../../../shared/rules/tax';
import { taxRateLabel } from '../../../shared/taxPercent';

/**
 * A receipt as paper lays it out, before any printer language: the same parts, in the same
 * order and words, as the screen's receipt (renderer/src/components/receipt). escposReceipt.ts
 * turns these into bytes.
 */
export type PrintBlock =
  | { kind: 'logo' }
  | { kind: 'title'; text: string }
  | { kind: 'center'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'heading'; text: string }
  /** A label on the left and an amount on the right of the same line. */
  | { kind: 'pair'; left: string; right: string }
  | { kind: 'rule' }
  /** A member card, coupon or gift card code as a Code 128 barcode, its digits below. */
  | { kind: 'barcode'; code: string };

/** The shop's words and formats for one receipt: its language, currency and time zone. */
export interface ReceiptWording {
  locale: Locale;
  currency: Currency;
  timeZone: string;
}

type T = (key: MessageKey, params?: MessageParams) => string;

const tenderKeys = {
  points: 'tender.points',
  giftCard: 'tender.giftCard',
  cash: 'tender.cash',
  card: 'tender.card',
} as const satisfies Record<string, MessageKey>;

const giftCardKeys = {
  sold: 'receipt.giftCardSold',
  topped_up: 'receipt.giftCardToppedUp',
  paid: 'receipt.giftCardPaid',
} as const satisfies Record<Receipt['giftCards'][number]['kind'], MessageKey>;

/** The blocks of a receipt, top to bottom; `logo` first when the store has one. */
export function receiptBlocks(
  receipt: Receipt,
  wording: ReceiptWording,
  options: { logo: boolean },
): PrintBlock[] {
  const t: T = (key, params) => translate(wording.locale, key, params);
  const tag = intlLocale(wording.locale);
  const money = (minor: number) => formatMoney(minor, wording.currency, tag);
  const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const points = (value: number) => numbers.format(value);
  const dateTime = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: wording.timeZone,
  });
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: wording.timeZone });
  const dayOf = (value: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(
          new Date(`${value}T00:00:00Z`),
        )
      : day.format(new Date(value));
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });

  const { sale } = receipt;
  const refund = sale.kind === 'refund';
  const shown = (minor: number) => money(refund ? Math.abs(minor) : minor);
  const blocks: PrintBlock[] = [];
  const add = (...more: PrintBlock[]) => blocks.push(...more);

  if (options.logo) add({ kind: 'logo' });
  add(
    { kind: 'title', text: receipt.storeName },
    { kind: 'center', text: refund ? t('receipt.refundTitle') : t('receipt.saleTitle') },
    {
      kind: 'center',
      text: `${t('receipt.number', { number: sale.number })} · ${dateTime.format(new Date(sale.createdAt))}`,
    },
    {
      kind: 'center',
      text: `${receipt.terminalName} · ${t('topBar.cashier', { name: sale.cashierName })}`,
    },
    { kind: 'rule' },
  );
  for (const line of sale.lines) {
    const quantity = Math.abs(line.quantity);
    const name =
      quantity > 1
        ? `${lineName(line, t)} × ${numbers.format(quantity)} @ ${money(line.unitPriceMinor)}`
        : lineName(line, t);
    add({ kind: 'pair', left: name, right: shown(line.amountMinor) });
  }
  add({ kind: 'rule' });

  if (sale.discountMinor !== 0) {
    add({ kind: 'pair', left: t('sale.subtotal'), right: shown(sale.subtotalMinor) });
    for (const coupon of receipt.couponsRedeemed) {
      add({
        kind: 'pair',
        left: t('sale.couponDiscount', { name: coupon.campaignName }),
        right: money(-Math.abs(coupon.discountMinor)),
      });
    }
  }
  // Tax per rate: added before the total, or said to be inside it; a store without tax shows none.
  const taxes = sale.taxMode === 'none' ? [] : taxByRate(sale.lines);
  if (sale.taxMode === 'exclusive') {
    for (const tax of taxes) {
      add({
        kind: 'pair',
        left: t('receipt.taxAtRate', { rate: taxRateLabel(tax.rateBasisPoints) }),
        right: shown(tax.taxMinor),
      });
    }
  }
  add({ kind: 'pair', left: t('sale.total'), right: shown(sale.totalMinor) });
  if (sale.taxMode === 'inclusive') {
    for (const tax of taxes) {
      add({
        kind: 'pair',
        left: t('receipt.includesTaxAtRate', { rate: taxRateLabel(tax.rateBasisPoints) }),
        right: shown(tax.taxMinor),
      });
    }
  }
  if (sale.pointsRedeemed !== 0) {
    add({
      kind: 'pair',
      left: t('sale.paidWithPoints', { points: points(Math.abs(sale.pointsRedeemed)) }),
      right: money(-Math.abs(sale.redeemValueMinor)),
    });
  }
  if (sale.giftCardMinor !== 0) {
    add({
      kind: 'pair',
      left: t('sale.paidWithGiftCards'),
      right: money(-Math.abs(sale.giftCardMinor)),
    });
  }
  const shortfall = Math.abs(sale.pointsShortfallMinor);
  if (shortfall > 0) add({ kind: 'pair', left: t('receipt.shortfall'), right: money(-shortfall) });
  // Money paid is a line of its own unless gift cards or points paid it all: never "Paid 0.00".
  if (sale.paidMinor !== 0 || (sale.giftCardMinor === 0 && sale.redeemValueMinor === 0)) {
    add({
      kind: 'pair',
      left: refund ? t('receipt.refunded') : t('receipt.paid'),
      right: shown(sale.paidMinor),
    });
  }
  const tenders = [
    ...(sale.redeemValueMinor !== 0 ? [tenderKeys.points] : []),
    ...(sale.giftCardMinor !== 0 ? [tenderKeys.giftCard] : []),
    ...(sale.payment && sale.paidMinor !== 0 ? [tenderKeys[sale.payment.tender]] : []),
  ];
  if (tenders.length > 0) {
    add({
      kind: 'pair',
      left: refund ? t('tender.refundedBy') : t('tender.paidBy'),
      right: tenders.map((key) => t(key)).join(' + '),
    });
  }
  if (sale.payment && sale.payment.cashReceivedMinor !== null) {
    add(
      { kind: 'pair', left: t('tender.received'), right: money(sale.payment.cashReceivedMinor) },
      { kind: 'pair', left: t('tender.changeGiven'), right: money(sale.payment.changeMinor ?? 0) },
    );
  }

  if (sale.member) {
    add(
      { kind: 'rule' },
      { kind: 'text', text: `${sale.member.name} · ${formatCardNumber(sale.member.cardNumber)}` },
      { kind: 'barcode', code: sale.member.cardNumber },
    );
    if (receipt.tierName)
      add({ kind: 'text', text: t('receipt.tier', { tier: receipt.tierName }) });
    if (receipt.tierUpgrade) {
      add({ kind: 'text', text: t('receipt.upgraded', { tier: receipt.tierUpgrade.to }) });
    }
    if (sale.pointsEarned !== 0) {
      add({
        kind: 'text',
        text: refund
          ? t('receipt.pointsReversed', { points: points(Math.abs(sale.pointsEarned)) })
          : t('receipt.pointsEarned', { points: points(sale.pointsEarned) }),
      });
    }
    if (!refund && receipt.campaignOffer) {
      add({
        kind: 'text',
        text: t('receipt.campaignOffer', {
          size: offerSize(receipt.campaignOffer.percent),
          percent: percent.format(receipt.campaignOffer.percent / 100),
          campaign: receipt.campaignOffer.campaignName,
        }),
      });
    }
    if (!refund && sale.pointsPending > 0) {
      add({
        kind: 'text',
        text: t('receipt.pointsPending', { points: points(sale.pointsPending) }),
      });
    }
    if (sale.pointsRedeemed !== 0) {
      add({
        kind: 'text',
        text: refund
          ? t('receipt.pointsReturned', { points: points(Math.abs(sale.pointsRedeemed)) })
          : t('receipt.pointsSpent', { points: points(sale.pointsRedeemed) }),
      });
    }
    if (receipt.balanceAfter !== null) {
      add({
        kind: 'pair',
        left: t('receipt.balanceLabel'),
        right: t('member.balance', { points: points(receipt.balanceAfter) }),
      });
    }
    if (receipt.debtAfter !== null && receipt.debtAfter > 0) {
      add({ kind: 'text', text: t('receipt.debtAfter', { points: points(receipt.debtAfter) }) });
    }
    if (receipt.pendingAfter !== null && receipt.pendingAfter > 0) {
      add({
        kind: 'text',
        text: t('receipt.pendingAfter', { points: points(receipt.pendingAfter) }),
      });
    }
  }

  if (receipt.couponsRedeemed.length > 0) {
    add({ kind: 'rule' }, { kind: 'heading', text: t('receipt.couponsRedeemed') });
    for (const coupon of receipt.couponsRedeemed) {
      add({ kind: 'text', text: `${coupon.campaignName} · ${coupon.code}` });
    }
  }
  if (receipt.couponsIssued.length > 0) {
    add({ kind: 'rule' }, { kind: 'heading', text: t('receipt.couponsIssued') });
    for (const coupon of receipt.couponsIssued) {
      add({
        kind: 'text',
        text: coupon.validTo
          ? `${coupon.campaignName} · ${t('coupon.validTo', { date: dayOf(coupon.validTo) })}`
          : coupon.campaignName,
      });
      add({ kind: 'barcode', code: coupon.code });
    }
  }
  if (receipt.giftCards.length > 0) {
    add({ kind: 'rule' }, { kind: 'heading', text: t('receipt.giftCards') });
    for (const card of receipt.giftCards) {
      add({
        kind: 'text',
        text: t(giftCardKeys[card.kind], { amount: money(Math.abs(card.amountMinor)) }),
      });
      const balance = t('giftCard.balanceIs', { balance: money(card.balanceMinor) });
      if (card.kind !== 'paid' && sale.kind === 'sale') {
        add({ kind: 'text', text: balance }, { kind: 'barcode', code: card.code });
      } else {
        add({ kind: 'text', text: `${card.code} · ${balance}` });
      }
    }
  }
  if (refund && sale.reason)
    add({ kind: 'text', text: t('receipt.reason', { reason: sale.reason }) });
  add({ kind: 'rule' }, { kind: 'center', text: t('receipt.thanks') });
  return blocks;
}
