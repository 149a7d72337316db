import type { Migration } from '../migration';

/**
 * Messages to members (issue 15 §3): email and SMS that campaigns and birthday greetings send,
 * on the job queue (0011), each once.
 *
 * - message: one row per message to one member, with its status (queued, sending, sent, failed,
 *   bounced, skipped with a reason), attempts, last error, the provider's id and when it went.
 *   Its id is the idempotency key the providers see. `dedupe_key` makes a message that must exist
 *   once (one birthday greeting per member per year) exist once, whichever node made it.
 *   Addresses are not copied here: the send reads the member's current ones, so an erased member
 *   leaves nothing behind in this table.
 * - message_settings: one row: SMTP and SMS provider, quiet hours, weekly cap, default time zone,
 *   and the key that signs unsubscribe links (made at start-up, shared by every node).
 */
export const migration0015: Migration = {
  version: 15,
  name: 'messages',
  up: `
    CREATE TABLE message (
      id uuid PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES member (id),
      campaign_id text CHECK (campaign_id IS NULL OR length(campaign_id) BETWEEN 1 AND 100),
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      purpose text NOT NULL CHECK (purpose IN ('marketing', 'profiling', 'feedback', 'birthday')),
      template text NOT NULL CHECK (length(template) BETWEEN 1 AND 100),
      content jsonb NOT NULL,
      language text CHECK (language IN ('en', 'zh-Hant', 'zh-Hans')),
      status text NOT NULL
        CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'skipped')),
      skip_reason text
        CHECK (skip_reason IN ('no_consent', 'no_address', 'weekly_cap', 'member_gone')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_error text,
      provider_id text,
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL,
      send_after timestamptz,
      sending_at timestamptz,
      sent_at timestamptz,
      delivered_at timestamptz,
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'skipped') = (skip_reason IS NOT NULL))
    );
    -- The weekly cap counts a member's messages sent (or going) in the last 7 days.
    CREATE INDEX message_member ON message (member_id, sending_at);
    CREATE INDEX message_campaign ON message (campaign_id, status) WHERE campaign_id IS NOT NULL;

    CREATE TABLE message_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      settings jsonb NOT NULL,
      signing_key text NOT NULL,
      updated_at timestamptz NOT NULL
    );
  `,
};
