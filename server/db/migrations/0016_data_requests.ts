import type { Migration } from '../migration';

/**
 * Data-subject requests and erasure (issue 14 §2).
 *
 * - privacy_policy: one row, the days a request may take (40 under the PDPO) and the years of
 *   inactivity after which the retention job anonymises a member (null: never).
 * - data_request: access, correction and erasure requests with their received and due days and
 *   status. The note is free text and is cleared when the member is erased.
 * - member_erasure: one row per erased member, append-only; who asked and who approved (two
 *   different people), or the retention policy. The member row stays, its personal fields empty.
 * - member.erased_at marks an erased member: pushes that still carry their old data change
 *   nothing of it. Their emptied phone leaves the one-phone-per-member index.
 * - The erasures stream, which terminals pull to scrub their copies.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'data requests and erasure',
  up: `
    CREATE TABLE privacy_policy (
      id integer PRIMARY KEY CHECK (id = 1),
      request_deadline_days integer NOT NULL CHECK (request_deadline_days BETWEEN 1 AND 365),
      retention_years integer CHECK (retention_years IS NULL OR retention_years BETWEEN 1 AND 100),
      retention_notice_days integer NOT NULL CHECK (retention_notice_days BETWEEN 1 AND 365),
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL
    );
    INSERT INTO privacy_policy VALUES (1, 40, NULL, 30, now(), 'head office');

    ALTER TABLE member ADD COLUMN erased_at timestamptz;
    DROP INDEX member_phone_unmerged;
    CREATE UNIQUE INDEX member_phone_unmerged ON member (phone_e164)
      WHERE merged_into IS NULL AND erased_at IS NULL;

    CREATE TABLE data_request (
      id uuid PRIMARY KEY,
      number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      kind text NOT NULL CHECK (kind IN ('access', 'correction', 'erasure')),
      member_id uuid NOT NULL REFERENCES member (id),
      received_on date NOT NULL,
      due_on date NOT NULL CHECK (due_on >= received_on),
      status text NOT NULL CHECK (status IN ('open', 'in_progress', 'completed', 'rejected')),
      note text,
      requested_by text NOT NULL,
      approved_by text,
      created_at timestamptz NOT NULL,
      closed_at timestamptz,
      CHECK ((status IN ('completed', 'rejected')) = (closed_at IS NOT NULL)),
      CHECK (approved_by IS NULL OR (kind = 'erasure' AND approved_by <> requested_by))
    );
    CREATE INDEX data_request_open ON data_request (due_on) WHERE closed_at IS NULL;
    CREATE INDEX data_request_member ON data_request (member_id);

    CREATE TABLE member_erasure (
      member_id uuid PRIMARY KEY REFERENCES member (id),
      request_id uuid REFERENCES data_request (id),
      reason text NOT NULL CHECK (reason IN ('request', 'retention')),
      requested_by text NOT NULL,
      approved_by text NOT NULL,
      erased_at timestamptz NOT NULL,
      CHECK (reason = 'retention' OR approved_by <> requested_by)
    );
    CREATE FUNCTION member_erasure_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'erasures are irreversible';
    END
    $fn$;
    CREATE TRIGGER member_erasure_append_only BEFORE UPDATE OR DELETE ON member_erasure
      FOR EACH ROW EXECUTE FUNCTION member_erasure_append_only();

    INSERT INTO stream_counter (stream, seq) VALUES ('erasures', 0);
  `,
};
