import type { Migration } from '../migrate';

/**
 * The loyalty program: its configuration, coupons and their uses, gift cards and their
 * stored-value ledger, tier changes, referral rewards and the audit trail. Uses, stored-value
 * entries, tier changes and the audit trail are append-only.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'loyalty program',
  up: `
    CREATE TABLE program (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      config TEXT NOT NULL CHECK (json_valid(config)),
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT;

    CREATE TABLE coupon (
      coupon_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      code TEXT NOT NULL UNIQUE,
      campaign_id TEXT NOT NULL,
      -- No foreign key: a coupon learned from head office may name a member not pulled yet.
      member_id TEXT,
      valid_from TEXT,
      valid_to TEXT,
      source TEXT NOT NULL CHECK (source IN ('manual', 'welcome', 'birthday', 'next_order')),
      issued_sale_id TEXT REFERENCES sale(id) DEFERRABLE INITIALLY DEFERRED,
      terminal_id TEXT NOT NULL,
      -- Null for coupons learned from head office: their issuing staff is not on this terminal.
      staff_id TEXT REFERENCES staff(id),
      -- Head office's word on the coupon ('issued' or 'redeemed' somewhere in the chain).
      remote_state TEXT CHECK (remote_state IN ('issued', 'redeemed')),
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL
    ) STRICT;
    CREATE INDEX coupon_member ON coupon(member_id, campaign_id) WHERE member_id IS NOT NULL;
    CREATE INDEX coupon_campaign ON coupon(campaign_id, source, created_at);
    CREATE INDEX coupon_issued_sale ON coupon(issued_sale_id) WHERE issued_sale_id IS NOT NULL;

    CREATE TABLE coupon_use (
      use_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      coupon_id TEXT NOT NULL REFERENCES coupon(id),
      kind TEXT NOT NULL CHECK (kind IN ('redeemed', 'returned')),
      sale_id TEXT NOT NULL REFERENCES sale(id) DEFERRABLE INITIALLY DEFERRED,
      discount_minor INTEGER NOT NULL,
      offline INTEGER NOT NULL CHECK (offline IN (0, 1)),
      terminal_id TEXT NOT NULL,
      staff_id TEXT NOT NULL REFERENCES staff(id),
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL
    ) STRICT;
    CREATE INDEX coupon_use_coupon ON coupon_use(coupon_id);
    CREATE INDEX coupon_use_sale ON coupon_use(sale_id);

    CREATE TABLE gift_card (
      card_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      code TEXT NOT NULL UNIQUE,
      currency TEXT NOT NULL,
      balance_minor INTEGER NOT NULL,
      expires_at TEXT,
      sold_sale_id TEXT NOT NULL REFERENCES sale(id) DEFERRABLE INITIALLY DEFERRED,
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL
    ) STRICT;

    CREATE TABLE stored_value_entry (
      entry_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      gift_card_id TEXT NOT NULL REFERENCES gift_card(id),
      kind TEXT NOT NULL CHECK (kind IN ('activate', 'top_up', 'pay', 'refund_pay',
        'refund_activate', 'refund_top_up', 'expire')),
      amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
      sale_id TEXT REFERENCES sale(id) DEFERRABLE INITIALLY DEFERRED,
      terminal_id TEXT NOT NULL,
      staff_id TEXT NOT NULL REFERENCES staff(id),
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL,
      CHECK ((kind IN ('activate', 'top_up', 'refund_pay')) = (amount_minor > 0))
    ) STRICT;
    CREATE INDEX stored_value_card ON stored_value_entry(gift_card_id, entry_no);
    CREATE INDEX stored_value_sale ON stored_value_entry(sale_id) WHERE sale_id IS NOT NULL;

    CREATE TABLE tier_change (
      change_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      member_id TEXT NOT NULL REFERENCES member(id),
      from_tier TEXT,
      to_tier TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('upgrade', 'review')),
      sale_id TEXT REFERENCES sale(id) DEFERRABLE INITIALLY DEFERRED,
      terminal_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL
    ) STRICT;
    CREATE INDEX tier_change_member ON tier_change(member_id, change_no);

    CREATE TABLE referral_reward (
      referee_id TEXT PRIMARY KEY REFERENCES member(id),
      referrer_id TEXT NOT NULL REFERENCES member(id),
      sale_id TEXT NOT NULL REFERENCES sale(id) DEFERRABLE INITIALLY DEFERRED,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE audit_log (
      audit_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      action TEXT NOT NULL,
      subject_type TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      staff_id TEXT NOT NULL REFERENCES staff(id),
      approved_by TEXT REFERENCES staff(id),
      terminal_id TEXT NOT NULL,
      before TEXT CHECK (before IS NULL OR json_valid(before)),
      after TEXT CHECK (after IS NULL OR json_valid(after)),
      reason TEXT,
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_subject ON audit_log(subject_type, subject_id, audit_no);

    CREATE TRIGGER coupon_use_append_only_u BEFORE UPDATE ON coupon_use
    BEGIN SELECT RAISE(ABORT, 'coupon uses are append-only'); END;
    CREATE TRIGGER coupon_use_append_only_d BEFORE DELETE ON coupon_use
    BEGIN SELECT RAISE(ABORT, 'coupon uses are append-only'); END;
    CREATE TRIGGER stored_value_append_only_u BEFORE UPDATE ON stored_value_entry
    BEGIN SELECT RAISE(ABORT, 'stored value is append-only'); END;
    CREATE TRIGGER stored_value_append_only_d BEFORE DELETE ON stored_value_entry
    BEGIN SELECT RAISE(ABORT, 'stored value is append-only'); END;
    CREATE TRIGGER tier_change_append_only_u BEFORE UPDATE ON tier_change
    BEGIN SELECT RAISE(ABORT, 'tier changes are append-only'); END;
    CREATE TRIGGER tier_change_append_only_d BEFORE DELETE ON tier_change
    BEGIN SELECT RAISE(ABORT, 'tier changes are append-only'); END;
    CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
};
