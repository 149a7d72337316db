import type { Migration } from '../migrate';

/**
 * Sync with head office: the terminal's enrollment, per-stream pull cursors, head office's view
 * of each member's balance (as of this terminal's acknowledged operations), merges learned from
 * head office, per-field clocks for last-writer-wins profile edits, and what head office
 * answered about operations it compensated.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'sync with head office',
  up: `
    CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      server_url TEXT,
      enrolled_at TEXT,
      last_attempt_at TEXT,
      last_success_at TEXT,
      last_error TEXT,
      last_error_code TEXT CHECK (last_error_code IN ('unreachable', 'refused', 'rejected',
        'server_trouble', 'unreadable')),
      last_error_at TEXT,
      high_water_mark INTEGER NOT NULL DEFAULT 0,
      server_offset_ms INTEGER NOT NULL DEFAULT 0,
      catch_up_total INTEGER NOT NULL DEFAULT 0,
      remote_terminal_id TEXT,
      remote_store_id TEXT
    ) STRICT;
    INSERT INTO sync_state (id) VALUES (1);

    CREATE TABLE sync_cursor (
      stream TEXT PRIMARY KEY CHECK (stream IN ('members', 'balances', 'coupons', 'config')),
      cursor INTEGER NOT NULL CHECK (cursor >= 0)
    ) STRICT;

    -- Head office's balance for a member, which includes this terminal's operations up to
    -- as_of_seq; local_included is what this terminal's own entries up to there add up to, so
    -- the balance to show is points + (local ledger sum - local_included).
    CREATE TABLE member_remote (
      member_id TEXT PRIMARY KEY,
      points INTEGER NOT NULL,
      as_of_seq INTEGER NOT NULL,
      local_included INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE sync_compensation (
      seq INTEGER PRIMARY KEY REFERENCES outbox(seq),
      kind TEXT NOT NULL,
      message TEXT NOT NULL,
      exception_id TEXT,
      received_at TEXT NOT NULL
    ) STRICT;

    ALTER TABLE member ADD COLUMN merged_into TEXT;
    ALTER TABLE member ADD COLUMN field_hlc TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_hlc));
    ALTER TABLE member ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'head_office'));
    CREATE INDEX outbox_hlc ON outbox(hlc);
    ALTER TABLE sync_state ADD COLUMN offline_policy TEXT CHECK (offline_policy IS NULL OR json_valid(offline_policy));
    ALTER TABLE sync_state ADD COLUMN config_version INTEGER NOT NULL DEFAULT 0;
  `,
};
