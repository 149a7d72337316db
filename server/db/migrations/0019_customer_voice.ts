import type { Migration } from '../migration';

/**
 * Customer voice at head office (issue 13 §2–§4), the twin of the terminal's customer-voice
 * migration.
 *
 * - feedback: every answer to the closing question from every store, append-only, one row per
 *   id (a push delivered twice stores it once). `follow_up_due_at` is set for detractors.
 * - complaint_event: every complaint event from the stores and from head office, append-only.
 * - complaint: the fold of each complaint's events (shared/rules/complaint.ts), rewritten by the
 *   one writer (server/voice) whenever an event is added: what the complaints queue filters on.
 * - The `complaints` pull stream carries every complaint event, so head office's answers reach
 *   the store.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'customer voice',
  up: `
    CREATE TABLE feedback (
      id uuid PRIMARY KEY,
      sale_id uuid,
      member_id uuid,
      scale text NOT NULL CHECK (scale IN ('nps', 'csat')),
      score integer NOT NULL CHECK (
        (scale = 'nps' AND score BETWEEN 0 AND 10) OR (scale = 'csat' AND score BETWEEN 1 AND 5)),
      reasons text[] NOT NULL,
      comment text NOT NULL,
      store_id uuid NOT NULL,
      terminal_id uuid NOT NULL,
      staff_id uuid,
      at timestamptz NOT NULL,
      hlc text NOT NULL,
      follow_up_due_at timestamptz,
      op_id uuid,
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX feedback_store_at ON feedback (store_id, at);
    CREATE INDEX feedback_at ON feedback (at);

    CREATE FUNCTION voice_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END
    $fn$;
    CREATE TRIGGER feedback_append_only BEFORE UPDATE OR DELETE ON feedback
      FOR EACH ROW EXECUTE FUNCTION voice_append_only();

    CREATE TABLE complaint_event (
      id uuid PRIMARY KEY,
      complaint_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('opened', 'acknowledged', 'started', 'responded',
        'escalated', 'assigned', 'resolved', 'closed', 'reopened', 'goodwill')),
      at text NOT NULL,
      hlc text NOT NULL,
      origin text NOT NULL CHECK (origin IN ('terminal', 'head_office')),
      store_id uuid,
      terminal_id uuid,
      by text,
      note text NOT NULL,
      details jsonb,
      assignee text,
      goodwill jsonb,
      op_id uuid,
      recorded_at timestamptz NOT NULL,
      CHECK ((kind = 'opened') = (details IS NOT NULL))
    );
    CREATE INDEX complaint_event_complaint ON complaint_event (complaint_id);
    CREATE TRIGGER complaint_event_append_only BEFORE UPDATE OR DELETE ON complaint_event
      FOR EACH ROW EXECUTE FUNCTION voice_append_only();

    CREATE TABLE complaint (
      id uuid PRIMARY KEY,
      ticket text NOT NULL,
      store_id uuid,
      member_id uuid,
      category text NOT NULL,
      severity text NOT NULL,
      status text NOT NULL,
      escalated boolean NOT NULL,
      assignee text,
      opened_at timestamptz NOT NULL,
      first_response_at timestamptz,
      resolved_at timestamptz,
      first_response_due_at timestamptz NOT NULL,
      resolution_due_at timestamptz NOT NULL,
      goodwill_points integer NOT NULL,
      goodwill_cost_minor bigint NOT NULL,
      search_text text NOT NULL,
      state jsonb NOT NULL
    );
    CREATE INDEX complaint_queue ON complaint (status, opened_at);
    CREATE INDEX complaint_store ON complaint (store_id, opened_at);

    INSERT INTO stream_counter (stream, seq) VALUES ('complaints', 0);
  `,
};
