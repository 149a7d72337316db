import type { Migration } from '../migrate';

/**
 * Sales tax (issue 16 §2; the rules are shared/rules/tax.ts):
 * - store_tax: the store's mode and default rate, one row, who set it and when. No row: no tax,
 *   as every till before this one.
 * - each sale and sale line records the tax it was rung up with (a refund's negative), so a
 *   receipt, a refund and the X/Z reports read it back rather than work it out again under a
 *   setting that may have changed since. Every earlier sale had none.
 * - a catalogue item keeps its tax class's rate as head office sent it (null: the store's
 *   default).
 *
 * The sale row's CHECK said total = subtotal − discount; with tax added at the till the total is
 * that plus the tax. SQLite cannot alter a CHECK, so the table is rebuilt (SQLite's twelve-step
 * procedure: foreign keys off, new table, copy, drop, rename, indexes and triggers again, then
 * foreign_key_check; see migrate.ts). The one trigger elsewhere that reads `sale` is dropped
 * first and made again after: a rename refuses a schema whose triggers name a missing table.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'tax',
  rebuildsReferencedTable: true,
  up: `
    CREATE TABLE store_tax (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      mode TEXT NOT NULL CHECK (mode IN ('none', 'inclusive', 'exclusive')),
      default_rate_bp INTEGER NOT NULL CHECK (default_rate_bp BETWEEN 0 AND 10000),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES staff(id)
    ) STRICT;

    DROP TRIGGER shift_sale_cash_covers_due;

    CREATE TABLE sale_v21 (
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
      points_shortfall INTEGER NOT NULL DEFAULT 0
        CHECK (points_shortfall <= 0 AND (kind = 'refund' OR points_shortfall = 0)),
      offer_campaign_id TEXT,
      offer_variant_id TEXT,
      offer_campaign_name TEXT,
      offer_percent INTEGER CHECK (offer_percent IS NULL OR offer_percent BETWEEN 101 AND 1000),
      tax_mode TEXT NOT NULL DEFAULT 'none' CHECK (tax_mode IN ('none', 'inclusive', 'exclusive')),
      tax_minor INTEGER NOT NULL DEFAULT 0,
      CHECK ((kind = 'sale') = (refund_of IS NULL)),
      CHECK (total_minor = subtotal_minor - discount_minor
        + CASE tax_mode WHEN 'exclusive' THEN tax_minor ELSE 0 END),
      CHECK (paid_minor = total_minor - redeem_value_minor - gift_card_minor - points_shortfall_minor),
      CHECK (tax_mode <> 'none' OR tax_minor = 0),
      CHECK (kind = 'refund' OR (total_minor >= 0 AND paid_minor >= 0 AND points_redeemed >= 0
        AND points_earned >= 0 AND discount_minor >= 0 AND gift_card_minor >= 0
        AND points_shortfall_minor = 0 AND tax_minor >= 0)),
      CHECK (kind = 'sale' OR (total_minor <= 0 AND paid_minor <= 0 AND points_redeemed <= 0
        AND points_earned <= 0 AND discount_minor <= 0 AND gift_card_minor <= 0
        AND points_shortfall_minor <= 0 AND tax_minor <= 0))
    ) STRICT;
    INSERT INTO sale_v21 (sale_no, id, number, kind, refund_of, member_id, currency,
      subtotal_minor, discount_minor, total_minor, points_redeemed, redeem_value_minor,
      gift_card_minor, paid_minor, earn_base_minor, points_earned, points_pending,
      points_shortfall_minor, balance_after, pending_after, debt_after, tier_before, tier_after,
      reason, offline, store_id, terminal_id, staff_id, created_at, hlc, points_shortfall,
      offer_campaign_id, offer_variant_id, offer_campaign_name, offer_percent)
    SELECT sale_no, id, number, kind, refund_of, member_id, currency,
      subtotal_minor, discount_minor, total_minor, points_redeemed, redeem_value_minor,
      gift_card_minor, paid_minor, earn_base_minor, points_earned, points_pending,
      points_shortfall_minor, balance_after, pending_after, debt_after, tier_before, tier_after,
      reason, offline, store_id, terminal_id, staff_id, created_at, hlc, points_shortfall,
      offer_campaign_id, offer_variant_id, offer_campaign_name, offer_percent
    FROM sale ORDER BY sale_no;
    DROP TABLE sale;
    ALTER TABLE sale_v21 RENAME TO sale;

    CREATE INDEX sale_refund_of ON sale(refund_of) WHERE refund_of IS NOT NULL;
    CREATE INDEX sale_member ON sale(member_id, sale_no) WHERE member_id IS NOT NULL;
    CREATE INDEX sale_created ON sale(created_at);
    CREATE INDEX sale_member_spend ON sale(member_id, created_at, earn_base_minor)
      WHERE member_id IS NOT NULL;
    CREATE TRIGGER sale_append_only_u BEFORE UPDATE ON sale
    BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
    CREATE TRIGGER sale_append_only_d BEFORE DELETE ON sale
    BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
    CREATE TRIGGER shift_sale_cash_covers_due BEFORE INSERT ON shift_sale
    WHEN NEW.cash_received_minor IS NOT NULL
      AND NEW.cash_received_minor < (SELECT paid_minor FROM sale WHERE id = NEW.sale_id)
    BEGIN SELECT RAISE(ABORT, 'cash received is less than the amount due'); END;

    ALTER TABLE sale_line ADD COLUMN tax_rate_bp INTEGER NOT NULL DEFAULT 0
      CHECK (tax_rate_bp BETWEEN 0 AND 10000);
    ALTER TABLE sale_line ADD COLUMN tax_minor INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE catalogue_item ADD COLUMN tax_rate_bp INTEGER
      CHECK (tax_rate_bp BETWEEN 0 AND 10000);
  `,
};
