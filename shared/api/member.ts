import { z } from 'zod';
import { operation } from './operation';
import { id, requiredText, searchText, text } from './fields';
import type { Member, MemberSummary, PointsEntry } from '../domain';
import { locales } from '../locale';
import { consentAnswersInput } from './consent';

const birthday = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2100-12-31', {
  message: 'must be a real date',
});

export const memberOperations = {
  /**
   * Edits profile fields; each edit carries this terminal's clock, and the latest edit of a field
   * wins across stores. A phone another member holds is refused, naming them, as at enrollment.
   * The marketing answer is sent only when the customer gave one: leaving it out keeps it. It is
   * recorded as consent events (marketing on SMS and email), as consent.record would.
   */
  'member.update': operation<Member>()(
    z
      .strictObject({
        memberId: id,
        name: requiredText(60).optional(),
        phone: requiredText(32).optional(),
        email: z.union([z.literal(''), z.email().max(254)]).optional(),
        birthday: z.union([z.literal(''), birthday]).optional(),
        preferredLanguage: z.enum(locales).optional(),
        marketingConsent: z.boolean().optional(),
      })
      .refine(
        (edit) =>
          edit.name !== undefined ||
          edit.phone !== undefined ||
          edit.email !== undefined ||
          edit.birthday !== undefined ||
          edit.preferredLanguage !== undefined ||
          edit.marketingConsent !== undefined,
        'change at least one field',
      ),
    'cashier',
  ),
  'member.enroll': operation<Member>()(
    z.strictObject({
      name: requiredText(60),
      phone: requiredText(32),
      email: z.union([z.literal(''), z.email().max(254)]).optional(),
      birthday: z.union([z.literal(''), birthday]).optional(),
      /**
       * The customer's answers per channel and purpose, with the wording version shown. Nothing
       * is pre-ticked: a pair left out was not asked and stays unanswered.
       */
      consent: consentAnswersInput.optional(),
      /**
       * Shorthand kept for callers that predate the consent ledger: the cashier's record of one
       * answer for marketing offers by SMS and email, with the current wording.
       */
      marketingConsent: z.boolean().optional(),
      /** The referral code of the member who brought this one in, if any. */
      referralCode: z.union([z.literal(''), text(20)]).optional(),
    }),
    'cashier',
  ),
  /** Results as you type: phone digits, card number or a fragment of the name. */
  'member.search': operation<MemberSummary[]>()(
    z.strictObject({ query: searchText(60), limit: z.number().int().min(1).max(50).optional() }),
    'cashier',
  ),
  'member.byPhone': operation<MemberSummary | null>()(
    z.strictObject({ phone: requiredText(32) }),
    'cashier',
  ),
  'member.byCard': operation<MemberSummary | null>()(
    z.strictObject({ cardNumber: requiredText(20) }),
    'cashier',
  ),
  'member.get': operation<Member>()(z.strictObject({ memberId: id }), 'cashier'),
  'member.history': operation<PointsEntry[]>()(
    z.strictObject({ memberId: id, limit: z.number().int().min(1).max(500).optional() }),
    'cashier',
  ),
};
