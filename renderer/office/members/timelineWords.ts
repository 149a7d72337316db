import type { MessageKey } from '../../../shared/i18n';
import type { TimelineEntry } from '../../../shared/office/members';
import { consentAnswers, consentChannels, consentPurposes } from '../../../shared/rules/consent';
import { pointsEntryKinds } from '../../../shared/rules/pointsLots';
import { kindLabel } from '../exceptions/resolutionWords';

const includes = (list: readonly string[], value: string | undefined): boolean =>
  value !== undefined && list.includes(value);

/**
 * A timeline row's reference in the admin's words. Receipt numbers, coupon codes and card
 * numbers are quoted as they are; the rows whose reference names something (a points entry's
 * kind, an exception's kind and number, a consent answer as channel:purpose:answer) are worded.
 * Anything unexpected is shown as it came, never dropped.
 */
export function timelineReference(entry: TimelineEntry, t: (key: MessageKey) => string): string {
  const { kind, reference } = entry;
  if (kind === 'points' && includes(pointsEntryKinds, reference))
    return t(`entry.${reference}` as MessageKey);
  if (kind === 'exception') {
    const [exceptionKind, number] = reference.split(' #');
    if (exceptionKind && number) return `${t(kindLabel(exceptionKind))} #${number}`;
  }
  if (kind === 'consent') {
    const [channel, purpose, answer] = reference.split(':');
    if (
      includes(consentChannels, channel) &&
      includes(consentPurposes, purpose) &&
      includes(consentAnswers, answer)
    )
      return [
        t(`consent.channel.${channel}` as MessageKey),
        t(`consent.purpose.${purpose}` as MessageKey),
        t(`office.members.answer.${answer}` as MessageKey),
      ].join(' · ');
  }
  return reference;
}
