import type { MessageSettingsView } from '../../../shared/office/messages';

/** The settings form's fields, as typed (text), and the request they make. */
export interface SettingsDraft {
  emailOn: boolean;
  smtpHost: string;
  smtpPort: string;
  smtpSecure: boolean;
  smtpUser: string;
  smtpPassword: string;
  smtpFrom: string;
  smsOn: boolean;
  smsUrl: string;
  smsSecret: string;
  quietStart: string;
  quietEnd: string;
  weeklyCap: string;
  defaultTimeZone: string;
  publicUrl: string;
}

export function draftOf(view: MessageSettingsView): SettingsDraft {
  return {
    emailOn: view.smtp !== null,
    smtpHost: view.smtp?.host ?? '',
    smtpPort: String(view.smtp?.port ?? 587),
    smtpSecure: view.smtp?.secure ?? false,
    smtpUser: view.smtp?.user ?? '',
    smtpPassword: '',
    smtpFrom: view.smtp?.from ?? '',
    smsOn: view.sms !== null,
    smsUrl: view.sms?.url ?? '',
    smsSecret: '',
    quietStart: view.quietHours.start,
    quietEnd: view.quietHours.end,
    weeklyCap: String(view.weeklyCap),
    defaultTimeZone: view.defaultTimeZone,
    publicUrl: view.publicUrl,
  };
}

/** What PUT /admin/messages/settings gets: a secret only when one was typed. */
export function requestOf(draft: SettingsDraft) {
  return {
    smtp: draft.emailOn
      ? {
          host: draft.smtpHost,
          port: Number(draft.smtpPort),
          secure: draft.smtpSecure,
          user: draft.smtpUser.trim() === '' ? null : draft.smtpUser.trim(),
          from: draft.smtpFrom,
        }
      : null,
    sms: draft.smsOn ? { url: draft.smsUrl } : null,
    quietHours: { start: draft.quietStart, end: draft.quietEnd },
    weeklyCap: Number(draft.weeklyCap),
    defaultTimeZone: draft.defaultTimeZone,
    publicUrl: draft.publicUrl,
    ...(draft.smtpPassword ? { smtpPassword: draft.smtpPassword } : {}),
    ...(draft.smsSecret ? { smsSecret: draft.smsSecret } : {}),
  };
}
