import { z } from 'zod';
import { operation } from './operation';
import { id } from './fields';
import { locales } from '../locale';
import {
  consentAnswers,
  consentChannels,
  consentPurposes,
  type ConsentOfMember,
  type ConsentWording,
} from '../rules/consent';

/** One answer the customer gave, with the version of the wording they were shown. */
export const consentAnswerInput = z.strictObject({
  channel: z.enum(consentChannels),
  purpose: z.enum(consentPurposes),
  answer: z.enum(consentAnswers),
  wordingVersion: z.number().int().min(1).max(1_000_000),
});

/**
 * The answers taken at once: how (the customer tapped them on the display, or the cashier
 * recorded what they said), in which language the wording was shown, and one answer per
 * (channel, purpose) asked. A pair left out was not asked: nothing is assumed for it.
 */
export const consentAnswersInput = z.strictObject({
  method: z.enum(['display_tap', 'cashier_verbal']),
  language: z.enum(locales),
  answers: z
    .array(consentAnswerInput)
    .min(1)
    .max(20)
    .refine(
      (list) => new Set(list.map((a) => `${a.channel}:${a.purpose}`)).size === list.length,
      'one answer per channel and purpose',
    ),
});

export const consentOperations = {
  /** Records answers for one member, in one transaction; a withdrawal is one such answer. */
  'consent.record': operation<ConsentOfMember>()(
    z.strictObject({ memberId: id, consent: consentAnswersInput }),
    'cashier',
  ),
  /** What the member has agreed to now, per channel and purpose, and every event behind it. */
  'consent.ofMember': operation<ConsentOfMember>()(z.strictObject({ memberId: id }), 'cashier'),
  /** The current wording of each purpose in one language, with its version, to show and record. */
  'consent.wording': operation<ConsentWording[]>()(
    z.strictObject({ language: z.enum(locales) }),
    'cashier',
  ),
};
