import type { Migration } from '../migration';

/**
 * Head office trusts no terminal's arithmetic, and one bad operation never stops a terminal.
 *
 * - terminal_program: every program version a terminal's manager set (its `program.updated`
 *   operations), so head office can price a terminal's sale again with the program it was rung up
 *   with. The versions already received are copied from sync_op.
 * - terminal.prices_with_program: set once a terminal names the program version of a sale; from
 *   then on a sale without one is not taken on trust.
 * - coupon.voided_at / voided_by_refund: a next-order coupon voided because its sale was refunded
 *   in full; terminals learn it on the coupons stream.
 * - The `approve` resolution: an adjustment held beyond the program's limit is applied when an
 *   admin approves it.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'trusted figures, rejected operations, coupon voids',
  up: `
    CREATE TABLE terminal_program (
      terminal_id uuid NOT NULL REFERENCES terminal (id),
      version integer NOT NULL CHECK (version >= 0),
      program jsonb NOT NULL,
      recorded_at timestamptz NOT NULL,
      PRIMARY KEY (terminal_id, version)
    );
    INSERT INTO terminal_program (terminal_id, version, program, recorded_at)
    SELECT terminal_id, (payload->>'version')::integer, payload->'program', received_at
    FROM sync_op
    WHERE type = 'program.updated' AND payload->>'version' ~ '^[0-9]{1,9}$'
      AND payload ? 'program'
    ON CONFLICT DO NOTHING;

    ALTER TABLE terminal ADD COLUMN prices_with_program boolean NOT NULL DEFAULT false;

    ALTER TABLE coupon ADD COLUMN voided_at timestamptz;
    ALTER TABLE coupon ADD COLUMN voided_by_refund uuid;
    ALTER TABLE coupon ADD CONSTRAINT coupon_voided_by_refund
      CHECK ((voided_at IS NULL) = (voided_by_refund IS NULL));

    ALTER TABLE exception_case DROP CONSTRAINT exception_case_resolution_check;
    ALTER TABLE exception_case ADD CONSTRAINT exception_case_resolution_check
      CHECK (resolution IN ('write_off', 'charge_back', 'reverse', 'acknowledge', 'approve'));
  `,
};
