import type { Migration } from '../migration';

/**
 * Head office's first schema. Plain PostgreSQL 15 SQL that PGlite runs too.
 * Times written by head office are timestamptz; times a terminal wrote travel as the text it sent.
 * Money is bigint minor units and points are bigint; neither is ever a float.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'stores, terminals, sync log, members, points, sales, streams, exceptions',
  up: `
    CREATE TABLE store (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL
    );

    CREATE TABLE terminal (
      id uuid PRIMARY KEY,
      store_id uuid NOT NULL REFERENCES store (id),
      name text NOT NULL,
      number integer NOT NULL UNIQUE CHECK (number BETWEEN 10000 AND 99999),
      credential_hash text NOT NULL UNIQUE,
      app_version text NOT NULL,
      high_water_mark bigint NOT NULL DEFAULT 0 CHECK (high_water_mark >= 0),
      enrolled_at timestamptz NOT NULL,
      last_seen_at timestamptz,
      revoked_at timestamptz,
      revoked_by text,
      configured jsonb,
      configured_at timestamptz
    );
    CREATE INDEX terminal_store ON terminal (store_id);

    CREATE TABLE enrollment_code (
      code_hash text PRIMARY KEY,
      store_id uuid NOT NULL REFERENCES store (id),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      used_by_terminal_id uuid REFERENCES terminal (id),
      CHECK ((used_at IS NULL) = (used_by_terminal_id IS NULL))
    );

    CREATE TABLE admin_token (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz
    );

    -- Every operation a terminal pushed, with the answer it got: a repeat gets the same answer.
    CREATE TABLE sync_op (
      terminal_id uuid NOT NULL REFERENCES terminal (id),
      seq bigint NOT NULL CHECK (seq >= 1),
      op_id uuid NOT NULL UNIQUE,
      type text NOT NULL,
      hlc text NOT NULL,
      staff_id uuid NOT NULL,
      created_at text NOT NULL,
      payload jsonb NOT NULL,
      outcome jsonb NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (terminal_id, seq)
    );

    CREATE TABLE member (
      id uuid PRIMARY KEY,
      card_number text NOT NULL,
      name text NOT NULL,
      phone_e164 text NOT NULL,
      phone_national text NOT NULL,
      email text,
      birthday text,
      marketing_consent boolean NOT NULL,
      consent_at text,
      consent_terminal_id uuid,
      enrolled_at text NOT NULL,
      enrolled_store_id uuid NOT NULL REFERENCES store (id),
      enrolled_store_name text NOT NULL,
      enrolled_terminal_id uuid NOT NULL REFERENCES terminal (id),
      enrolled_staff_id uuid NOT NULL,
      enrolled_op_id uuid NOT NULL,
      -- Duplicate enrollment: the later member points at the one that arrived first.
      merged_into uuid REFERENCES member (id),
      merged_at timestamptz,
      -- Last writer wins per field: each field keeps the clock of the edit that set it.
      name_hlc text NOT NULL,
      email_hlc text NOT NULL,
      birthday_hlc text NOT NULL,
      marketing_consent_hlc text NOT NULL,
      hlc text NOT NULL,
      arrived_at timestamptz NOT NULL,
      CHECK (merged_into IS NULL OR merged_into <> id),
      CHECK ((merged_into IS NULL) = (merged_at IS NULL))
    );
    CREATE UNIQUE INDEX member_phone_unmerged ON member (phone_e164) WHERE merged_into IS NULL;
    CREATE INDEX member_card ON member (card_number);
    CREATE INDEX member_merged_into ON member (merged_into) WHERE merged_into IS NOT NULL;

    -- The points ledger: append-only, member as the terminal sent it (merges resolve on read).
    CREATE TABLE points_entry (
      id uuid PRIMARY KEY,
      member_id uuid NOT NULL,
      kind text NOT NULL,
      points bigint NOT NULL,
      sale_id uuid,
      reverses_id uuid,
      terminal_id uuid NOT NULL REFERENCES terminal (id),
      op_id uuid NOT NULL,
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX points_entry_member ON points_entry (member_id);
    CREATE INDEX points_entry_sale ON points_entry (sale_id) WHERE sale_id IS NOT NULL;

    -- Cached balance per surviving member, moved in the same transaction as its entries.
    CREATE TABLE member_balance (
      member_id uuid PRIMARY KEY,
      points bigint NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE sale (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('sale', 'refund')),
      refund_of uuid,
      number text NOT NULL,
      member_id uuid,
      currency text,
      total_minor bigint NOT NULL,
      redeem_value_minor bigint,
      paid_minor bigint,
      points_redeemed bigint NOT NULL,
      points_earned bigint NOT NULL,
      lines jsonb NOT NULL,
      reason text,
      offline boolean NOT NULL,
      store_id uuid NOT NULL REFERENCES store (id),
      terminal_id uuid NOT NULL REFERENCES terminal (id),
      staff_id uuid NOT NULL,
      op_id uuid NOT NULL,
      created_at text NOT NULL,
      recorded_at timestamptz NOT NULL,
      CHECK ((kind = 'refund') = (refund_of IS NOT NULL))
    );
    CREATE INDEX sale_store_recorded ON sale (store_id, recorded_at);
    CREATE INDEX sale_member ON sale (member_id) WHERE member_id IS NOT NULL;

    -- One gapless, commit-ordered sequence per pull stream. A writer takes the next number with
    -- UPDATE ... RETURNING and holds the row lock until it commits, so numbers commit in order.
    CREATE TABLE stream_counter (
      stream text PRIMARY KEY,
      seq bigint NOT NULL CHECK (seq >= 0)
    );
    INSERT INTO stream_counter (stream, seq)
    VALUES ('members', 0), ('balances', 0), ('coupons', 0), ('config', 0);

    CREATE TABLE change_log (
      stream text NOT NULL REFERENCES stream_counter (stream),
      seq bigint NOT NULL CHECK (seq >= 1),
      entity_id text NOT NULL,
      data jsonb NOT NULL,
      recorded_at timestamptz NOT NULL,
      PRIMARY KEY (stream, seq)
    );

    CREATE TABLE program_config (
      id integer PRIMARY KEY CHECK (id = 1),
      data jsonb NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL
    );

    -- What a manager must look at: overdrafts, coupons redeemed twice, merges, unknown members.
    CREATE TABLE exception_case (
      id uuid PRIMARY KEY,
      -- In the order raised; also a short reference for people ("exception 42").
      number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      kind text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'resolved')),
      raised_at timestamptz NOT NULL,
      store_id uuid,
      terminal_id uuid,
      op_id uuid,
      member_id uuid,
      sale_id uuid,
      facts jsonb NOT NULL,
      resolution text CHECK (resolution IN ('write_off', 'charge_back', 'reverse')),
      resolution_note text,
      resolved_by text,
      resolved_at timestamptz,
      CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
      CHECK ((status = 'resolved') = (resolution IS NOT NULL)),
      CHECK ((status = 'resolved') = (resolved_by IS NOT NULL))
    );
    CREATE INDEX exception_case_status ON exception_case (status, number);

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      subject text,
      details jsonb NOT NULL
    );
  `,
};
