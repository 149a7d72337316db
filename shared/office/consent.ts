import { z } from 'zod';
import { consentAnswers, consentChannels, consentPurposes } from '../rules/consent';
import { consentEvent } from '../sync/operations';
import { pulledConsentWording } from '../sync/protocol';

/** Every version of the consent wording, newest first per purpose (GET /admin/consent/wording). */
export const consentWordingList = z.strictObject({ wordings: z.array(pulledConsentWording) });
export type ConsentWordingList = z.infer<typeof consentWordingList>;

/** Wording as a customer reads it: one to 2,000 characters, no control characters but newlines. */
const wordingText = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  // eslint-disable-next-line no-control-regex
  .refine((t) => !/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029\u202a-\u202e]/.test(t), {
    message: 'must not contain control characters',
  });

/**
 * A new version of one purpose's wording, in all three languages at once: a terminal shows the
 * version in the customer's language, so a version missing a language could not be shown.
 */
export const publishConsentWordingRequest = z.strictObject({
  purpose: z.enum(consentPurposes),
  text: z.strictObject({ en: wordingText, 'zh-Hant': wordingText, 'zh-Hans': wordingText }),
});
export type PublishConsentWordingRequest = z.infer<typeof publishConsentWordingRequest>;

/**
 * One member's consent at head office (GET /admin/members/:id/consent): the standing answer per
 * channel and purpose, and every event from every store, latest first.
 */
export const memberConsentView = z.strictObject({
  memberId: z.string(),
  current: z.array(
    z.strictObject({
      channel: z.enum(consentChannels),
      purpose: z.enum(consentPurposes),
      answer: z.enum(consentAnswers),
      eventId: z.string(),
    }),
  ),
  history: z.array(consentEvent),
});
export type MemberConsentView = z.infer<typeof memberConsentView>;
