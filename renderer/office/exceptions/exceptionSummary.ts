import { maskPhone } from '../../../shared/phone';
import type { ExceptionView as OfficeException } from '../../../shared/office/exceptions';

/** What a row of the exceptions list says besides its kind: who, their phone, what, where. */
export interface ExceptionSummary {
  /** The members concerned, by name (the one kept first, for a merge). */
  who: string[];
  /** Their phone, masked ("•••• 4567"): enough to tell members apart in a list. */
  phone: string | null;
  /** The coupon or gift card concerned, by code. */
  what: string | null;
  /** The stores involved, each once. */
  where: string[];
}

type Facts = Record<string, unknown>;

const isRecord = (value: unknown): value is Facts =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A fact that is a non-empty string; anything else is left out, never shown as it came. */
function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function of(facts: Facts, name: string): Facts {
  const value = facts[name];
  return isRecord(value) ? value : {};
}

function unique(values: unknown[]): string[] {
  return [...new Set(values.map(text).filter((v): v is string => v !== null))];
}

/**
 * Who and where an exception is about, from the facts head office keeps with it. Each kind keeps
 * its people and stores in its own places: a merge has the member kept and the one merged into
 * it, a card number twice its holder and the newcomer, a coupon used twice both redemptions.
 */
export function exceptionSummary(
  exception: Pick<OfficeException, 'kind' | 'facts'>,
): ExceptionSummary {
  const { facts } = exception;
  const phone = (value: unknown) => {
    const e164 = text(value);
    return e164 ? maskPhone(e164) : null;
  };
  switch (exception.kind) {
    case 'member_merged': {
      const kept = of(facts, 'survivor');
      const merged = of(facts, 'merged');
      return {
        who: unique([kept.name, merged.name]),
        phone: phone(facts.phoneE164 ?? kept.phoneE164),
        what: null,
        where: unique([kept.storeName, merged.storeName]),
      };
    }
    case 'duplicate_card_number': {
      const holder = of(facts, 'holder');
      const newcomer = of(facts, 'newcomer');
      return {
        who: unique([holder.name, newcomer.name]),
        phone: null,
        what: null,
        where: unique([holder.storeName, newcomer.storeName]),
      };
    }
    case 'coupon_double_redeemed':
      return {
        who: unique([facts.memberName]),
        phone: null,
        what: text(facts.code),
        where: unique([of(facts, 'first').storeName, of(facts, 'second').storeName]),
      };
    case 'gift_card_overdraft':
      return {
        who: unique([facts.memberName]),
        phone: null,
        what: text(facts.code),
        where: unique([facts.storeName]),
      };
    default:
      return {
        who: unique([facts.memberName]),
        phone: null,
        what: null,
        where: unique([facts.storeName]),
      };
  }
}
