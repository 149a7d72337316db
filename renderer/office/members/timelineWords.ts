import type { MessageKey } from '../../../shared/i18n';
import type { PointsEntryKind } from '../../../shared/domain';
import type { TimelineEntry } from '../../../shared/office/members';
import { consentChannels, consentPurposes } from '../../../shared/rules/consent';
import { kindLabel } from '../exceptions/resolutionWords';

const pointsKinds: readonly PointsEntryKind[] = [
  'earn',
  'redeem',
  'reverse_earn',
  'reverse_redeem',
  'expire',
  'adjust',
  'bonus',
];

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
  if (kind === 'points' && includes(pointsKinds, reference))
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
      includes(['granted', 'withdrawn'], answer)
    )
      return [
        t(`consent.channel.${channel}` as MessageKey),
        t(`consent.purpose.${purpose}` as MessageKey),
        t(`office.members.answer.${answer}` as MessageKey),
      ].join(' · ');
  }
  return reference;
}
