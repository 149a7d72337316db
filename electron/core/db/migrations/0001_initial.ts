import type { Migration } from '../migrate';

/**
 * The first ledger: terminal identity, staff, members, sales, the points ledger and the outbox.
 * Ledger tables refuse UPDATE and DELETE at the database level: a correction is a new row.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial ledger',
  up: `
    CREATE TABLE terminal (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      store_id TEXT NOT NULL,
      store_name TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      terminal_name TEXT NOT NULL,
      terminal_number INTEGER NOT NULL CHECK (terminal_number BETWEEN 10000 AND 99999),
      currency TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      locale TEXT NOT NULL,
      phone_country TEXT NOT NULL,
      next_card_seq INTEGER NOT NULL DEFAULT 1,
      next_sale_seq INTEGER NOT NULL DEFAULT 1,
      current_staff_id TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE staff (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
      pin_hash TEXT,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE member (
      member_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      card_number TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      -- Not unique: two offline stores may enroll one phone; head office merges them and the
      -- terminal holds both until it learns the merge. Enrollment refuses a known phone itself.
      phone_e164 TEXT NOT NULL,
      phone_national TEXT NOT NULL,
      email TEXT,
      birthday TEXT,
      marketing_consent INTEGER NOT NULL CHECK (marketing_consent IN (0, 1)),
      consent_at TEXT,
      consent_terminal_id TEXT,
      enrolled_at TEXT NOT NULL,
      enrolled_store_id TEXT NOT NULL,
      enrolled_store_name TEXT NOT NULL,
      enrolled_terminal_id TEXT NOT NULL,
      -- Null for members learned from head office: their enrolling staff is not on this terminal.
      enrolled_by TEXT REFERENCES staff(id),
      points_balance INTEGER NOT NULL DEFAULT 0,
      tier_id TEXT,
      tier_since TEXT,
      referral_code TEXT UNIQUE,
      referred_by TEXT REFERENCES member(id),
      birth_month INTEGER GENERATED ALWAYS AS (CAST(substr(birthday, 6, 2) AS INTEGER)) VIRTUAL,
      hlc TEXT NOT NULL
    ) STRICT;
    CREATE INDEX member_birth_month ON member(birth_month) WHERE birthday IS NOT NULL;
    CREATE INDEX member_phone ON member(phone_e164);

    CREATE VIRTUAL TABLE member_search USING fts5(
      tokens,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TABLE sale (
      sale_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund')),
      refund_of TEXT REFERENCES sale(id),
      member_id TEXT REFERENCES member(id),
      currency TEXT NOT NULL,
      subtotal_minor INTEGER NOT NULL,
      discount_minor INTEGER NOT NULL,
      total_minor INTEGER NOT NULL,
      points_redeemed INTEGER NOT NULL,
      redeem_value_minor INTEGER NOT NULL,
      gift_card_minor INTEGER NOT NULL,
      paid_minor INTEGER NOT NULL,
      earn_base_minor INTEGER NOT NULL,
      points_earned INTEGER NOT NULL,
      points_pending INTEGER NOT NULL,
      points_shortfall_minor INTEGER NOT NULL DEFAULT 0,
      balance_after INTEGER,
      pending_after INTEGER,
      debt_after INTEGER,
      tier_before TEXT,
      tier_after TEXT,
      reason TEXT,
      offline INTEGER NOT NULL DEFAULT 1 CHECK (offline IN (0, 1)),
      store_id TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      staff_id TEXT NOT NULL REFERENCES staff(id),
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL,
      CHECK ((kind = 'sale') = (refund_of IS NULL)),
      CHECK (total_minor = subtotal_minor - discount_minor),
      CHECK (paid_minor = total_minor - redeem_value_minor - gift_card_minor - points_shortfall_minor),
      CHECK (kind = 'refund' OR (total_minor >= 0 AND paid_minor >= 0 AND points_redeemed >= 0
        AND points_earned >= 0 AND discount_minor >= 0 AND gift_card_minor >= 0
        AND points_shortfall_minor = 0)),
      CHECK (kind = 'sale' OR (total_minor <= 0 AND paid_minor <= 0 AND points_redeemed <= 0
        AND points_earned <= 0 AND discount_minor <= 0 AND gift_card_minor <= 0
        AND points_shortfall_minor <= 0))
    ) STRICT;
    CREATE INDEX sale_refund_of ON sale(refund_of) WHERE refund_of IS NOT NULL;
    CREATE INDEX sale_member ON sale(member_id, sale_no) WHERE member_id IS NOT NULL;

    CREATE TABLE sale_line (
      sale_id TEXT NOT NULL REFERENCES sale(id),
      line_no INTEGER NOT NULL,
      description TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      unit_price_minor INTEGER NOT NULL,
      amount_minor INTEGER NOT NULL CHECK (amount_minor = quantity * unit_price_minor),
      sku TEXT,
      category TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('goods', 'gift_card', 'gift_card_topup')),
      discount_minor INTEGER NOT NULL,
      net_minor INTEGER NOT NULL CHECK (net_minor = amount_minor - discount_minor),
      points_earned INTEGER NOT NULL,
      gift_card_code TEXT,
      refunds_line_no INTEGER,
      PRIMARY KEY (sale_id, line_no)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE points_entry (
      entry_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      member_id TEXT NOT NULL REFERENCES member(id),
      kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'reverse_earn', 'reverse_redeem',
        'expire', 'adjust', 'bonus')),
      points INTEGER NOT NULL CHECK (points <> 0),
      -- Deferred: a sale's entries are written before its row, which records the balance after them.
      sale_id TEXT REFERENCES sale(id) DEFERRABLE INITIALLY DEFERRED,
      reverses_id TEXT REFERENCES points_entry(id),
      lot_id TEXT REFERENCES points_entry(id),
      available_at TEXT,
      expires_at TEXT,
      reason TEXT,
      terminal_id TEXT NOT NULL,
      staff_id TEXT NOT NULL REFERENCES staff(id),
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL,
      CHECK (CASE kind
        WHEN 'adjust' THEN 1
        WHEN 'earn' THEN points > 0
        WHEN 'reverse_redeem' THEN points > 0
        WHEN 'bonus' THEN points > 0
        ELSE points < 0 END),
      CHECK ((kind IN ('reverse_earn', 'reverse_redeem')) = (reverses_id IS NOT NULL)),
      CHECK (kind <> 'expire' OR lot_id IS NOT NULL)
    ) STRICT;
    CREATE INDEX points_entry_member ON points_entry(member_id, entry_no);
    CREATE INDEX points_entry_sale ON points_entry(sale_id) WHERE sale_id IS NOT NULL;
    CREATE INDEX points_entry_reverses ON points_entry(reverses_id) WHERE reverses_id IS NOT NULL;
    CREATE UNIQUE INDEX points_entry_expired_once ON points_entry(lot_id) WHERE kind = 'expire';
    CREATE INDEX points_entry_expiry ON points_entry(expires_at) WHERE expires_at IS NOT NULL;

    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY,
      op_id TEXT NOT NULL UNIQUE,
      op_type TEXT NOT NULL,
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      terminal_id TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      created_at TEXT NOT NULL,
      acked_at TEXT
    ) STRICT;
    CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL;

    CREATE TRIGGER outbox_gapless BEFORE INSERT ON outbox
    WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM outbox)
    BEGIN SELECT RAISE(ABORT, 'outbox seq must be gapless'); END;
    CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
    BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted'); END;
    CREATE TRIGGER outbox_only_ack BEFORE UPDATE ON outbox
    WHEN NEW.seq IS NOT OLD.seq OR NEW.op_id IS NOT OLD.op_id OR NEW.payload IS NOT OLD.payload
      OR NEW.op_type IS NOT OLD.op_type OR OLD.acked_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'an outbox row may only be acknowledged, once'); END;

    CREATE TRIGGER points_entry_append_only_u BEFORE UPDATE ON points_entry
    BEGIN SELECT RAISE(ABORT, 'points ledger is append-only'); END;
    CREATE TRIGGER points_entry_append_only_d BEFORE DELETE ON points_entry
    BEGIN SELECT RAISE(ABORT, 'points ledger is append-only'); END;
    CREATE TRIGGER sale_append_only_u BEFORE UPDATE ON sale
    BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
    CREATE TRIGGER sale_append_only_d BEFORE DELETE ON sale
    BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
    CREATE TRIGGER sale_line_append_only_u BEFORE UPDATE ON sale_line
    BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;
    CREATE TRIGGER sale_line_append_only_d BEFORE DELETE ON sale_line
    BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;
  `,
};
