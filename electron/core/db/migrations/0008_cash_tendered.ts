import type { Migration } from '../migrate';

/**
 * Cash tendered at the counter.
 *
 * The cashier may type what the customer handed over for a cash sale; the receipt prints it with
 * the change, on the day and on every reprint, so it is kept beside the sale's tender. Change is
 * not stored: it is always received − the sale's paid amount. Only a cash sale has a received
 * amount, and never less than what was due; the trigger holds that against the sale row, which
 * is written before its shift row in the same transaction. Rows from before stay NULL.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'cash tendered',
  up: `
    ALTER TABLE shift_sale ADD COLUMN cash_received_minor INTEGER
      CHECK (cash_received_minor IS NULL OR (tender = 'cash' AND cash_received_minor >= 0));
    CREATE TRIGGER shift_sale_cash_covers_due BEFORE INSERT ON shift_sale
    WHEN NEW.cash_received_minor IS NOT NULL
      AND NEW.cash_received_minor < (SELECT paid_minor FROM sale WHERE id = NEW.sale_id)
    BEGIN SELECT RAISE(ABORT, 'cash received is less than the amount due'); END;
  `,
};
