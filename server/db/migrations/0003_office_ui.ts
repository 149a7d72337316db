import type { Migration } from '../migration';

/**
 * The head-office web UI: admin users who sign in with a name and password, their sessions, what
 * each exception's resolution did to the ledger, and what terminals say is still waiting in their
 * outbox.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'admin users and sessions, exception resolutions, outbox waiting per terminal',
  up: `
    -- People who sign in to the head-office UI. The name is matched without regard to case.
    CREATE TABLE admin_user (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
      -- "scrypt$N$r$p$salt$hash": the cost travels with the hash, so it can be raised later.
      password_hash text NOT NULL,
      language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'zh-Hant', 'zh-Hans')),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      -- Wrong passwords in a row, and until when sign-in is refused after too many.
      failed_sign_ins integer NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
      locked_until timestamptz,
      disabled_at timestamptz
    );
    CREATE UNIQUE INDEX admin_user_name ON admin_user (lower(name));

    -- A signed-in browser. Only a hash of the cookie's secret is kept.
    CREATE TABLE admin_session (
      token_hash text PRIMARY KEY,
      admin_user_id uuid NOT NULL REFERENCES admin_user (id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      last_used_at timestamptz NOT NULL,
      ended_at timestamptz,
      CHECK (expires_at > created_at)
    );
    CREATE INDEX admin_session_user ON admin_session (admin_user_id);

    -- Merges are acknowledged rather than settled: they need no ledger change.
    ALTER TABLE exception_case DROP CONSTRAINT exception_case_resolution_check;
    ALTER TABLE exception_case ADD CONSTRAINT exception_case_resolution_check
      CHECK (resolution IN ('write_off', 'charge_back', 'reverse', 'acknowledge'));

    -- What a resolution did, for the books: the member's balance before and after, the points
    -- head office gave (absorbed as a loss) and the points left owing as a debt. The ledger
    -- entries themselves are in points_entry (op_id = this id) or coupon_use.
    CREATE TABLE exception_resolution (
      id uuid PRIMARY KEY,
      exception_id uuid NOT NULL UNIQUE REFERENCES exception_case (id),
      resolution text NOT NULL,
      member_id uuid,
      balance_before bigint,
      balance_after bigint,
      points_given bigint NOT NULL DEFAULT 0 CHECK (points_given >= 0),
      loss_points bigint NOT NULL DEFAULT 0 CHECK (loss_points >= 0),
      loss_minor bigint NOT NULL DEFAULT 0 CHECK (loss_minor >= 0),
      loss_currency text,
      debt_points bigint NOT NULL DEFAULT 0 CHECK (debt_points >= 0),
      coupon_use_id uuid,
      resolved_by text NOT NULL,
      resolved_at timestamptz NOT NULL
    );

    -- What a terminal last said was still waiting in its outbox (push and pull may carry it).
    -- (last_seen_at says how recent it is).
    ALTER TABLE terminal ADD COLUMN outbox_pending integer CHECK (outbox_pending >= 0);
  `,
};
