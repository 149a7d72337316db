import type { z } from 'zod';
import {
  messageSettings,
  saveMessageSettingsRequest,
  type MessageSettings,
  type MessageSettingsView,
} from '../../shared/office/messages';
import { defaultQuietHours, defaultWeeklyCap } from '../../shared/rules/messaging';
import type { Database, Queryable } from '../db/database';
import { recordAudit } from '../db/audit';
import type { ServiceClock } from '../platform/clock';
import { isoAt } from '../platform/clock';
import { guard, succeed, type Outcome } from '../platform/errors';
import { parseInput } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';

/**
 * Head office's message settings: one row, shared by every node. The SMTP password and the SMS
 * provider's shared secret are write-only here; `HEAD_OFFICE_SMTP_PASSWORD` and
 * `HEAD_OFFICE_SMS_SECRET` in a node's environment win over the stored ones, for chains that
 * keep secrets out of the database. The unsubscribe links' signing key is made once, at
 * start-up, by whichever node comes first.
 */
export interface StoredMessageSettings extends MessageSettings {
  smtpPassword: string | null;
  smsSecret: string | null;
}

export interface MessageSecrets {
  smtpPassword?: string | undefined;
  smsSecret?: string | undefined;
}

export const defaultMessageSettings: StoredMessageSettings = {
  smtp: null,
  sms: null,
  quietHours: defaultQuietHours,
  weeklyCap: defaultWeeklyCap,
  defaultTimeZone: 'Asia/Hong_Kong',
  publicUrl: 'http://127.0.0.1:8080',
  smtpPassword: null,
  smsSecret: null,
};

interface SettingsRow {
  settings: Partial<StoredMessageSettings>;
  signing_key: string;
}

export function messageSettingsStore(
  db: Database,
  clock: ServiceClock,
  random: ServiceRandom,
  env: MessageSecrets = {
    smtpPassword: process.env.HEAD_OFFICE_SMTP_PASSWORD,
    smsSecret: process.env.HEAD_OFFICE_SMS_SECRET,
  },
) {
  async function ensureSettings(tx: Queryable = db): Promise<void> {
    await tx.query(
      `INSERT INTO message_settings (id, settings, signing_key, updated_at)
       VALUES (true, $1::jsonb, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [
        JSON.stringify(defaultMessageSettings),
        Buffer.from(random.bytes(32)).toString('base64url'),
        isoAt(clock),
      ],
    );
  }

  async function read(tx: Queryable = db): Promise<{
    settings: StoredMessageSettings;
    signingKey: string;
  }> {
    let { rows } = await tx.query<SettingsRow>(
      'SELECT settings, signing_key FROM message_settings WHERE id',
    );
    if (!rows[0]) {
      // Made at start-up; made here too should the row ever be gone (an emptied database).
      await ensureSettings(tx);
      ({ rows } = await tx.query<SettingsRow>(
        'SELECT settings, signing_key FROM message_settings WHERE id',
      ));
    }
    const row = rows[0];
    if (!row) throw new Error('message settings neither found nor made');
    const stored = { ...defaultMessageSettings, ...row.settings };
    return {
      settings: {
        ...stored,
        smtpPassword: env.smtpPassword || stored.smtpPassword,
        smsSecret: env.smsSecret || stored.smsSecret,
      },
      signingKey: row.signing_key,
    };
  }

  function viewOf(settings: StoredMessageSettings): MessageSettingsView {
    const { smtpPassword, smsSecret, ...shown } = settings;
    return { ...shown, smtpPasswordSet: smtpPassword !== null, smsSecretSet: smsSecret !== null };
  }

  return {
    read,

    /** The row with its defaults and a fresh signing key, once across nodes. */
    ensureSettings: () => ensureSettings(),

    getSettings(): Promise<Outcome<MessageSettingsView>> {
      return guard(async () => succeed(viewOf((await read()).settings)));
    },

    saveSettings(actor: string, body: unknown): Promise<Outcome<MessageSettingsView>> {
      return guard(async () => {
        const request: z.output<typeof saveMessageSettingsRequest> = parseInput(
          saveMessageSettingsRequest,
          body,
          'message settings',
        );
        const at = isoAt(clock);
        const saved = await db.transaction(async (tx) => {
          const { rows } = await tx.query<SettingsRow>(
            'SELECT settings, signing_key FROM message_settings WHERE id FOR UPDATE',
          );
          const before = { ...defaultMessageSettings, ...rows[0]?.settings };
          const { smtpPassword, smsSecret, ...plain } = request;
          const next: StoredMessageSettings = {
            ...messageSettings.parse(plain),
            smtpPassword: smtpPassword === undefined ? before.smtpPassword : smtpPassword,
            smsSecret: smsSecret === undefined ? before.smsSecret : smsSecret,
          };
          await tx.query(
            'UPDATE message_settings SET settings = $1::jsonb, updated_at = $2 WHERE id',
            [JSON.stringify(next), at],
          );
          // What changed, never the secrets themselves.
          await recordAudit(tx, {
            at,
            actor,
            action: 'messages.settings',
            subject: null,
            details: {
              smtpHost: next.smtp?.host ?? null,
              smsUrlSet: next.sms !== null,
              quietHours: next.quietHours,
              weeklyCap: next.weeklyCap,
              smtpPasswordChanged: smtpPassword !== undefined,
              smsSecretChanged: smsSecret !== undefined,
            },
          });
          return next;
        });
        return succeed(viewOf(saved));
      });
    },
  };
}

export type MessageSettingsStore = ReturnType<typeof messageSettingsStore>;
