import { z } from 'zod';
import { operation } from './operation';
import { amountMinor, id, points, text } from './fields';
import { PAIRING_CODE, type DisplayView } from '../display/displayView';
import { consentAnswers, consentPurposes } from '../rules/consent';
import { messageChannels } from '../rules/messaging';

/**
 * What the display asks when the till asks consent there: every purpose on the channels head
 * office can send on (SMS and email). The customer answers each; nothing is chosen for them.
 */
export const displayConsentChannels = messageChannels;

/** The customer's answers on the display: one per channel and purpose asked, no more, no less. */
const displayConsentAnswer = z.strictObject({
  channel: z.enum(displayConsentChannels),
  purpose: z.enum(consentPurposes),
  answer: z.enum(consentAnswers),
});

/** A line as the customer display shows it: what the till already priced. */
const displayLine = z.strictObject({
  description: text(80),
  quantity: z.number().int().min(1).max(9999),
  amountMinor,
});

/**
 * The customer-facing display (issue 13 §1). The till publishes the sale as it is rung up and,
 * once it is paid, the closing question; a paired display reads the view and answers with
 * feedback.record for that sale only. A display holds its own token, which reaches
 * `display`-access operations and nothing else (electron/core/api/access.ts).
 */
export const displayOperations = {
  /** The sale on the till as it changes; an empty basket between sales. Clears any question. */
  'display.show': operation<DisplayView>()(
    z.strictObject({
      memberId: id.nullable(),
      lines: z.array(displayLine).max(200),
      totalMinor: amountMinor,
      pointsToEarn: points,
      tax: z
        .strictObject({ mode: z.enum(['inclusive', 'exclusive']), taxMinor: amountMinor })
        .nullable()
        .optional(),
    }),
    'cashier',
  ),
  /** After a sale is recorded: the display asks the program's closing question about it. */
  'display.ask': operation<DisplayView>()(
    z.strictObject({ saleId: id, scale: z.enum(['nps', 'csat']) }),
    'cashier',
  ),
  /** A new six-digit code for pairing a display; it lasts five minutes and replaces the last. */
  'display.pairingCode': operation<{ code: string; expiresAt: string }>()(
    z.strictObject({}),
    'cashier',
  ),
  /** A display types the till's code and gets its own token (display powers only). */
  'display.pair': operation<{ token: string }>()(
    z.strictObject({ code: z.string().regex(PAIRING_CODE, { message: 'must be six digits' }) }),
    'pairing',
  ),
  /** Whether a customer display has paired with this till since the core started. */
  'display.status': operation<{ paired: boolean }>()(z.strictObject({}), 'cashier'),
  /** The till asks this member's consent on the display, in the member's language. */
  'display.askConsent': operation<DisplayView>()(z.strictObject({ memberId: id }), 'cashier'),
  /** The till stops asking (the customer walked away, or will answer the cashier instead). */
  'display.clearConsent': operation<DisplayView>()(z.strictObject({}), 'cashier'),
  /**
   * The customer's own answers, from a paired display only: recorded as tapped on the display,
   * with the wording version shown, for the member the till named. Every question asked must be
   * answered, once.
   */
  'display.answerConsent': operation<DisplayView>()(
    z.strictObject({ answers: z.array(displayConsentAnswer).min(1).max(20) }),
    'display',
  ),
  /** What the display shows now: the basket, the member's first name and points, the question. */
  'display.view': operation<DisplayView>()(z.strictObject({}), 'display'),
};
