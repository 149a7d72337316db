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
 */
export const migration0024: Migration = {
  version: 24,
  name: 'stream publication speed',
  up: `
    ALTER TABLE stream_publication ALTER COLUMN changes SET STORAGE EXTERNAL;
    ALTER TABLE change_log DROP CONSTRAINT change_log_stream_fkey;
  `,
};
