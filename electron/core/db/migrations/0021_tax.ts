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
 */
export const migration0021: Migration = {
  version: 21,
  name: 'tax',
  up: `
    CREATE TABLE store_tax (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      mode TEXT NOT NULL CHECK (mode IN ('none', 'inclusive', 'exclusive')),
      default_rate_bp INTEGER NOT NULL CHECK (default_rate_bp BETWEEN 0 AND 10000),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES staff(id)
    ) STRICT;

    ALTER TABLE sale ADD COLUMN tax_mode TEXT NOT NULL DEFAULT 'none'
      CHECK (tax_mode IN ('none', 'inclusive', 'exclusive'));
    ALTER TABLE sale ADD COLUMN tax_minor INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sale_line ADD COLUMN tax_rate_bp INTEGER NOT NULL DEFAULT 0
      CHECK (tax_rate_bp BETWEEN 0 AND 10000);
    ALTER TABLE sale_line ADD COLUMN tax_minor INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE catalogue_item ADD COLUMN tax_rate_bp INTEGER
      CHECK (tax_rate_bp BETWEEN 0 AND 10000);
  `,
};
