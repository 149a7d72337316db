import type { Migration } from '../migrate';

/**
 * Refunds that add up exactly, in parts as in whole.
 *
 * - `sale.points_shortfall`: the earned points a refund could not take back because the member
 *   had spent them (policy "reduce cash"; 0 or negative on a refund). Their money value is kept
 *   back cumulatively: ceil(all shortfall points so far × rate) − what earlier parts kept, so
 *   refunding in thirds keeps back no more than one full refund. Rows from before hold 0.
 * - `points_entry.returns_lot_id`: on a `reverse_redeem`, the lot the redemption had spent these
 *   points from. `lot_id` is where they go back to. The two differ when that lot's own points
 *   were taken back by a refund that had to take them from another lot (the lot that "paid for
 *   the reversal"): the returned points then go back to that lot, with its expiry, so a refund of
 *   the other sale later finds them there and never takes the same points twice.
 * - `coupon_void`: a next-order coupon voided because the sale that earned it was refunded in
 *   full (or voided at head office). Append-only, one per coupon.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'refund allocation',
  up: `
    ALTER TABLE sale ADD COLUMN points_shortfall INTEGER NOT NULL DEFAULT 0
      CHECK (points_shortfall <= 0 AND (kind = 'refund' OR points_shortfall = 0));
    ALTER TABLE points_entry ADD COLUMN returns_lot_id TEXT REFERENCES points_entry(id)
      CHECK (returns_lot_id IS NULL OR kind = 'reverse_redeem');
    CREATE INDEX points_entry_returns_lot ON points_entry(returns_lot_id)
      WHERE returns_lot_id IS NOT NULL;

    CREATE TABLE coupon_void (
      coupon_id TEXT PRIMARY KEY REFERENCES coupon(id),
      -- The refund that voided it here; null when head office said so.
      refund_id TEXT REFERENCES sale(id) DEFERRABLE INITIALLY DEFERRED,
      reason TEXT NOT NULL CHECK (reason IN ('sale_refunded')),
      terminal_id TEXT NOT NULL,
      staff_id TEXT REFERENCES staff(id),
      created_at TEXT NOT NULL,
      hlc TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER coupon_void_append_only_u BEFORE UPDATE ON coupon_void
    BEGIN SELECT RAISE(ABORT, 'coupon voids are append-only'); END;
    CREATE TRIGGER coupon_void_append_only_d BEFORE DELETE ON coupon_void
    BEGIN SELECT RAISE(ABORT, 'coupon voids are append-only'); END;
  `,
};
