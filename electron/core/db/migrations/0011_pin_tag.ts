import type { Migration } from '../migrate';

/**
 * PINs found by a keyed tag (staff/pin.ts).
 *
 * `pin_tag` is HMAC-SHA256 of the PIN under the terminal's pepper, which lives outside the
 * ledger. Unique among active staff, so a PIN names one person and sign-in is one index probe.
 * `pin_hash` keeps the slow scrypt hashes of ledgers written before this migration until each
 * owner's next sign-in replaces theirs with a tag; a new PIN is never written there.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'pin tag',
  up: `
    ALTER TABLE staff ADD COLUMN pin_tag TEXT;
    CREATE UNIQUE INDEX staff_active_pin_tag ON staff (pin_tag)
      WHERE deactivated_at IS NULL AND pin_tag IS NOT NULL;
  `,
};
