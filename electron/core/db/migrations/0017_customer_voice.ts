import type { Migration } from '../migrate';

/**
 * Customer voice (issue 13 §2–§3).
 *
 * - `feedback`: each answer to the closing question, append-only (triggers refuse UPDATE and
 *   DELETE). Reason tags are a JSON array of tag keys.
 * - `feedback_follow_up`: a detractor's follow-up for the store manager: due at, and when it was
 *   done, by whom, with a note. A task, not a fact: closing it updates the row.
 * - `complaint_event`: every step of every complaint, append-only, from this terminal or pulled
 *   from head office; the id is unique so an event pulled twice is stored once. The complaint is
 *   the fold of its events (shared/rules/complaint.ts). `member_id` and `ticket` are copied from
 *   the `opened` event so the member screen and the ticket lookup need no JSON.
 * - The pull cursor learns the `complaints` stream (SQLite cannot alter a CHECK: rebuilt).
 */
export const migration0017: Migration = {
  version: 17,
  name: 'customer voice',
  up: `
    CREATE TABLE feedback (
      id TEXT PRIMARY KEY,
      sale_id TEXT,
      member_id TEXT REFERENCES member(id),
      scale TEXT NOT NULL CHECK (scale IN ('nps', 'csat')),
      score INTEGER NOT NULL CHECK (
        (scale = 'nps' AND score BETWEEN 0 AND 10) OR (scale = 'csat' AND score BETWEEN 1 AND 5)),
      reasons TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
      comment TEXT NOT NULL CHECK (length(comment) <= 500),
      store_id TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      staff_id TEXT,
      at TEXT NOT NULL,
      hlc TEXT NOT NULL
    ) STRICT;
    CREATE INDEX feedback_member ON feedback(member_id, at) WHERE member_id IS NOT NULL;
    CREATE INDEX feedback_sale ON feedback(sale_id) WHERE sale_id IS NOT NULL;
    CREATE TRIGGER feedback_append_only_u BEFORE UPDATE ON feedback
    BEGIN SELECT RAISE(ABORT, 'feedback is append-only'); END;
    CREATE TRIGGER feedback_append_only_d BEFORE DELETE ON feedback
    BEGIN SELECT RAISE(ABORT, 'feedback is append-only'); END;

    CREATE TABLE feedback_follow_up (
      feedback_id TEXT PRIMARY KEY REFERENCES feedback(id),
      due_at TEXT NOT NULL,
      done_at TEXT,
      done_by TEXT,
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX feedback_follow_up_open ON feedback_follow_up(due_at) WHERE done_at IS NULL;

    CREATE TABLE complaint_event (
      id TEXT PRIMARY KEY,
      complaint_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('opened', 'acknowledged', 'started', 'responded',
        'escalated', 'assigned', 'resolved', 'closed', 'reopened', 'goodwill')),
      at TEXT NOT NULL,
      hlc TEXT NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('terminal', 'head_office')),
      store_id TEXT,
      terminal_id TEXT,
      by TEXT,
      note TEXT NOT NULL,
      details TEXT CHECK (details IS NULL OR json_valid(details)),
      assignee TEXT,
      goodwill TEXT CHECK (goodwill IS NULL OR json_valid(goodwill)),
      member_id TEXT,
      ticket TEXT,
      CHECK ((kind = 'opened') = (details IS NOT NULL))
    ) STRICT;
    CREATE INDEX complaint_event_complaint ON complaint_event(complaint_id, hlc);
    CREATE INDEX complaint_event_opened ON complaint_event(at) WHERE kind = 'opened';
    CREATE INDEX complaint_event_member ON complaint_event(member_id) WHERE member_id IS NOT NULL;
    CREATE UNIQUE INDEX complaint_event_ticket ON complaint_event(ticket) WHERE ticket IS NOT NULL;
    CREATE TRIGGER complaint_event_append_only_u BEFORE UPDATE ON complaint_event
    BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;
    CREATE TRIGGER complaint_event_append_only_d BEFORE DELETE ON complaint_event
    BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;

    CREATE TABLE sync_cursor_v17 (
      stream TEXT PRIMARY KEY
        CHECK (stream IN ('members', 'balances', 'coupons', 'config', 'consent', 'erasures',
          'offers', 'complaints')),
      cursor INTEGER NOT NULL CHECK (cursor >= 0)
    ) STRICT;
    INSERT INTO sync_cursor_v17 (stream, cursor) SELECT stream, cursor FROM sync_cursor;
    DROP TABLE sync_cursor;
    ALTER TABLE sync_cursor_v17 RENAME TO sync_cursor;
  `,
};
