import type { Migration } from '../migrate';

/**
 * Erasure pulled from head office (issue 14 §2).
 *
 * - `erased_member`: the members head office anonymised, as learned on the erasures stream,
 *   with the pseudonym their card number became. Kept even for members this terminal never
 *   held, so a later copy of them (a restore, a replayed operation) is known to be erased.
 * - The outbox refuses every change but its acknowledgement, as before, with one exception: the
 *   payload of an operation about an erased member may be rewritten, which is how its personal
 *   data leaves the outbox (electron/core/members/eraseMember.ts).
 * - The pull cursor table learns the `erasures` stream (SQLite cannot alter a CHECK: rebuilt).
 */
export const migration0015: Migration = {
  version: 15,
  name: 'erasure',
  up: `
    CREATE TABLE erased_member (
      member_id TEXT PRIMARY KEY,
      card_number TEXT NOT NULL,
      erased_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    DROP TRIGGER outbox_only_ack;
    CREATE TRIGGER outbox_only_ack BEFORE UPDATE ON outbox
    WHEN NEW.seq IS NOT OLD.seq OR NEW.op_id IS NOT OLD.op_id OR NEW.op_type IS NOT OLD.op_type
      OR (NEW.payload IS NOT OLD.payload AND NOT EXISTS (
        SELECT 1 FROM erased_member e
        WHERE e.member_id IN (json_extract(OLD.payload, '$.id'),
          json_extract(OLD.payload, '$.memberId'))))
      OR (OLD.acked_at IS NOT NULL
        AND (NEW.acked_at IS NOT OLD.acked_at OR NEW.payload IS OLD.payload))
    BEGIN SELECT RAISE(ABORT, 'an outbox row may only be acknowledged, once'); END;

    CREATE TABLE sync_cursor_v15 (
      stream TEXT PRIMARY KEY
        CHECK (stream IN ('members', 'balances', 'coupons', 'config', 'consent', 'erasures')),
      cursor INTEGER NOT NULL CHECK (cursor >= 0)
    ) STRICT;
    INSERT INTO sync_cursor_v15 (stream, cursor) SELECT stream, cursor FROM sync_cursor;
    DROP TABLE sync_cursor;
    ALTER TABLE sync_cursor_v15 RENAME TO sync_cursor;
  `,
};
