import type { Migration } from '../migration';

/**
 * The voice dashboard's counts, kept beside their rows so a quarter over a chain reads some
 * thousands of rows instead of every sale and answer (4 million sales and 2 million answers a
 * quarter at 200 stores). server/voice/tallies.ts reads them.
 *
 * - sale_tally: sales (kind 'sale', not refunds) per period, store, cashier and currency: the
 *   dashboard's sale count, its currency (the least one) and so the response rate and complaints
 *   per 1,000 sales.
 * - feedback_tally: answers per period, store, cashier and scale, split as the shared rules split
 *   them (shared/rules/feedback.ts: promoters 9–10, passives 7–8, detractors 0–6; satisfied 4–5):
 *   NPS, CSAT and the per-cashier figures.
 * - feedback_reason_tally: reason tags per period, store, cashier and tag: the top reasons.
 *
 * A period is a UTC day (grain 'day') or a UTC month (grain 'month', period its first day); each
 * row is counted in both, so a quarter reads three months and a range starting or ending within a
 * month reads those days. The dashboard's range is whole UTC days: feedback's `at` (timestamptz)
 * falls on its UTC date. A sale's created_at is the terminal's ISO text and the dashboard compares
 * it as text with 'YYYY-MM-DDT00:00:00.000Z'; an instant in the first millisecond of a day written
 * with more than three decimals ('…T00:00:00.0000Z', which the sync schema accepts) sorts before
 * that bound, so sale_text_day counts it on the day before, as the comparison does.
 *
 * Kept by statement-level triggers in the transaction that writes the rows, as member_activity is
 * (0008): every snapshot that sees a row sees it counted, whichever writer wrote it (the push path,
 * head office's own writers, a bulk load). An insert that conflicts adds nothing: the transition
 * table holds only rows inserted.
 * - feedback is append-only (0019's trigger refuses UPDATE and DELETE), so only INSERT counts.
 * - sale: INSERT adds; UPDATE (erasure clears `reason`) and DELETE apply the difference, and a
 *   row that reaches 0 is removed (min(currency) must not see a currency no sale has).
 * - TRUNCATE of either empties its tallies.
 *
 * Complaints are not tallied: their medians (percentile_cont) need every complaint's times. They
 * get the hours the medians sort as stored columns (the same float8 the expression gave), the
 * opener as a column instead of a key inside the state's jsonb, and a covering index on
 * opened_at, so the dashboard reads narrow index entries instead of rows carrying their state.
 * Plus an index by member for the service-recovery reads.
 *
 * The existing rows are counted here.
 */

const periods = `CROSS JOIN (VALUES ('day'), ('month')) AS g (grain)`;
const periodOf = (day: string) =>
  `CASE WHEN g.grain = 'day' THEN ${day} ELSE date_trunc('month', ${day})::date END`;

/** Adds `source`'s (day, store_id, staff_id, currency, n) to sale_tally; n may be negative. */
const addSales = (source: string) => `
  INSERT INTO sale_tally AS t (grain, period, store_id, staff_id, currency, sales)
  SELECT g.grain, ${periodOf('s.day')}, s.store_id, s.staff_id, s.currency, sum(s.n)
  FROM (${source}) AS s ${periods}
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(s.n) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, period, store_id, staff_id, currency) DO UPDATE SET
    sales = t.sales + excluded.sales`;

const salesIn = (table: string, sign: number) =>
  `SELECT sale_text_day(created_at) AS day, store_id, staff_id, currency, ${sign} AS n
   FROM ${table} WHERE kind = 'sale'`;

/** Removes the rows a change took to 0, among the keys the old rows had. */
const dropEmptied = `
  DELETE FROM sale_tally t
  USING (SELECT DISTINCT sale_text_day(created_at) AS day, store_id, staff_id, currency
    FROM old_sales WHERE kind = 'sale') AS s ${periods}
  WHERE t.sales = 0 AND t.grain = g.grain AND t.period = ${periodOf('s.day')}
    AND t.store_id = s.store_id AND t.staff_id = s.staff_id
    AND t.currency IS NOT DISTINCT FROM s.currency`;

const addFeedback = (table: string) => `
  INSERT INTO feedback_tally AS t
    (grain, period, store_id, staff_id, scale, promoters, passives, detractors, satisfied, n)
  SELECT g.grain, ${periodOf('f.day')}, f.store_id, f.staff_id, f.scale,
    count(*) FILTER (WHERE f.scale = 'nps' AND f.score >= 9),
    count(*) FILTER (WHERE f.scale = 'nps' AND f.score BETWEEN 7 AND 8),
    count(*) FILTER (WHERE f.scale = 'nps' AND f.score <= 6),
    count(*) FILTER (WHERE f.scale = 'csat' AND f.score >= 4),
    count(*)
  FROM (SELECT (at AT TIME ZONE 'UTC')::date AS day, store_id, staff_id, scale, score
    FROM ${table}) AS f ${periods}
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, period, store_id, staff_id, scale) DO UPDATE SET
    promoters = t.promoters + excluded.promoters, passives = t.passives + excluded.passives,
    detractors = t.detractors + excluded.detractors, satisfied = t.satisfied + excluded.satisfied,
    n = t.n + excluded.n;
  INSERT INTO feedback_reason_tally AS t (grain, period, store_id, staff_id, tag, n)
  SELECT g.grain, ${periodOf('f.day')}, f.store_id, f.staff_id, f.tag, count(*)
  FROM (SELECT (at AT TIME ZONE 'UTC')::date AS day, store_id, staff_id, tag
    FROM ${table}, unnest(reasons) AS tag) AS f ${periods}
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, period, store_id, staff_id, tag) DO UPDATE SET n = t.n + excluded.n`;

export const migration0023: Migration = {
  version: 23,
  name: 'voice dashboard tallies',
  up: `
    CREATE FUNCTION sale_text_day(created_at text) RETURNS date LANGUAGE sql IMMUTABLE AS $fn$
      SELECT CASE WHEN created_at < left(created_at, 10) || 'T00:00:00.000Z'
        THEN left(created_at, 10)::date - 1 ELSE left(created_at, 10)::date END
    $fn$;

    CREATE TABLE sale_tally (
      grain text NOT NULL CHECK (grain IN ('day', 'month')),
      period date NOT NULL CHECK (grain = 'day' OR extract(day FROM period) = 1),
      store_id uuid NOT NULL,
      staff_id uuid NOT NULL,
      currency text,
      -- No CHECK (sales >= 0): PostgreSQL checks the row an upsert proposes before it finds the
      -- conflict, and a change's difference is negative. The drift test holds it instead.
      sales integer NOT NULL
    );
    CREATE UNIQUE INDEX sale_tally_key
      ON sale_tally (grain, period, store_id, staff_id, currency) NULLS NOT DISTINCT;

    CREATE TABLE feedback_tally (
      grain text NOT NULL CHECK (grain IN ('day', 'month')),
      period date NOT NULL CHECK (grain = 'day' OR extract(day FROM period) = 1),
      store_id uuid NOT NULL,
      staff_id uuid,
      scale text NOT NULL,
      promoters integer NOT NULL,
      passives integer NOT NULL,
      detractors integer NOT NULL,
      satisfied integer NOT NULL,
      n integer NOT NULL CHECK (n > 0),
      CHECK (scale = 'nps' OR promoters + passives + detractors = 0),
      CHECK (scale = 'csat' OR (promoters + passives + detractors = n AND satisfied = 0))
    );
    CREATE UNIQUE INDEX feedback_tally_key
      ON feedback_tally (grain, period, store_id, staff_id, scale) NULLS NOT DISTINCT;

    CREATE TABLE feedback_reason_tally (
      grain text NOT NULL CHECK (grain IN ('day', 'month')),
      period date NOT NULL CHECK (grain = 'day' OR extract(day FROM period) = 1),
      store_id uuid NOT NULL,
      staff_id uuid,
      tag text NOT NULL,
      n integer NOT NULL CHECK (n > 0)
    );
    CREATE UNIQUE INDEX feedback_reason_tally_key
      ON feedback_reason_tally (grain, period, store_id, staff_id, tag) NULLS NOT DISTINCT;

    CREATE FUNCTION sale_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${addSales(salesIn('new_sales', 1))};
      RETURN NULL;
    END
    $fn$;
    CREATE FUNCTION sale_tally_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${addSales(`${salesIn('new_sales', 1)} UNION ALL ${salesIn('old_sales', -1)}`)};
      ${dropEmptied};
      RETURN NULL;
    END
    $fn$;
    CREATE FUNCTION sale_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${addSales(salesIn('old_sales', -1))};
      ${dropEmptied};
      RETURN NULL;
    END
    $fn$;
    -- DELETE, not TRUNCATE: a TRUNCATE that names both tables has the tally open already.
    CREATE FUNCTION sale_tally_forget() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM sale_tally;
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER sale_tally_insert AFTER INSERT ON sale
      REFERENCING NEW TABLE AS new_sales
      FOR EACH STATEMENT EXECUTE FUNCTION sale_tally_insert();
    CREATE TRIGGER sale_tally_update AFTER UPDATE ON sale
      REFERENCING OLD TABLE AS old_sales NEW TABLE AS new_sales
      FOR EACH STATEMENT EXECUTE FUNCTION sale_tally_update();
    CREATE TRIGGER sale_tally_delete AFTER DELETE ON sale
      REFERENCING OLD TABLE AS old_sales
      FOR EACH STATEMENT EXECUTE FUNCTION sale_tally_delete();
    CREATE TRIGGER sale_tally_truncate AFTER TRUNCATE ON sale
      FOR EACH STATEMENT EXECUTE FUNCTION sale_tally_forget();

    CREATE FUNCTION feedback_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${addFeedback('new_feedback')};
      RETURN NULL;
    END
    $fn$;
    CREATE FUNCTION feedback_tally_forget() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM feedback_tally;
      DELETE FROM feedback_reason_tally;
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER feedback_tally_insert AFTER INSERT ON feedback
      REFERENCING NEW TABLE AS new_feedback
      FOR EACH STATEMENT EXECUTE FUNCTION feedback_tally_insert();
    CREATE TRIGGER feedback_tally_truncate AFTER TRUNCATE ON feedback
      FOR EACH STATEMENT EXECUTE FUNCTION feedback_tally_forget();

    ALTER TABLE complaint
      ADD COLUMN first_response_hours float8 GENERATED ALWAYS AS
        ((extract(epoch FROM first_response_at - opened_at) / 3600)::float8) STORED,
      ADD COLUMN resolution_hours float8 GENERATED ALWAYS AS
        ((extract(epoch FROM resolved_at - opened_at) / 3600)::float8) STORED,
      ADD COLUMN opened_by text GENERATED ALWAYS AS (state ->> 'openedBy') STORED;
    CREATE INDEX complaint_period ON complaint (opened_at) INCLUDE (store_id, category, opened_by,
      member_id, status, first_response_at, resolved_at, first_response_due_at, resolution_due_at,
      first_response_hours, resolution_hours, goodwill_points, goodwill_cost_minor);
    CREATE INDEX complaint_member ON complaint (member_id, opened_at) WHERE member_id IS NOT NULL;

    ${addSales(salesIn('sale', 1))};
    ${addFeedback('feedback')};
  `,
};
