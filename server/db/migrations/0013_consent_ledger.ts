import type { Migration } from '../migration';

/**
 * Consent as a ledger at head office (issue 14 §1), the twin of the terminal's migration 13.
 *
 * - consent_event: every consent event from every store and from head office, append-only (a
 *   trigger refuses UPDATE and DELETE), one row per event id: a terminal pushing it twice, or
 *   head office and a terminal importing the same single flag, store it once.
 * - consent_current: the standing answer per (member, channel, purpose), the latest event by
 *   hybrid logical clock with ties by id, kept by the one writer (server/consent).
 * - consent_wording: versions of the wording per purpose and language; admins publish new ones.
 *   Version 1 of each is written at start-up with the terminal's seed text.
 * - The single flag becomes one imported event per member on SMS and email, as on terminals
 *   (same id, same clock: the flag's own), and the events are published on the new consent
 *   stream so every terminal learns them.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'consent ledger',
  up: `
    CREATE TABLE consent_event (
      id text PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES member (id),
      channel text NOT NULL
        CHECK (channel IN ('sms', 'email', 'phone_call', 'messaging_app', 'post')),
      purpose text NOT NULL CHECK (purpose IN ('marketing', 'profiling', 'feedback', 'birthday')),
      answer text NOT NULL CHECK (answer IN ('granted', 'withdrawn')),
      at text NOT NULL,
      hlc text NOT NULL,
      origin text NOT NULL CHECK (origin IN ('terminal', 'head_office')),
      store_id uuid,
      terminal_id uuid,
      staff_id uuid,
      method text NOT NULL
        CHECK (method IN ('display_tap', 'cashier_verbal', 'imported', 'unsubscribe')),
      wording_version integer CHECK (wording_version IS NULL OR wording_version >= 1),
      language text NOT NULL CHECK (language IN ('en', 'zh-Hant', 'zh-Hans')),
      -- The push that brought it (null: head office's own, or the import).
      op_id uuid,
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX consent_event_member ON consent_event (member_id, hlc);

    CREATE FUNCTION consent_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'consent events are append-only';
    END
    $fn$;
    CREATE TRIGGER consent_event_append_only BEFORE UPDATE OR DELETE ON consent_event
      FOR EACH ROW EXECUTE FUNCTION consent_event_append_only();

    CREATE TABLE consent_current (
      member_id uuid NOT NULL REFERENCES member (id),
      channel text NOT NULL,
      purpose text NOT NULL,
      answer text NOT NULL CHECK (answer IN ('granted', 'withdrawn')),
      event_id text NOT NULL REFERENCES consent_event (id),
      hlc text NOT NULL,
      PRIMARY KEY (member_id, channel, purpose)
    );

    CREATE TABLE consent_wording (
      purpose text NOT NULL CHECK (purpose IN ('marketing', 'profiling', 'feedback', 'birthday')),
      version integer NOT NULL CHECK (version >= 1),
      language text NOT NULL CHECK (language IN ('en', 'zh-Hant', 'zh-Hans')),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
      published_at text NOT NULL,
      PRIMARY KEY (purpose, version, language)
    );
    -- Version 1 of each purpose is written at start-up (server/consent/wording.ts), as the
    -- program configuration's defaults are, and published on the consent stream there.

    INSERT INTO stream_counter (stream, seq) VALUES ('consent', 0);

    INSERT INTO consent_event (id, member_id, channel, purpose, answer, at, hlc, origin, store_id,
      terminal_id, staff_id, method, wording_version, language, op_id, recorded_at)
    SELECT 'imported:' || c.channel || ':' || m.answer || ':' || m.id, m.id, c.channel,
      'marketing', m.answer, coalesce(m.consent_at, m.enrolled_at), m.marketing_consent_hlc,
      'terminal', m.enrolled_store_id, m.consent_terminal_id, NULL, 'imported', NULL, 'en', NULL,
      now()
    FROM (SELECT id, consent_at, enrolled_at, enrolled_store_id, consent_terminal_id,
            marketing_consent_hlc,
            CASE WHEN marketing_consent THEN 'granted' ELSE 'withdrawn' END AS answer
          FROM member WHERE merged_into IS NULL) AS m
    CROSS JOIN (VALUES ('sms'), ('email')) AS c (channel);
    INSERT INTO consent_current (member_id, channel, purpose, answer, event_id, hlc)
    SELECT member_id, channel, purpose, answer, id, hlc FROM consent_event;

    -- Published at this migration's commit (the deferred trigger of migration 6).
    INSERT INTO stream_publication (changes, recorded_at)
    SELECT jsonb_agg(change ORDER BY n), now() FROM (
      SELECT 1 AS n, jsonb_build_object('stream', 'consent', 'entityId', id, 'data',
        jsonb_build_object('kind', 'event', 'event', jsonb_build_object('id', id,
          'memberId', member_id, 'channel', channel, 'purpose', purpose, 'answer', answer,
          'at', at, 'hlc', hlc, 'origin', origin, 'storeId', store_id,
          'terminalId', terminal_id, 'staffId', staff_id, 'method', method,
          'wordingVersion', wording_version, 'language', language))) AS change
      FROM consent_event
    ) AS changes
    HAVING count(*) > 0;
  `,
};
