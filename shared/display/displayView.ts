import type { Currency } from '../money';
import type { Locale } from '../locale';
import type { ConsentPurpose } from '../rules/consent';
import type { MessageChannel } from '../rules/messaging';
import type { TaxMode } from '../rules/tax';

/** A line as the customer sees it: what it is, how many, and what it costs. */
export interface DisplayLine {
  description: string;
  quantity: number;
  amountMinor: number;
}

/**
 * The sale's tax where the store has one (shared/rules/tax.ts): added to the total, or inside it.
 * A store without tax has none, and the display shows none.
 */
export interface DisplayTax {
  mode: 'inclusive' | 'exclusive';
  taxMinor: number;
}

/** What the till knows of the sale being rung up, published to the display as it changes. */
export interface DisplayBasket {
  memberId: string | null;
  lines: DisplayLine[];
  totalMinor: number;
  pointsToEarn: number;
  tax?: DisplayTax | null;
}

/** The member's part of the view: their first name only, never a phone, card or surname. */
export interface DisplayMember {
  firstName: string;
  pointsToEarn: number;
  balance: number;
  tierName: string;
  nextTierName: string | null;
  /** Still needed to reach the next tier: minor units (spend) or points, by qualification. */
  remainingToNext: number;
  qualification: 'spend' | 'points';
}

/** The closing question the display asks after a sale, on the program's scale. */
export interface DisplayQuestion {
  saleId: string;
  scale: 'nps' | 'csat';
  reasonTags: string[];
}

/**
 * The consent questions the till asked on the display: each purpose in head office's wording (the
 * version recorded with the answer), with the channels asked. The display never learns who the
 * member is; the core answers for the member the till named.
 */
export interface DisplayConsentQuestion {
  language: Locale;
  purposes: {
    purpose: ConsentPurpose;
    text: string;
    version: number;
    channels: MessageChannel[];
  }[];
}

/** Everything the customer display may show; nothing else ever leaves the core for it. */
export interface DisplayView {
  /** Grows with every change, so a display can tell a new view from the one it shows. */
  revision: number;
  language: Locale;
  currency: Currency;
  lines: DisplayLine[];
  totalMinor: number;
  tax: DisplayTax | null;
  member: DisplayMember | null;
  question: DisplayQuestion | null;
  /** Consent questions the customer answers themselves, when the till asked them here. */
  consent: DisplayConsentQuestion | null;
  /** The customer has just answered: the display thanks them until the next sale starts. */
  thanked: boolean;
}

/** The member as the core reads them: the view takes only what it may show. */
export interface DisplayMemberFacts {
  name: string;
  preferredLanguage: Locale;
  available: number;
  tierName: string;
  nextTierName: string | null;
  remainingToNext: number;
  qualification: 'spend' | 'points';
}

export interface DisplayState {
  basket: DisplayBasket | null;
  question: DisplayQuestion | null;
  consent: DisplayConsentQuestion | null;
  thanked: boolean;
  revision: number;
}

const HAN = /\p{Script=Han}/u;

/**
 * The name a display greets a member by. A Latin name is "Mei Chan": the first word. A Chinese
 * name without spaces is surname then given name (王小明): the given name, i.e. all but the
 * first character, or the whole name when it is two characters or fewer ("小明" stays).
 */
export function firstNameOf(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  const words = trimmed.split(/\s+/u);
  // A Chinese name written with a space ("歐陽 娜娜") still puts the surname first.
  if (words.length > 1) return (HAN.test(trimmed) ? words[words.length - 1] : words[0]) ?? '';
  const chars = Array.from(trimmed);
  if (HAN.test(trimmed) && chars.length >= 3) return chars.slice(1).join('');
  return trimmed;
}

/**
 * The customer display's view of the till: the basket as rung up, the total and the member's
 * first name, points to earn, balance and tier progress, in the member's language or else the
 * shop's. A pure function of the sale state, so it is the one place that decides what the
 * customer may see.
 */
export function displayViewOf(
  state: DisplayState,
  shop: { locale: Locale; currency: Currency },
  member: DisplayMemberFacts | null,
): DisplayView {
  const basket = state.basket;
  return {
    revision: state.revision,
    // Consent is asked in the language its wording was read in.
    language: state.consent?.language ?? member?.preferredLanguage ?? shop.locale,
    currency: shop.currency,
    lines: (basket?.lines ?? []).map((line) => ({
      description: line.description,
      quantity: line.quantity,
      amountMinor: line.amountMinor,
    })),
    totalMinor: basket?.totalMinor ?? 0,
    tax: basket?.tax ?? null,
    member: member
      ? {
          firstName: firstNameOf(member.name),
          pointsToEarn: basket?.pointsToEarn ?? 0,
          balance: member.available,
          tierName: member.tierName,
          nextTierName: member.nextTierName,
          remainingToNext: member.remainingToNext,
          qualification: member.qualification,
        }
      : null,
    question: state.question,
    consent: state.consent,
    thanked: state.thanked,
  };
}

/** A pairing code: six digits, easy to read off the till and type on a tablet. */
export const PAIRING_CODE = /^\d{6}$/;

/** The sale on the till as the renderer holds it: its lines and, once priced, the preview. */
export interface TillSale {
  memberId: string | null;
  lines: readonly { description: string; quantity: number; unitPriceMinor: number }[];
  preview: {
    lines: readonly { description: string; quantity: number; amountMinor: number }[];
    totalMinor: number;
    pointsEarned: number;
    taxMode?: TaxMode;
    taxMinor?: number;
  } | null;
}

/**
 * What the till publishes to its display: the priced lines when the core has priced the basket,
 * else the lines as typed (quantity × price) while the price is on its way, so the customer sees
 * each item the moment it is rung up.
 */
export function displayBasketOf(sale: TillSale): DisplayBasket {
  const priced = sale.preview && sale.preview.lines.length === sale.lines.length;
  const lines = priced
    ? sale.preview!.lines.map(({ description, quantity, amountMinor }) => ({
        description,
        quantity,
        amountMinor,
      }))
    : sale.lines.map(({ description, quantity, unitPriceMinor }) => ({
        description,
        quantity,
        amountMinor: quantity * unitPriceMinor,
      }));
  return {
    memberId: sale.memberId,
    lines,
    totalMinor: priced
      ? sale.preview!.totalMinor
      : lines.reduce((sum, line) => sum + line.amountMinor, 0),
    pointsToEarn: priced ? sale.preview!.pointsEarned : 0,
    // Only a priced basket knows its tax; a store without tax sends none, as before.
    ...(priced ? displayTaxOf(sale.preview!.taxMode, sale.preview!.taxMinor) : {}),
  };
}

/** The tax the display shows for a sale's mode and tax: nothing without tax. */
export function displayTaxOf(
  mode: TaxMode | undefined,
  taxMinor: number | undefined,
): { tax?: DisplayTax } {
  if (!mode || mode === 'none' || !taxMinor) return {};
  return { tax: { mode, taxMinor } };
}
