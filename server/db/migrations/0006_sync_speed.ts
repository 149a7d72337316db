import type { Migration } from '../migration';

/**
 * Stream numbers taken at commit, so that concurrent pushes do not queue on the stream counters.
 *
 * A pull stream's numbers must commit in order and without holes (a cursor that passed seq N has
 * seen everything below N), which is why a counter row is locked to take them and the lock is
 * held until commit. Until now a push took those locks first and held them while it applied its
 * whole batch, so every push in the chain waited for the one before it. Now a writer only
 * records what it publishes, as a `stream_publication` row in its own transaction, and a deferred
 * constraint trigger takes the numbers inside COMMIT itself: the counter rows are locked (in one
 * order, so committers never deadlock on them) for as long as the commit takes, and no longer.
 *
 * The table is always empty between transactions (the trigger deletes the rows it publishes,
 * and another transaction's rows are invisible until they commit, by which time they are gone),
 * so it is UNLOGGED: there is nothing in it a crash could lose.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'stream numbers taken at commit',
  up: `
    CREATE UNLOGGED TABLE stream_publication (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- [{"stream", "entityId", "data"}, ...] in the order they are to be numbered.
      changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
      recorded_at timestamptz NOT NULL
    );

    CREATE FUNCTION publish_stream_changes() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      published bigint;
    BEGIN
      -- The first firing in a transaction publishes every row the transaction wrote; the later
      -- firings (one per row) find nothing left.
      IF NOT EXISTS (SELECT 1 FROM stream_publication) THEN
        RETURN NULL;
      END IF;
      PERFORM 1 FROM stream_counter
      WHERE stream IN (
        SELECT DISTINCT c ->> 'stream'
        FROM stream_publication p, jsonb_array_elements(p.changes) AS c
      )
      ORDER BY stream
      FOR UPDATE;
      WITH pending AS (
        SELECT c ->> 'stream' AS stream, c ->> 'entityId' AS entity_id, c -> 'data' AS data,
          p.recorded_at,
          row_number() OVER (PARTITION BY c ->> 'stream' ORDER BY p.id, e.n) AS n
        FROM stream_publication p, jsonb_array_elements(p.changes) WITH ORDINALITY AS e (c, n)
      ),
      counts AS (SELECT stream, count(*) AS n FROM pending GROUP BY stream),
      bumped AS (
        UPDATE stream_counter s SET seq = s.seq + counts.n
        FROM counts WHERE s.stream = counts.stream
        RETURNING s.stream, s.seq - counts.n AS base
      )
      INSERT INTO change_log (stream, seq, entity_id, data, recorded_at)
      SELECT pending.stream, bumped.base + pending.n, pending.entity_id, pending.data,
        pending.recorded_at
      FROM pending JOIN bumped ON bumped.stream = pending.stream;
      GET DIAGNOSTICS published = ROW_COUNT;
      IF published <> (SELECT sum(jsonb_array_length(changes)) FROM stream_publication) THEN
        RAISE EXCEPTION 'a change names a stream that has no counter';
      END IF;
      DELETE FROM stream_publication;
      RETURN NULL;
    END
    $fn$;

    CREATE CONSTRAINT TRIGGER stream_publication_at_commit
      AFTER INSERT ON stream_publication
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION publish_stream_changes();
  `,
};
