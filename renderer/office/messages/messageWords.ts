import type { MessageKey } from '../../../shared/i18n';
import type { MessageChannel, MessageStatus, SkipReason } from '../../../shared/rules/messaging';

/** The words for a message's status, why it was not sent, and its channel. */
export const statusWords: Record<MessageStatus, MessageKey> = {
  queued: 'office.messages.status.queued',
  sending: 'office.messages.status.sending',
  sent: 'office.messages.status.sent',
  failed: 'office.messages.status.failed',
  bounced: 'office.messages.status.bounced',
  skipped: 'office.messages.status.skipped',
};

export const skipWords: Record<SkipReason, MessageKey> = {
  no_consent: 'office.messages.skip.no_consent',
  no_address: 'office.messages.skip.no_address',
  weekly_cap: 'office.messages.skip.weekly_cap',
  member_gone: 'office.messages.skip.member_gone',
};

export const channelWords: Record<MessageChannel, MessageKey> = {
  email: 'office.messages.channel.email',
  sms: 'office.messages.channel.sms',
};
