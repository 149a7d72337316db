import type { Migration } from '../migration';

/**
 * Shifts from every terminal, for consolidated cash reports: the float when it opened, and when
 * it closed the cash counted against expected, the note explaining a difference and what the
 * shift took by tender. Written by the push of `shift.opened` and `shift.closed`.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'shifts from terminals',
  up: `
    CREATE TABLE shift (
      id uuid PRIMARY KEY,
      store_id uuid NOT NULL REFERENCES store (id),
      terminal_id uuid NOT NULL REFERENCES terminal (id),
      currency text NOT NULL,
      opened_by uuid NOT NULL,
      opened_at timestamptz NOT NULL,
      float_minor bigint NOT NULL CHECK (float_minor >= 0),
      closed_by uuid,
      approved_by uuid,
      closed_at timestamptz,
      counted_minor bigint CHECK (counted_minor >= 0),
      expected_minor bigint,
      difference_minor bigint,
      note text,
      sale_count integer,
      refund_count integer,
      by_tender jsonb,
      open_op_id uuid NOT NULL,
      close_op_id uuid,
      recorded_at timestamptz NOT NULL,
      CHECK ((closed_at IS NULL) = (close_op_id IS NULL)),
      CHECK (closed_at IS NULL OR difference_minor = counted_minor - expected_minor)
    );
    CREATE INDEX shift_store_opened ON shift (store_id, opened_at);
    CREATE INDEX shift_terminal_opened ON shift (terminal_id, opened_at);
  `,
};
