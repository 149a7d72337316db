import type { MessageKey } from '../../../shared/i18n';
import { exceptionKinds as kinds } from '../../../shared/office/exceptions';
import type { Resolution } from '../../../shared/office/exceptions';

export const resolutionLabel: Record<Resolution, MessageKey> = {
  write_off: 'office.resolution.write_off',
  charge_back: 'office.resolution.charge_back',
  reverse: 'office.resolution.reverse',
  acknowledge: 'office.resolution.acknowledge',
  approve: 'office.resolution.approve',
};

export const resolutionHint: Record<Resolution, MessageKey> = {
  write_off: 'office.resolution.write_offHint',
  charge_back: 'office.resolution.charge_backHint',
  reverse: 'office.resolution.reverseHint',
  acknowledge: 'office.resolution.acknowledgeHint',
  approve: 'office.resolution.approveHint',
};

export const exceptionKinds: readonly string[] = kinds;

export function kindLabel(kind: string): MessageKey {
  return (kinds as readonly string[]).includes(kind)
    ? (`office.kind.${kind}` as MessageKey)
    : 'office.kind.other';
}
