import type { Migration } from '../migration';

/**
 * What a commit pays per published change (migration 0006), found timing a 100,000-member import
 * (issue 16 §5), which publishes a third of a million changes in one transaction:
 * - `stream_publication.changes` is written and read back once, inside one transaction, by a
 *   table that is unlogged and always empty between transactions. Compressing it only cost
 *   time: stored uncompressed (EXTERNAL), a batch of 1,000 members' changes is written in about
 *   two thirds of the time and read back in half.
 * - `change_log.stream` referenced `stream_counter`, so every change paid a foreign-key look-up
 *   at commit. Its one writer, publish_stream_changes(), numbers a change only by joining it to
 *   its stream's counter row and raises when any change has none, so the key checked nothing the
 *   writer had not. A change from anywhere else would be a second writer of the log, which there
 *   must not be.
 * - Two more keys checked, per row, what their table's one writer has just written itself, in
 *   the same transaction, to a table nothing deletes from:
 *   - `consent_current.event_id`: the standing answer is moved only by the consent writer, to an
 *     event it inserted in that statement's transaction, and consent_event refuses UPDATE and
 *     DELETE (migration 13's trigger);
 *   - `member_import_row.import_id`: the import inserts its member_import row before its rows,
 *     and nothing deletes an import.
 *
 *   The keys to member stay: every writer here names members, and they are what the keys guard.
 */
export const migration0024: Migration = {
  version: 24,
  name: 'bulk write speed',
  up: `
    ALTER TABLE stream_publication ALTER COLUMN changes SET STORAGE EXTERNAL;
    ALTER TABLE change_log DROP CONSTRAINT change_log_stream_fkey;
    ALTER TABLE consent_current DROP CONSTRAINT consent_current_event_id_fkey;
    ALTER TABLE member_import_row DROP CONSTRAINT member_import_row_import_id_fkey;
  `,
};
