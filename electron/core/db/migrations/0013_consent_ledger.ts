import type { Migration } from '../migrate';

/**
 * Consent as a ledger (issue 14 §1).
 *
 * - `consent_event`: every answer a member gave, per channel and purpose, append-only (triggers
 *   refuse UPDATE and DELETE as for the points ledger). Events come from this terminal, from
 *   head office's consent stream, or from the import below; the id is unique, so an event
 *   pulled twice is stored once.
 * - `consent_current`: the answer standing per (member, channel, purpose), the latest event by
 *   hybrid logical clock (ties by id). Kept by the one writer (electron/core/consent) in the
 *   same transaction as the event, like a cached balance.
 * - `consent_wording`: the wording shown for each purpose, per version and language. Head office
 *   manages it and terminals pull it on the consent stream; version 1 of each purpose is seeded
 *   here so a terminal that has never synced can enroll.
 * - The old single flag (`member.marketing_consent`) becomes one event per member and channel,
 *   "imported from the previous single consent", for marketing on SMS and email: granted where
 *   the flag was set, withdrawn where it was not, so nothing is assumed. Its id is derived from
 *   the member, the channel and the answer, so head office, which imports its own copy of the
 *   flag the same way, produces the same event where they agree. Its clock is the one the flag
 *   was last set with. The flag column stays as a cache of "marketing granted on SMS or email",
 *   kept by the writer, for the screens and reports that read it.
 * - The pull cursor table learns the `consent` stream (SQLite cannot alter a CHECK: rebuilt).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'consent ledger',
  up: `
    CREATE TABLE consent_event (
      id TEXT PRIMARY KEY,
      member_id TEXT NOT NULL REFERENCES member(id),
      channel TEXT NOT NULL
        CHECK (channel IN ('sms', 'email', 'phone_call', 'messaging_app', 'post')),
      purpose TEXT NOT NULL CHECK (purpose IN ('marketing', 'profiling', 'feedback', 'birthday')),
      answer TEXT NOT NULL CHECK (answer IN ('granted', 'withdrawn')),
      at TEXT NOT NULL,
      hlc TEXT NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('terminal', 'head_office')),
      store_id TEXT,
      terminal_id TEXT,
      staff_id TEXT,
      method TEXT NOT NULL
        CHECK (method IN ('display_tap', 'cashier_verbal', 'imported', 'unsubscribe')),
      wording_version INTEGER CHECK (wording_version IS NULL OR wording_version >= 1),
      language TEXT NOT NULL CHECK (language IN ('en', 'zh-Hant', 'zh-Hans'))
    ) STRICT;
    CREATE INDEX consent_event_member ON consent_event(member_id, hlc);
    CREATE TRIGGER consent_event_append_only_u BEFORE UPDATE ON consent_event
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
    CREATE TRIGGER consent_event_append_only_d BEFORE DELETE ON consent_event
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;

    CREATE TABLE consent_current (
      member_id TEXT NOT NULL REFERENCES member(id),
      channel TEXT NOT NULL,
      purpose TEXT NOT NULL,
      answer TEXT NOT NULL CHECK (answer IN ('granted', 'withdrawn')),
      event_id TEXT NOT NULL REFERENCES consent_event(id),
      hlc TEXT NOT NULL,
      PRIMARY KEY (member_id, channel, purpose)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE consent_wording (
      purpose TEXT NOT NULL CHECK (purpose IN ('marketing', 'profiling', 'feedback', 'birthday')),
      version INTEGER NOT NULL CHECK (version >= 1),
      language TEXT NOT NULL CHECK (language IN ('en', 'zh-Hant', 'zh-Hans')),
      text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
      published_at TEXT NOT NULL,
      PRIMARY KEY (purpose, version, language)
    ) STRICT;
    INSERT INTO consent_wording (purpose, version, language, text, published_at) VALUES
      ('marketing', 1, 'en', 'May we send you offers and news about our shops?', '2026-01-01T00:00:00.000Z'),
      ('marketing', 1, 'zh-Hant', '我們可否向您發送本店的優惠及消息？', '2026-01-01T00:00:00.000Z'),
      ('marketing', 1, 'zh-Hans', '我们可否向您发送本店的优惠及消息？', '2026-01-01T00:00:00.000Z'),
      ('profiling', 1, 'en', 'May we use what you buy to choose offers for you?', '2026-01-01T00:00:00.000Z'),
      ('profiling', 1, 'zh-Hant', '我們可否根據您的購物紀錄為您挑選優惠？', '2026-01-01T00:00:00.000Z'),
      ('profiling', 1, 'zh-Hans', '我们可否根据您的购物记录为您挑选优惠？', '2026-01-01T00:00:00.000Z'),
      ('feedback', 1, 'en', 'May we contact you to ask about your visits?', '2026-01-01T00:00:00.000Z'),
      ('feedback', 1, 'zh-Hant', '我們可否聯絡您，了解您的購物體驗？', '2026-01-01T00:00:00.000Z'),
      ('feedback', 1, 'zh-Hans', '我们可否联系您，了解您的购物体验？', '2026-01-01T00:00:00.000Z'),
      ('birthday', 1, 'en', 'May we send you birthday greetings?', '2026-01-01T00:00:00.000Z'),
      ('birthday', 1, 'zh-Hant', '我們可否向您送上生日祝福？', '2026-01-01T00:00:00.000Z'),
      ('birthday', 1, 'zh-Hans', '我们可否向您送上生日祝福？', '2026-01-01T00:00:00.000Z');

    INSERT INTO consent_event (id, member_id, channel, purpose, answer, at, hlc, origin,
      store_id, terminal_id, staff_id, method, wording_version, language)
    SELECT 'imported:' || c.channel || ':' || m.member_answer || ':' || m.id, m.id, c.channel,
      'marketing', m.member_answer, coalesce(m.consent_at, m.enrolled_at), m.flag_hlc, 'terminal',
      m.enrolled_store_id, m.consent_terminal_id, NULL, 'imported', NULL, m.preferred_language
    FROM (SELECT id, consent_at, enrolled_at, enrolled_store_id, consent_terminal_id,
            preferred_language,
            CASE marketing_consent WHEN 1 THEN 'granted' ELSE 'withdrawn' END AS member_answer,
            coalesce(json_extract(field_hlc, '$.marketingConsent'), hlc) AS flag_hlc
          FROM member) AS m,
         (SELECT 'sms' AS channel UNION ALL SELECT 'email') AS c;
    INSERT INTO consent_current (member_id, channel, purpose, answer, event_id, hlc)
    SELECT member_id, channel, purpose, answer, id, hlc FROM consent_event;

    CREATE TABLE sync_cursor_v13 (
      stream TEXT PRIMARY KEY
        CHECK (stream IN ('members', 'balances', 'coupons', 'config', 'consent')),
      cursor INTEGER NOT NULL CHECK (cursor >= 0)
    ) STRICT;
    INSERT INTO sync_cursor_v13 (stream, cursor) SELECT stream, cursor FROM sync_cursor;
    DROP TABLE sync_cursor;
    ALTER TABLE sync_cursor_v13 RENAME TO sync_cursor;
  `,
};
