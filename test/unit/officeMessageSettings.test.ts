import { describe, expect, it } from 'vitest';
import {
  messageSettingsView,
  saveMessageSettingsRequest,
  type MessageSettingsView,
} from '../../shared/office/messages';
import { draftOf, requestOf } from '../../renderer/office/messages/settingsDraft';

/**
 * The office's sending-settings form: what it shows from head office's answer and what it sends
 * back is a request the contract accepts, a secret only when one was typed.
 */
const view: MessageSettingsView = messageSettingsView.parse({
  smtp: { host: 'smtp.example.com', port: 587, secure: false, user: 'news', from: 'Tea <n@e.com>' },
  sms: { url: 'https://sms.example.com/send' },
  quietHours: { start: '21:00', end: '09:00' },
  weeklyCap: 2,
  defaultTimeZone: 'Asia/Hong_Kong',
  publicUrl: 'https://loyalty.example.com',
  smtpPasswordSet: true,
  smsSecretSet: false,
});

describe('the sending-settings form', () => {
  it('sends back what it showed, with no secret left untyped', () => {
    const request = saveMessageSettingsRequest.parse(requestOf(draftOf(view)));
    const { smtpPasswordSet, smsSecretSet, ...settings } = view;
    expect([smtpPasswordSet, smsSecretSet]).toEqual([true, false]);
    expect(request).toEqual(settings);
    expect(request).not.toHaveProperty('smtpPassword');
  });

  it('turns a channel off as null, and sends a typed secret', () => {
    const draft = { ...draftOf(view), emailOn: false, smsSecret: 'typed secret', weeklyCap: '3' };
    expect(saveMessageSettingsRequest.parse(requestOf(draft))).toMatchObject({
      smtp: null,
      smsSecret: 'typed secret',
      weeklyCap: 3,
    });
  });

  it('lets the contract refuse what an admin mistyped', () => {
    for (const wrong of [
      { weeklyCap: 'lots' },
      { quietStart: '9pm' },
      { smtpPort: '0' },
      { defaultTimeZone: 'Hong Kong' },
    ]) {
      const request = requestOf({ ...draftOf(view), ...wrong });
      expect(saveMessageSettingsRequest.safeParse(request).success, JSON.stringify(wrong)).toBe(
        false,
      );
    }
  });
});
